#!/usr/bin/env python3
"""Which of the true bugs in bench/triage.tsv do the Clang Static Analyzer
and cppcheck also report?

For every translation unit that has a finding marked `true` in
bench/triage.tsv, runs

  clang-22 --analyze (default checkers) -Xclang -analyzer-output=text
  cppcheck 2.10 --enable=warning,style (+ the posix/gnu cfgs, sqlite3.cfg for
  SQLite code; Debian's cppcheck has no libpq/mysql/hiredis/mongoc cfg)

with the TU's flags from the corpus compile database, and records every
diagnostic. A true finding counts as "found" by a tool when the tool reports
a leak / use-after-free / double-free / mismatched-deallocation style
diagnostic on the line of the finding or on one of the lines its path notes
name as the place of the bug ("leaks ...", "released here", "acquired here");
"other" when the tool reports something else on those lines.

Usage: bench/peer_compare.py --results DIR --triage bench/triage.tsv --out FILE.json
(DIR is the dbleak JSON output of bench/run_corpus.sh.)
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdb_tool import compiler_args  # noqa: E402

LLVM = "/usr/lib/llvm-22/bin"
CFG = "/usr/lib/x86_64-linux-gnu/cppcheck/cfg"
MEMRE = re.compile(r"leak|free|released|deallocat|use of memory after|"
                   r"use-after|double|resource", re.I)


def run_csa(entry):
    cc, args = compiler_args(entry)
    clang = os.path.join(LLVM, "clang++" if "++" in os.path.basename(cc) else "clang")
    cmd = [clang, "--analyze", "-Xclang", "-analyzer-output=text", "-o", "/dev/null"] + \
        args + [entry["file"]]
    p = subprocess.run(cmd, cwd=entry["directory"], capture_output=True, text=True,
                       timeout=3600)
    diags = []
    for line in p.stderr.splitlines():
        m = re.match(r"(.+?):(\d+):\d+: warning: (.*)", line)
        if m:
            diags.append({"file": os.path.normpath(os.path.join(entry["directory"], m.group(1))),
                          "line": int(m.group(2)), "msg": m.group(3)})
    return diags


def run_cppcheck(entry, libs):
    _, args = compiler_args(entry)
    cmd = ["cppcheck", "--quiet", "--enable=warning,style", "--inline-suppr",
           f"--library={CFG}/posix.cfg", f"--library={CFG}/gnu.cfg",
           "--template={file}:{line}:{column}: {severity}: {message} [{id}]"]
    if "sqlite3" in libs:
        cmd.append(f"--library={CFG}/sqlite3.cfg")
    it = iter(args)
    for a in it:
        if a in ("-I", "-D", "-U"):
            cmd += [a, next(it, "")]
        elif a.startswith(("-I", "-D", "-U")):
            cmd.append(a)
    if entry["file"].endswith((".cc", ".cpp", ".cxx")):
        cmd.append("--language=c++")
    p = subprocess.run(cmd + [entry["file"]], cwd=entry["directory"], capture_output=True,
                       text=True, timeout=3600)
    diags = []
    for line in p.stderr.splitlines():
        m = re.match(r"(.+?):(\d+):\d+: (\w+): (.*)", line)
        if m:
            diags.append({"file": os.path.normpath(os.path.join(entry["directory"], m.group(1))),
                          "line": int(m.group(2)), "msg": m.group(3) + ": " + m.group(4)})
    return diags


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--triage", required=True)
    ap.add_argument("--corpus", default="/work/corpus")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    true_rows = []
    with open(a.triage) as f:
        next(f)
        for line in f:
            pkg, file, ln, check, verdict, reason = line.rstrip("\n").split("\t", 5)
            if verdict == "true":
                true_rows.append((pkg, file, int(ln), check, reason))
    # Path notes of each true finding, from the dbleak JSON report.
    notes = {}
    for pkg in {r[0] for r in true_rows}:
        rep = json.load(open(os.path.join(a.results, pkg + ".json")))
        for fnd in rep["findings"]:
            key = (pkg, fnd["file"], fnd["line"], fnd["check"].replace("dbleak-", ""))
            lines = {fnd["line"]}
            for n in fnd["notes"]:
                if n["file"] == fnd["file"] and re.search(
                        r"leaks|released here|acquired here|still open|overwritten",
                        n["message"]):
                    lines.add(n["line"])
            notes.setdefault(key, set()).update(lines)

    res = {"csa": {}, "cppcheck": {}, "findings": []}
    tus = {}
    for pkg, file, ln, check, reason in true_rows:
        tus.setdefault((pkg, file), []).append((ln, check, reason))
    for (pkg, file), rows in sorted(tus.items()):
        db = json.load(open(os.path.join(a.corpus, pkg, "db", "compile_commands.json")))
        src = os.path.normpath(os.path.join(a.corpus, pkg, "src", file))
        entry = next((e for e in db if os.path.normpath(
            os.path.join(e["directory"], e["file"])) == src), None)
        if entry is None:
            print(f"no compile command for {pkg} {file}", file=sys.stderr)
            continue
        libs = ""
        print(f"{pkg} {file}: {len(rows)} true findings", file=sys.stderr)
        csa = run_csa(entry)
        cpc = run_cppcheck(entry, "sqlite3" if "sqlite" in pkg or "sqlite" in file else libs)
        res["csa"][f"{pkg}/{file}"] = csa
        res["cppcheck"][f"{pkg}/{file}"] = cpc
        for ln, check, reason in rows:
            lines = notes.get((pkg, file, ln, check), {ln})
            out = {"pkg": pkg, "file": file, "line": ln, "check": check, "reason": reason,
                   "lines": sorted(lines)}
            for tool, diags in (("csa", csa), ("cppcheck", cpc)):
                at = [d for d in diags if d["file"] == src and d["line"] in lines]
                mem = [d for d in at if MEMRE.search(d["msg"])]
                out[tool] = "found" if mem else ("other" if at else "no")
                out[tool + "_diags"] = [f"{d['line']}: {d['msg']}" for d in at]
            res["findings"].append(out)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    tot = len(res["findings"])
    for tool in ("csa", "cppcheck"):
        n = sum(1 for r in res["findings"] if r[tool] == "found")
        o = sum(1 for r in res["findings"] if r[tool] == "other")
        print(f"{tool}: found {n} of {tot} true findings ({o} with another diagnostic there)")


if __name__ == "__main__":
    main()
