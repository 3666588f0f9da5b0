#!/usr/bin/env python3
"""Compile-database helper for bench/corpus.sh.

  filter   keep the TUs of a compile_commands.json that (transitively) include a
           DB client header; write the gcc database, a clang-22 database and a
           TSV of TU -> DB libraries.
  parse    run `clang -fsyntax-only` on every TU of a (clang) database.
  list     print the filtered databases (for bench/overhead.sh, triage, ...).
  summary  print the corpus summary table.
"""
import argparse
import concurrent.futures as cf
import json
import os
import shlex
import signal
import subprocess
import sys

# Header (basename, or a path fragment ending in '/') -> library label.
DB_HEADERS = {
    "libpq-fe.h": "libpq",
    "sqlite3.h": "sqlite3",
    "mysql.h": "mysql",
    "sqltypes.h": "odbc",  # unixODBC's sql.h pulls sqltypes.h; avoids matching projects' own sql.h
    "hiredis.h": "hiredis",
    "mongoc.h": "mongoc",
    "/pqxx/": "libpqxx",
    "/soci/": "soci",
}
SOURCE_EXT = (".c", ".cc", ".cpp", ".cxx", ".C")

# Options that gcc accepts and clang rejects (or that only matter for code
# generation); dropped when converting a command for clang.
DROP_EXACT = {
    "-c", "-MD", "-MMD", "-MP", "-fno-var-tracking-assignments",
    "-ffat-lto-objects", "-fno-lto", "-fno-fat-lto-objects",
    "-fstack-clash-protection", "-fcf-protection", "-pipe",
    "-fno-semantic-interposition", "-fno-ipa-cp-clone", "-fno-ipa-cp",
    "-fallow-store-data-races", "-fno-allow-store-data-races",
    "-fexcess-precision=standard", "-fno-tree-loop-distribute-patterns",
}
DROP_PREFIX = ("-flto", "-Werror", "-Wp,-MD", "-Wp,-MMD", "-specs=", "-fdebug-prefix-map=",
               "-ffile-prefix-map=", "-fmacro-prefix-map=", "-fvar-tracking",
               "-mindirect-branch", "-mindirect-return", "-mfunction-return=")
DROP_WITH_ARG = {"-o", "-MF", "-MT", "-MQ"}


def load(path):
    with open(path) as f:
        return json.load(f)


def args_of(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def abs_file(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def strip_outputs(args):
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in DROP_WITH_ARG:
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-MP") or a.startswith(("-Wp,-MD", "-Wp,-MMD")):
            continue
        if any(a.startswith(o) and len(a) > len(o) for o in ("-MF", "-MT", "-MQ")):
            continue
        out.append(a)
    return out


def deps_of(entry):
    """Headers the TU includes, using the recorded compiler with -M."""
    args = strip_outputs(args_of(entry))
    cmd = args + ["-M", "-MG", "-w"]
    try:
        p = subprocess.run(cmd, cwd=entry["directory"], capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1:] or ["exit %d" % p.returncode]
    text = p.stdout.replace("\\\n", " ")
    deps = text.split(":", 1)[1].split() if ":" in text else []
    return deps, None


def libs_of(deps):
    libs = set()
    for d in deps:
        base = os.path.basename(d)
        for key, lib in DB_HEADERS.items():
            if key.endswith("/"):
                if key in d:
                    libs.add(lib)
            elif base == key:
                libs.add(lib)
    return sorted(libs)


def to_clang(entry, clang):
    args = strip_outputs(args_of(entry))
    cxx = "++" in os.path.basename(args[0]) or entry["file"].endswith(SOURCE_EXT[1:4] + (".C",))
    comp = clang.replace("clang", "clang++", 1) if cxx and "clang++" not in clang else clang
    out = [comp]
    for a in args[1:]:
        if a in DROP_EXACT or a.startswith(DROP_PREFIX):
            continue
        out.append(a)
    out += ["-Qunused-arguments", "-Wno-unknown-warning-option"]
    return {"directory": entry["directory"], "file": entry["file"], "arguments": out}


def cmd_filter(ns):
    db = load(ns.inp)
    seen, keep, rows, errors = set(), [], [], []
    cands = []
    for e in db:
        f = abs_file(e)
        if not f.endswith(SOURCE_EXT) or f in seen:
            continue  # libtool records PIC and non-PIC compiles of one file: keep the first
        seen.add(f)
        cands.append(e)
    with cf.ThreadPoolExecutor(max_workers=ns.jobs) as ex:
        results = list(ex.map(deps_of, cands))
    for e, (deps, err) in zip(cands, results):
        if deps is None:
            errors.append((abs_file(e), err))
            continue
        libs = libs_of(deps)
        if libs:
            keep.append(e)
            rows.append((abs_file(e), ",".join(libs)))
    keep.sort(key=abs_file)
    rows.sort()
    with open(ns.out, "w") as f:
        json.dump(keep, f, indent=1)
    os.makedirs(os.path.dirname(ns.clang_out), exist_ok=True)
    with open(ns.clang_out, "w") as f:
        json.dump([to_clang(e, ns.clang) for e in keep], f, indent=1)
    with open(ns.tus, "w") as f:
        for file, libs in rows:
            f.write("%s\t%s\n" % (file, libs))
    print("%s: %d compile commands, %d distinct TUs, %d include a DB client header"
          % (ns.pkg, len(db), len(cands), len(keep)))
    for file, err in errors:
        print("  dependency scan failed: %s: %s" % (file, err))
    return 0


def parse_one(e):
    args = e["arguments"] + ["-fsyntax-only"]
    try:
        p = subprocess.run(args, cwd=e["directory"], capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "timeout", "timeout"
    errs = [l for l in p.stderr.splitlines() if ": error: " in l or "fatal error" in l]
    return ("ok" if p.returncode == 0 else "fail"), "\n".join(errs[:10] or p.stderr.splitlines()[-5:])


def cmd_parse(ns):
    db = load(ns.inp)
    libs = dict(l.rstrip("\n").split("\t") for l in open(ns.tus)) if os.path.exists(ns.tus) else {}
    with cf.ThreadPoolExecutor(max_workers=ns.jobs) as ex:
        res = list(ex.map(parse_one, db))
    nok = 0
    with open(ns.out, "w") as out, open(ns.errors, "w") as errf:
        for e, (st, msg) in zip(db, res):
            f = abs_file(e)
            out.write("%s\t%s\t%s\n" % (st, libs.get(f, ""), f))
            if st == "ok":
                nok += 1
            else:
                errf.write("== %s\n%s\n\n" % (f, msg))
    print("clang parse: %d/%d TUs ok" % (nok, len(db)))
    return 0


def pkg_info(corpus, pkg):
    w = os.path.join(corpus, pkg)
    info = {"pkg": pkg, "dir": w, "version": "", "full": None, "tus": None, "ok": None,
            "failed": [], "cdb": os.path.join(w, "db", "compile_commands.json"), "rows": []}
    try:
        info["version"] = open(os.path.join(w, "VERSION")).read().strip()
    except OSError:
        pass
    try:
        info["full"] = len(load(os.path.join(w, "compile_commands.json")))
    except (OSError, ValueError):
        pass
    try:
        info["tus"] = len(load(info["cdb"]))
    except (OSError, ValueError):
        pass
    try:
        rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(w, "parse.tsv"))]
        info["rows"] = rows
        info["ok"] = sum(1 for r in rows if r[0] == "ok")
        info["failed"] = [r[2] for r in rows if r[0] != "ok"]
    except OSError:
        pass
    steps = ["fetch", "deps", "build", "filter", "parse"]
    done = [s for s in steps if os.path.exists(os.path.join(w, ".stamp-" + s))]
    info["state"] = "done" if len(done) == len(steps) else ("after " + done[-1] if done else "not started")
    info["secs"] = {}
    for s in done:
        try:
            info["secs"][s] = int(open(os.path.join(w, ".stamp-" + s)).read().strip() or 0)
        except (OSError, ValueError):
            pass
    return info


def fmt(v):
    return "-" if v is None else str(v)


def cmd_summary(ns):
    infos = [pkg_info(ns.corpus, p) for p in ns.pkgs]
    hdr = ("package", "version", "cdb entries", "DB TUs", "clang-22 ok", "time s", "state")
    rows = [(i["pkg"], i["version"], fmt(i["full"]), fmt(i["tus"]), fmt(i["ok"]),
             fmt(sum(i["secs"].values()) if i["secs"] else None), i["state"]) for i in infos]
    tot = ("TOTAL", "", str(sum(i["full"] or 0 for i in infos)), str(sum(i["tus"] or 0 for i in infos)),
           str(sum(i["ok"] or 0 for i in infos)), str(sum(sum(i["secs"].values()) for i in infos)), "")
    widths = [max(len(r[c]) for r in [hdr] + rows + [tot]) for c in range(len(hdr))]
    line = lambda r: "  ".join(x.ljust(widths[c]) for c, x in enumerate(r)).rstrip()
    print(line(hdr))
    print(line(tuple("-" * w for w in widths)))
    for r in rows:
        print(line(r))
    print(line(tot))
    fails = [(i["pkg"], f) for i in infos for f in i["failed"]]
    if fails:
        print("\nTUs that do not parse with clang-22 (kept in the databases; see PKG/parse_errors.log):")
        for p, f in fails:
            print("  %s  %s" % (p, f))
    return 0


def cmd_list(ns):
    for p in ns.pkgs:
        i = pkg_info(ns.corpus, p)
        if i["tus"] is None:
            continue
        if ns.verbose:
            for st, libs, f in i["rows"]:
                print("%s\t%s\t%s\t%s" % (p, st, libs, f))
        else:
            print("%s\t%d\t%s\t%s" % (p, i["tus"], fmt(i["ok"]), i["cdb"]))
    return 0


def compiler_args(entry):
    """The compiler of a compile-database entry and its arguments without
    the source file, -c and output/dependency-file options (for re-running
    the TU under another tool: clang --analyze, cppcheck, clang-tidy)."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    src = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a == "-c" or os.path.normpath(os.path.join(entry["directory"], a)) == src:
            continue
        out.append(a)
    return args[0], out


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `corpus.sh --list-tus -v | head`
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("filter")
    f.add_argument("--pkg", required=True)
    f.add_argument("--in", dest="inp", required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--clang-out", required=True)
    f.add_argument("--tus", required=True)
    f.add_argument("--clang", default="clang-22")
    f.add_argument("--jobs", type=int, default=2)
    p = sub.add_parser("parse")
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--tus", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--errors", required=True)
    p.add_argument("--jobs", type=int, default=2)
    s = sub.add_parser("summary")
    s.add_argument("--corpus", required=True)
    s.add_argument("pkgs", nargs="*")
    l = sub.add_parser("list")
    l.add_argument("--corpus", required=True)
    l.add_argument("-v", "--verbose", action="store_true")
    l.add_argument("pkgs", nargs="*")
    ns = ap.parse_args()
    return {"filter": cmd_filter, "parse": cmd_parse, "summary": cmd_summary, "list": cmd_list}[ns.cmd](ns)


if __name__ == "__main__":
    sys.exit(main())
