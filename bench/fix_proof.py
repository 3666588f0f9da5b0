#!/usr/bin/env python3
"""Fix-its on a scratch copy: how many leak findings get one, and proof that
applying them breaks nothing.

  fix_proof.py --dbleak BIN --tests DIR            # lit test sources (*.c, *.cpp)
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
Prints one tab-separated line of figures (see the header it prints).
"""
import argparse
import collections
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

LIBFLAGS = ["-I/usr/include/postgresql", "-I/usr/include/mariadb",
            "-I/usr/include/hiredis", "-I/usr/include/libmongoc-1.0",
            "-I/usr/include/libbson-1.0"]


def tests_cdb(src_dir, scratch, clang):
    entries = []
    for name in sorted(os.listdir(src_dir)):
        if not name.endswith((".c", ".cpp")):
            continue
        shutil.copy(os.path.join(src_dir, name), scratch)
        std = ["-std=c++17"] if name.endswith(".cpp") else []
        entries.append({"directory": scratch, "file": name,
                        "arguments": [clang, "-c"] + std + LIBFLAGS + [name]})
    return entries


def package_cdb(cdb_path, scratch):
    entries = json.load(open(cdb_path))
    dirs = [e["directory"] for e in entries]
    root = os.path.commonpath(dirs + [os.path.join(e["directory"], e["file"])
                                      for e in entries])
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dbleak", required=True)
    ap.add_argument("--clang", default="clang-22")
    ap.add_argument("--tests")
    ap.add_argument("--cdb")
    ap.add_argument("--name", default="")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="dbleak-fix-proof-")
    try:
        entries = (tests_cdb(a.tests, scratch, a.clang) if a.tests
                   else package_cdb(a.cdb, scratch))
        with open(os.path.join(scratch, "compile_commands.json"), "w") as f:
            json.dump(entries, f)
        errors_before = [syntax_errors(e) for e in entries]
        before, _ = findings(a.dbleak, scratch)
        leaks = [f for f in before if f["check"] == "dbleak-leak"]
        own_fix = sum(1 for f in leaks if f["fixes"])
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
        print(f"{a.name or a.tests or a.cdb}\t{len(entries)}\t{len(leaks)}\t"
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
