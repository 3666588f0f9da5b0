#!/usr/bin/env python3
"""Fix-its on a scratch copy: how many leak findings get one, and proof that
applying them breaks nothing.

  fix_proof.py --dbleak BIN --tests DIR...         # lit test sources (*.c, *.cpp)
  fix_proof.py --dbleak BIN --cdb PKG/db/compile_commands.json [--name PKG]

The sources are copied to a scratch directory (a package: the whole tree
its compilation database points into), so nothing in place is touched.
Then:
  1. dbleak --format=json (fixes verified by re-analysis, see docs/driver.md)
  2. dbleak --fix
  3. every translation unit re-compiled with its own command
     (-fsyntax-only): compiler errors before vs after
  4. dbleak --format=json again: which leak findings are gone, which
     findings are new (keyed by check, file, message)
Prints one tab-separated line of figures (see the header it prints), and on
standard error, per check that offers fixes (leak, mismatched release,
unfinished transaction), how many findings have one and why the others do
not (the checks' ExplainMissingFixes notes; docs/checks/leak.md).
"""
import argparse
import collections
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

def catalog_include_flags():
    """-I for every include directory the catalog names, as the lit tests'
    %libflags."""
    import yaml
    catalog = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "checks", "catalog")
    flags = []
    for name in sorted(os.listdir(catalog)):
        if name.endswith(".yaml"):
            with open(os.path.join(catalog, name)) as f:
                for d in (yaml.safe_load(f) or {}).get("include_dirs", []):
                    if "-I" + d not in flags:
                        flags.append("-I" + d)
    return flags


LIBFLAGS = catalog_include_flags()


def run_line_flags(path):
    """The compiler flags of a lit test's first %check_dbleak RUN line."""
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.search(r"RUN: %check_dbleak %s \S+ %t\S*(.*)", line)
        if m:
            args = shlex.split(m.group(1))
            seps = [i for i, x in enumerate(args) if x == "--"]
            flags = args[seps[1] + 1:] if len(seps) > 1 else []
            out = []
            for x in flags:
                out += LIBFLAGS if x == "%libflags" else [x]
            return out
    return None


def tests_cdb(src_dirs, scratch, clang):
    """Every lit test source below src_dirs that runs a check, with the
    compiler flags of its RUN line, copied into scratch/<dir>/."""
    entries = []
    for src_dir in src_dirs:
        for root, _, names in sorted(os.walk(src_dir)):
            for name in sorted(names):
                if not name.endswith((".c", ".cpp")):
                    continue
                path = os.path.join(root, name)
                flags = run_line_flags(path)
                if flags is None:
                    continue
                dest = os.path.join(scratch, os.path.relpath(
                    root, os.path.dirname(os.path.abspath(src_dir))))
                os.makedirs(dest, exist_ok=True)
                shutil.copy(path, dest)
                std = ([] if any(f.startswith("-std=") for f in flags) else
                       ["-std=c++17"] if name.endswith(".cpp") else [])
                entries.append({"directory": dest, "file": name,
                                "arguments": [clang, "-c"] + std + flags +
                                [name]})
    return entries


def package_cdb(cdb_path, scratch):
    entries = json.load(open(cdb_path))
    paths = [e["directory"] for e in entries]
    paths += [os.path.join(e["directory"], e["file"]) for e in entries]
    # The project's own include directories come along (relative -I paths
    # must still resolve in the copy); the system's stay where they are.
    for e in entries:
        args = command(e)
        for i, x in enumerate(args):
            d = None
            for flag in ("-I", "-iquote", "-isystem"):
                if x == flag and i + 1 < len(args):
                    d = args[i + 1]
                elif x.startswith(flag) and len(x) > len(flag):
                    d = x[len(flag):]
            if d is not None:
                d = os.path.normpath(os.path.join(e["directory"], d))
                if not d.startswith("/usr/"):
                    paths.append(d)
    root = os.path.commonpath(paths)
    dest = os.path.join(scratch, "tree")
    shutil.copytree(root, dest, symlinks=True)
    text = json.dumps(entries).replace(root, dest)
    return json.loads(text)


def command(e):
    return e["arguments"] if "arguments" in e else shlex.split(e["command"])


def syntax_errors(e):
    args, out = command(e), []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    r = subprocess.run(out + ["-fsyntax-only"], cwd=e["directory"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    return r.stderr.count(" error: ")


def dbleak(bin_, scratch, *extra):
    r = subprocess.run([bin_, "-p", scratch, "-j2", *extra],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if r.returncode not in (0, 1):
        sys.stderr.write(r.stderr)
    return r


def findings(bin_, scratch):
    r = dbleak(bin_, scratch, "--format=json")
    return json.loads(r.stdout)["findings"], r.stderr


def key(f):
    return (f["check"], f["file"], f["message"])


# The checks whose findings carry a fix where one is certainly right.
FIXABLE = ("dbleak-leak", "dbleak-mismatched-release",
           "dbleak-unfinished-transaction")


def why_no_fix(f):
    """The engine's reason code (ExplainMissingFixes), or the driver's."""
    if f["fixes"]:
        return "fix"
    if f.get("fixStatus") == "dropped":
        return "dropped-by-verification"
    for n in f.get("notes", []):
        if n["message"].startswith("no fix-it: "):
            reason = n["message"][len("no fix-it: "):]
            return "fix" if reason == "fixed-by-another-finding" else reason
    return "unexplained"


def breakdown(findings, out, listing=False):
    by_check = collections.defaultdict(collections.Counter)
    for f in findings:
        if f["check"] in FIXABLE:
            by_check[f["check"]][why_no_fix(f)] += 1
            if listing and why_no_fix(f) != "fix":
                out.write(f"{f['file']}:{f['line']}: {f['check']}: "
                          f"{why_no_fix(f)}\n")
    for check in FIXABLE:
        c = by_check.get(check)
        if not c:
            continue
        total = sum(c.values())
        out.write(f"{check}: {total} findings, {c['fix']} fixed "
                  f"({c['fix'] / total:.2f})\n")
        for reason, n in c.most_common():
            if reason != "fix":
                out.write(f"  {n:4d}  {reason}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dbleak", required=True)
    ap.add_argument("--clang", default="clang-22")
    ap.add_argument("--tests", nargs="+")
    ap.add_argument("--cdb")
    ap.add_argument("--name", default="")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--list", action="store_true",
                    help="list each finding without a fix, with the reason")
    a = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="dbleak-fix-proof-")
    try:
        entries = (tests_cdb(a.tests, scratch, a.clang) if a.tests
                   else package_cdb(a.cdb, scratch))
        with open(os.path.join(scratch, "compile_commands.json"), "w") as f:
            json.dump(entries, f)
        # The checks say why a finding has no fix (a note per finding).
        root = os.path.commonpath([e["directory"] for e in entries])
        with open(os.path.join(root, ".clang-tidy"), "w") as f:
            f.write("InheritParentConfig: true\n"
                    "CheckOptions:\n  ExplainMissingFixes: 'true'\n")
        errors_before = [syntax_errors(e) for e in entries]
        before, _ = findings(a.dbleak, scratch)
        leaks = [f for f in before if f["check"] == "dbleak-leak"]
        own_fix = sum(1 for f in leaks if f["fixes"])
        breakdown(before, sys.stderr, a.list)
        dropped = sum(1 for f in before if f.get("fixStatus") == "dropped")
        fixed_total = sum(1 for f in before if f["fixes"])
        dbleak(a.dbleak, scratch, "--fix")
        errors_after = [syntax_errors(e) for e in entries]
        after, _ = findings(a.dbleak, scratch)
        new_errors = sum(max(0, y - x) for x, y in zip(errors_before,
                                                        errors_after))
        b = collections.Counter(key(f) for f in before)
        c = collections.Counter(key(f) for f in after)
        added = sum((c - b).values())
        leaks_after = sum(1 for f in after if f["check"] == "dbleak-leak")
        gone = len(leaks) - leaks_after
        print("set\tTUs\tleak findings\twith a fix\tgone after --fix\t"
              "fraction gone\tfixes (all checks)\tdropped by verification\t"
              "new compiler errors\tnew findings")
        print(f"{a.name or ' '.join(a.tests or []) or a.cdb}\t{len(entries)}\t{len(leaks)}\t"
              f"{own_fix}\t{gone}\t"
              f"{gone / len(leaks) if leaks else 0:.2f}\t{fixed_total}\t"
              f"{dropped}\t{new_errors}\t{added}")
        return 0 if new_errors == 0 and added == 0 else 1
    finally:
        if a.keep:
            print("scratch:", scratch, file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
