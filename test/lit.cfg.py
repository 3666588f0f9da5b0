# lit configuration for dbleak. Tests run against the REAL installed client
# library headers; nothing here fakes them.
import os
import shutil
import lit.formats

config.name = "dbleak"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.join(config.dbleak_src_root, "test")
config.test_exec_root = os.path.join(config.dbleak_obj_root, "test")

# /usr/bin/clang-tidy is LLVM 14 on Debian 12; everything must be 22.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_bin, config.environment.get("PATH", os.environ["PATH"])])
for var in ("HOME", "TMPDIR", "LANG", "DBLEAK_SARIF_SCHEMA"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

python = shutil.which("python3") or "python3"
tidy = os.path.join(config.llvm_bin, "clang-tidy")
runner = os.path.join(config.test_source_root, "check_dbleak.py")

# Include paths of the real client libraries, as their -dev packages install
# them: the `include_dirs` of the catalog files (docs/catalog.md).
def catalog_include_dirs():
    try:
        import yaml
    except ImportError:
        lit_config.fatal("the tests need python3-yaml to read the catalog's "
                         "include_dirs: run scripts/bootstrap.sh")
    catalog = os.path.join(config.dbleak_src_root, "checks", "catalog")
    dirs = []
    for name in sorted(os.listdir(catalog)):
        if name.endswith(".yaml"):
            with open(os.path.join(catalog, name)) as f:
                for d in (yaml.safe_load(f) or {}).get("include_dirs", []):
                    if d not in dirs:
                        dirs.append(d)
    return dirs

lib_flags = " ".join("-I" + d for d in catalog_include_dirs())

config.substitutions.append(("%check_dbleak",
    f"{python} {runner} --clang-tidy {tidy} --plugin {config.dbleak_plugin}"))
config.substitutions.append(("%dbleak_version", config.dbleak_version))
config.substitutions.append(("%dbleak_plugin", config.dbleak_plugin))
config.substitutions.append(("%clang-tidy", tidy))
config.substitutions.append(("%dbleak-clangd", config.dbleak_clangd))
config.substitutions.append(("%dbleak", config.dbleak_driver))
config.substitutions.append(("%clang", os.path.join(config.llvm_bin, "clang")))
config.substitutions.append(("%python", python))
config.substitutions.append(("%libflags", lib_flags))
config.substitutions.append(("%src_root", config.dbleak_src_root))
config.substitutions.append(("%obj_root", config.dbleak_obj_root))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%cpack", config.cpack))
run_tidy = os.path.join(config.llvm_bin, "run-clang-tidy")
config.substitutions.append(("%run-clang-tidy", f"{python} {run_tidy}"))

if os.path.exists(config.dbleak_driver):
    config.available_features.add("driver")
if os.path.exists(config.dbleak_clangd):
    config.available_features.add("clangd")

# Tools the packaging and CI-integration tests drive; without them those
# tests are UNSUPPORTED rather than failing.
if shutil.which("dpkg-deb") and shutil.which("dpkg-shlibdeps"):
    config.available_features.add("dpkg")
if shutil.which("man"):
    config.available_features.add("man")
if shutil.which("ninja"):
    config.available_features.add("ninja")
if shutil.which("pre-commit") and shutil.which("git"):
    config.available_features.add("pre-commit")
if os.path.exists(run_tidy):
    config.available_features.add("run-clang-tidy")
