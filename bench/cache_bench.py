#!/usr/bin/env python3
"""What the result cache and --cross-tu cost on the corpus, as ratios.

For every package bench/corpus.sh --list-tus reports as ready (or the ones
named), one run each, timed here (wall clock, time.monotonic):

  cold        dbleak with an empty --cache-dir
  warm        the same again: nothing changed
  touched     one source file edited (a comment appended, removed afterwards)
  ctu-cold    --cross-tu with another empty --cache-dir
  ctu-warm    the same again
  ctu-nocache --cross-tu --no-cache, and nocache: the default --no-cache, for
              the cost of --cross-tu without any cache

and prints, per package and over all of them (sums of seconds):
  warm / cold, touched / cold (next to that TU's share, 1/TUs),
  ctu-cold / cold, ctu-warm / warm, ctu-nocache / nocache.
It also checks that warm and cold reports are identical, and ctu-warm and
ctu-cold, and fails otherwise: a cache that is fast and wrong is no result.

Usage: bench/cache_bench.py [--driver PATH] [-j N] [--out FILE.json]
                            [PKG... | NAME=path/compile_commands.json...]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def ready_packages():
    out = subprocess.run(["bash", os.path.join(HERE, "corpus.sh"), "--list-tus"],
                         capture_output=True, text=True, check=True).stdout
    pkgs = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and os.path.isfile(parts[3]) \
                and os.path.getsize(parts[3]) > 0:
            pkgs[parts[0]] = parts[3]
    return pkgs


def run(cmd, report):
    t0 = time.monotonic()
    with open(report + ".stderr", "w") as err:
        rc = subprocess.call(cmd + ["--format=json", "-o", report],
                             stdout=subprocess.DEVNULL, stderr=err)
    dt = time.monotonic() - t0
    if rc not in (0, 1, 2) or not os.path.exists(report):
        with open(report + ".stderr") as err:
            tail = err.read()[-2000:]
        sys.exit("cache_bench.py: %s exited %d without a report:\n%s"
                 % (" ".join(cmd), rc, tail))
    return dt


def findings(report):
    with open(report, encoding="utf-8") as f:
        r = json.load(f)
    return r["findings"], r["errors"]


def touched_file(cdb):
    with open(cdb, encoding="utf-8") as f:
        files = sorted({os.path.join(e["directory"], e["file"])
                        for e in json.load(f)})
    return files[len(files) // 2], len(files)


def bench(pkg, cdb, driver, jobs, tmp):
    base = [driver, "-j%d" % jobs, "-p", cdb, "--timeout=600"]
    rep = lambda name: os.path.join(tmp, "%s.%s.json" % (pkg, name))
    c1, c2 = os.path.join(tmp, pkg + ".cache"), os.path.join(tmp, pkg + ".ctu-cache")
    t = {}
    t["cold"] = run(base + ["--cache-dir=" + c1], rep("cold"))
    t["warm"] = run(base + ["--cache-dir=" + c1], rep("warm"))
    if findings(rep("cold")) != findings(rep("warm")):
        sys.exit("cache_bench.py: %s: the warm report differs from the cold one" % pkg)
    victim, ntus = touched_file(cdb)
    saved = open(victim, "rb").read()
    try:
        with open(victim, "ab") as f:
            f.write(b"\n/* cache_bench.py */\n")
        t["touched"] = run(base + ["--cache-dir=" + c1], rep("touched"))
    finally:
        with open(victim, "wb") as f:
            f.write(saved)
    t["ctu-cold"] = run(base + ["--cross-tu", "--cache-dir=" + c2], rep("ctu-cold"))
    t["ctu-warm"] = run(base + ["--cross-tu", "--cache-dir=" + c2], rep("ctu-warm"))
    if findings(rep("ctu-cold")) != findings(rep("ctu-warm")):
        sys.exit("cache_bench.py: %s: the --cross-tu warm report differs" % pkg)
    t["nocache"] = run(base + ["--no-cache"], rep("nocache"))
    t["ctu-nocache"] = run(base + ["--cross-tu", "--no-cache"], rep("ctu-nocache"))
    if findings(rep("nocache")) != findings(rep("cold")):
        sys.exit("cache_bench.py: %s: the cold report differs from --no-cache" % pkg)
    if findings(rep("ctu-nocache")) != findings(rep("ctu-cold")):
        sys.exit("cache_bench.py: %s: --cross-tu differs from --no-cache" % pkg)
    return {"pkg": pkg, "tus": ntus, "touched": os.path.basename(victim),
            "sec": t}


RATIOS = [("warm / cold", "warm", "cold"),
          ("touched / cold", "touched", "cold"),
          ("ctu-cold / cold", "ctu-cold", "cold"),
          ("ctu-warm / warm", "ctu-warm", "warm"),
          ("ctu-nocache / nocache", "ctu-nocache", "nocache")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", default=os.environ.get(
        "DBLEAK", os.path.join(HERE, "..", "build", "driver", "dbleak")))
    ap.add_argument("-j", type=int, default=int(os.environ.get("DBLEAK_JOBS", 2)))
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(),
                                                  "dbleak-cache-bench.json"))
    ap.add_argument("pkgs", nargs="*")
    a = ap.parse_args()
    # NAME=path/compile_commands.json measures any project.
    given = dict(p.split("=", 1) for p in a.pkgs if "=" in p)
    ready = given or ready_packages()
    pkgs = [p.split("=", 1)[0] for p in a.pkgs] or sorted(ready)
    if not pkgs:
        sys.exit("cache_bench.py: no corpus package is ready (bench/corpus.sh)")
    tmp = tempfile.mkdtemp(prefix="dbleak-cache-bench-")
    rows = []
    try:
        for pkg in pkgs:
            if pkg not in ready:
                sys.exit("cache_bench.py: %s is not ready" % pkg)
            rows.append(bench(pkg, ready[pkg], os.path.abspath(a.driver), a.j, tmp))
            print("%s done: %s" % (pkg, rows[-1]["sec"]), file=sys.stderr)
    finally:
        shutil.rmtree(tmp)
    with open(a.out, "w") as f:
        json.dump({"jobs": a.j, "rows": rows}, f, indent=1)
    print("| package | TUs | cold (s) | " +
          " | ".join(name for name, _, _ in RATIOS) + " | touched TU's share |")
    print("|" + " --- |" * (len(RATIOS) + 4))
    total = {k: sum(r["sec"][k] for r in rows) for k in rows[0]["sec"]}
    for r in rows + [{"pkg": "all", "tus": sum(r["tus"] for r in rows),
                      "sec": total}]:
        s = r["sec"]
        print("| %s | %d | %.1f | %s | %s |" % (
            r["pkg"], r["tus"], s["cold"],
            " | ".join("%.3f" % (s[x] / s[y]) for _, x, y in RATIOS),
            "%.3f" % (1 / r["tus"]) if r["pkg"] != "all" else "-"))


if __name__ == "__main__":
    main()
