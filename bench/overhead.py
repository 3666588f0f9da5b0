#!/usr/bin/env python3
"""Overhead of dbleak compared with parsing, the compiler, the Clang Static
Analyzer and cppcheck, on a fixed sample of corpus translation units.

Driven by bench/overhead.sh (see there and bench/overhead.md). For every TU of
the sample and every tool, runs the tool R times (one process per TU, like a
build does) and records wall time and peak RSS (ru_maxrss of the child, the
number GNU time -v prints as "Maximum resident set size"). Per tool it
reports, over R repetitions of the whole sample, the min and median of the
summed wall time, and the ratios between tools computed from those sums. It
also times the dbleak driver with -j1 and -j2 on whole packages.

Output: a JSON file with every measurement and a Markdown summary on stdout.

With --every-tu it measures instead every translation unit of the compile
databases of the finished corpus packages (or those named with --pkgs), not a
sample: per TU, clang-tidy with the dbleak checks against clang-tidy with one
trivial check (and, with --plugin-before, a second dbleak plugin, so that two
builds are compared in one run), interleaved per TU so that a load change hits
all of them alike; CPU time of the child (rusage). The TUs whose ratio is
highest after the first pass are measured --hot-reps more times and their
minimum is kept. It reports per package and overall ratios of the summed CPU
times, and a table of the hottest TUs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdb_tool import compiler_args  # noqa: E402
import time

LLVM = "/usr/lib/llvm-22/bin"
CPPCHECK_CFG = "/usr/lib/x86_64-linux-gnu/cppcheck/cfg"


def load_db(path):
    with open(path) as f:
        return json.load(f)


def list_tus(corpus_sh):
    """(pkg, db path) for every finished package, and (pkg, ok, libs, file)."""
    pk = subprocess.run(["bash", corpus_sh, "--list-tus"], check=True,
                        capture_output=True, text=True).stdout
    tu = subprocess.run(["bash", corpus_sh, "--list-tus", "-v"], check=True,
                        capture_output=True, text=True).stdout
    pkgs = [l.split("\t") for l in pk.splitlines() if l.strip()]
    tus = [l.split("\t") for l in tu.splitlines() if l.strip()]
    return [(p[0], p[3]) for p in pkgs], tus


def pick_sample(pkgs, tus, per_pkg):
    """First per_pkg parse-ok TUs of each package, by path (deterministic)."""
    ok = {}
    for pkg, status, libs, path in tus:
        if status == "ok":
            ok.setdefault(pkg, []).append((path, libs))
    sample = []
    for pkg, db in pkgs:
        entries = {e["file"] if os.path.isabs(e["file"]) else
                   os.path.normpath(os.path.join(e["directory"], e["file"])): e
                   for e in load_db(db)}
        for path, libs in sorted(ok.get(pkg, []))[:per_pkg]:
            if path in entries:
                sample.append({"pkg": pkg, "db": db, "file": path, "libs": libs,
                               "entry": entries[path]})
    return sample


def cppcheck_args(entry, libs):
    """cppcheck with the TU's -I/-D/-U/-std and the library cfgs that exist."""
    _, args = compiler_args(entry)
    out = ["cppcheck", "--quiet", "--error-exitcode=0",
           f"--library={CPPCHECK_CFG}/posix.cfg", f"--library={CPPCHECK_CFG}/gnu.cfg"]
    if "sqlite3" in libs.split(","):
        out.append(f"--library={CPPCHECK_CFG}/sqlite3.cfg")
    it = iter(args)
    for a in it:
        if a in ("-I", "-D", "-U"):
            out += [a, next(it, "")]
        elif a == "-include":
            out.append("--include=" + next(it, ""))
        elif a.startswith(("-I", "-D", "-U")):
            out.append(a)
        elif a.startswith("-std=") and a[5:] in ("c89", "c99", "c11", "c17", "c++11",
                                                  "c++14", "c++17", "c++20"):
            out.append(a)
    if entry["file"].endswith((".cc", ".cpp", ".cxx")):
        out.append("--language=c++")
    return out


def commands(tu, plugin):
    e = tu["entry"]
    cc, args = compiler_args(e)
    f = tu["file"]
    cc = os.path.join(LLVM, "clang++" if cc.endswith("++") or cc.endswith("++-22") else "clang")
    tidy = os.path.join(LLVM, "clang-tidy")
    db = os.path.dirname(tu["db"])
    return {
        "dbleak": [tidy, "--load", plugin, "--checks=-*,dbleak-*", "--quiet",
                   "-p", db, f],
        "tidy-parse": [tidy, "--checks=-*,misc-unused-alias-decls", "--quiet",
                       "-p", db, f],
        "syntax-only": [cc, "-fsyntax-only"] + args + [f],
        "analyze": [cc, "--analyze", "-o", "/dev/null"] + args + [f],
        "cppcheck": cppcheck_args(e, tu["libs"]) + [f],
    }


def run_one(cmd, cwd, timeout):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        _, status, ru = os.wait4(p.pid, 0)
    except KeyboardInterrupt:
        p.kill()
        raise
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return dt, ru.ru_maxrss, p.returncode, ru.ru_utime + ru.ru_stime


def every_tu_list(corpus_sh, only):
    """Every TU (deduplicated by file) of every finished package's database."""
    pkgs, tus = list_tus(corpus_sh)
    status = {path: st for _, st, _, path in tus}
    out = []
    for pkg, db in pkgs:
        if only and pkg not in only:
            continue
        seen = set()
        for e in load_db(db):
            f = e["file"] if os.path.isabs(e["file"]) else \
                os.path.normpath(os.path.join(e["directory"], e["file"]))
            if f in seen:
                continue
            seen.add(f)
            out.append({"pkg": pkg, "db": db, "file": f, "entry": e,
                        "parse": status.get(f, "?")})
    return out


def every_tu(a):
    only = set(a.pkgs.split(",")) if a.pkgs else set()
    tus = every_tu_list(a.corpus_sh, only)
    tools = ["tidy-parse", "dbleak"] + (["dbleak-before"] if a.plugin_before else [])
    plugins = {"dbleak": a.plugin, "dbleak-before": a.plugin_before}
    tidy = os.path.join(LLVM, "clang-tidy")

    def cmd(tool, t):
        db = os.path.dirname(t["db"])
        if tool == "tidy-parse":
            return [tidy, "--checks=-*,misc-unused-alias-decls", "--quiet",
                    "-p", db, t["file"]]
        return [tidy, "--load", plugins[tool], "--checks=-*,dbleak-*", "--quiet",
                "-p", db, t["file"]]

    res = {"mode": "every-tu", "tools": tools, "plugin": a.plugin,
           "plugin_before": a.plugin_before,
           "tus": [{"pkg": t["pkg"], "file": t["file"], "parse": t["parse"]}
                   for t in tus],
           "runs": [], "load_before": loadavg(), "loads": []}
    print(f"every TU: {len(tus)} TUs from {len({t['pkg'] for t in tus})} packages",
          file=sys.stderr)

    def measure(t, i, rep):
        # Rotate the order per TU and repetition: no tool always runs first.
        k = (rep + i) % len(tools)
        for tool in tools[k:] + tools[:k]:
            dt, rss, rc, cpu = run_one(cmd(tool, t), t["entry"]["directory"], 600)
            res["runs"].append({"rep": rep, "pkg": t["pkg"], "file": t["file"],
                                "tool": tool, "sec": dt, "cpu": cpu,
                                "maxrss_kb": rss, "rc": rc})

    for rep in range(a.reps):
        for i, t in enumerate(tus):
            measure(t, i, rep)
            if i % 20 == 19:
                res["loads"].append(loadavg()[0])
                # What is measured so far stays, should the run be cut short.
                res["load_after"] = loadavg()
                with open(a.out, "w") as f:
                    json.dump(res, f)
        print(f"pass {rep + 1}/{a.reps} done, load {loadavg()[0]:.2f}", file=sys.stderr)
    # The hot TUs again: the minimum of several runs is what they cost.
    if a.hot_reps:
        best = per_tu_min(res)
        ratios = sorted(((v["dbleak"] / max(v["tidy-parse"], 1e-3), f)
                         for f, v in best.items()), reverse=True)
        hot = {f for r, f in ratios[:a.hot_top]} | \
              {f for r, f in ratios if r > a.hot_ratio}
        for rep in range(a.reps, a.reps + a.hot_reps):
            for i, t in enumerate(tus):
                if t["file"] in hot:
                    measure(t, i, rep)
        print(f"{len(hot)} hot TUs measured {a.hot_reps} more times", file=sys.stderr)
    res["load_after"] = loadavg()
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    summarize_every_tu(res)


def per_tu_min(res):
    """file -> tool -> min CPU seconds over the repetitions."""
    best = {}
    for r in res["runs"]:
        slot = best.setdefault(r["file"], {})
        slot[r["tool"]] = min(slot.get(r["tool"], float("inf")), r["cpu"])
    return best


def summarize_every_tu(res, hot_rows=15):
    tools = res["tools"]
    best = per_tu_min(res)
    pkg_of = {t["file"]: t["pkg"] for t in res["tus"]}
    fails = {t: sum(1 for r in res["runs"] if r["tool"] == t and r["rc"] not in (0, 1))
             for t in tools}
    lb, la = res["load_before"], res["load_after"]
    loads = res.get("loads") or [lb[0]]
    print(f"{len(best)} TUs; load average before {lb[0]:.2f}/{lb[1]:.2f}/{lb[2]:.2f}, "
          f"during {min(loads):.2f}-{max(loads):.2f} (median {statistics.median(loads):.2f}), "
          f"after {la[0]:.2f}/{la[1]:.2f}/{la[2]:.2f}; non-zero exits: "
          + ", ".join(f"{t} {fails[t]}" for t in tools) + "\n")
    has_before = "dbleak-before" in tools
    head = "| package | TUs | tidy-parse CPU (s) | dbleak CPU (s) | dbleak / parse | worst TU |"
    rule = "|---|---|---|---|---|---|"
    if has_before:
        head += " before CPU (s) | before / parse | worst TU before |"
        rule += "---|---|---|"
    print(head)
    print(rule)

    def row(name, files):
        s = {t: sum(best[f][t] for f in files) for t in tools}
        worst = max(best[f]["dbleak"] / max(best[f]["tidy-parse"], 1e-3) for f in files)
        line = (f"| {name} | {len(files)} | {s['tidy-parse']:.2f} | {s['dbleak']:.2f} | "
                f"**{s['dbleak'] / s['tidy-parse']:.3f}** | {worst:.2f} |")
        if has_before:
            wb = max(best[f]["dbleak-before"] / max(best[f]["tidy-parse"], 1e-3)
                     for f in files)
            line += (f" {s['dbleak-before']:.2f} | {s['dbleak-before'] / s['tidy-parse']:.3f} |"
                     f" {wb:.2f} |")
        print(line)
    for pkg in sorted({pkg_of[f] for f in best}):
        row(pkg, [f for f in best if pkg_of[f] == pkg])
    row("all", list(best))
    print(f"\nHottest {hot_rows} TUs (min CPU over the repetitions):\n")
    head = "| package | TU | runs | tidy-parse (s) | dbleak (s) | dbleak / parse |"
    rule = "|---|---|---|---|---|---|"
    if has_before:
        head += " before (s) | before / parse |"
        rule += "---|---|"
    print(head)
    print(rule)
    key = "dbleak-before" if has_before else "dbleak"
    runs = {}
    for r in res["runs"]:
        if r["tool"] == "dbleak":
            runs[r["file"]] = runs.get(r["file"], 0) + 1
    order = sorted(best, key=lambda f: -max(best[f]["dbleak"], best[f][key]) /
                   max(best[f]["tidy-parse"], 1e-3))
    for f in order[:hot_rows]:
        b = best[f]
        p = max(b["tidy-parse"], 1e-3)
        line = (f"| {pkg_of[f]} | {shorten(f)} | {runs[f]} | {b['tidy-parse']:.3f} | "
                f"{b['dbleak']:.3f} | {b['dbleak'] / p:.2f} |")
        if has_before:
            line += f" {b['dbleak-before']:.3f} | {b['dbleak-before'] / p:.2f} |"
        print(line)


def shorten(path):
    """The path below the package's source tree."""
    parts = path.split("/src/", 1)
    return parts[1] if len(parts) == 2 else path


def loadavg():
    return os.getloadavg()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-sh", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--per-pkg", type=int, default=3)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--tools", default="dbleak,tidy-parse,syntax-only,analyze,cppcheck")
    ap.add_argument("--driver-pkgs", default="postgresql-15,kamailio")
    ap.add_argument("--driver-reps", type=int, default=3)
    ap.add_argument("--out", required=True)
    ap.add_argument("--every-tu", action="store_true",
                    help="every TU of the finished packages, not a sample")
    ap.add_argument("--pkgs", default="", help="--every-tu: only these packages")
    ap.add_argument("--plugin-before", default="",
                    help="--every-tu: a second plugin to compare in the same run")
    ap.add_argument("--hot-reps", type=int, default=2,
                    help="--every-tu: extra runs of the hottest TUs")
    ap.add_argument("--hot-top", type=int, default=15)
    ap.add_argument("--hot-ratio", type=float, default=1.5)
    a = ap.parse_args()
    if a.every_tu:
        every_tu(a)
        return

    pkgs, tus = list_tus(a.corpus_sh)
    sample = pick_sample(pkgs, tus, a.per_pkg)
    tools = a.tools.split(",")
    res = {"sample": [{"pkg": t["pkg"], "file": t["file"]} for t in sample],
           "tools": tools, "reps": a.reps, "runs": [], "driver": [],
           "load_before": loadavg()}
    print(f"sample: {len(sample)} TUs from {len({t['pkg'] for t in sample})} packages",
          file=sys.stderr)
    # Interleave tools per TU and repetition so that load changes hit all alike.
    for rep in range(a.reps):
        for t in sample:
            cmds = commands(t, a.plugin)
            for tool in tools:
                dt, rss, rc, cpu = run_one(cmds[tool], t["entry"]["directory"], 600)
                res["runs"].append({"rep": rep, "pkg": t["pkg"], "file": t["file"],
                                    "tool": tool, "sec": dt, "cpu": cpu,
                                    "maxrss_kb": rss, "rc": rc})
        print(f"rep {rep + 1}/{a.reps} done, load {loadavg()[0]:.2f}", file=sys.stderr)

    # Driver: -j1 vs -j2 on whole packages.
    dbs = dict(pkgs)
    for pkg in a.driver_pkgs.split(","):
        if pkg not in dbs:
            continue
        for rep in range(a.driver_reps):
            for j in (1, 2):
                cmd = [a.driver, f"-j{j}", "-p", dbs[pkg], "--no-cache", "--format=json",
                       "-o", "/dev/null"]
                dt, rss, rc, cpu = run_one(cmd, "/", 3600)
                res["driver"].append({"pkg": pkg, "j": j, "rep": rep, "sec": dt,
                                      "cpu": cpu, "rc": rc})
    res["load_after"] = loadavg()
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    summarize(res)


def summarize(res):
    tools = res["tools"]
    reps = res["reps"]
    tot = {t: [] for t in tools}
    for rep in range(reps):
        for t in tools:
            tot[t].append(sum(r["sec"] for r in res["runs"]
                              if r["rep"] == rep and r["tool"] == t))
    mn = {t: min(v) for t, v in tot.items()}
    md = {t: statistics.median(v) for t, v in tot.items()}
    cput = {t: [sum(r.get("cpu", 0) for r in res["runs"]
                    if r["rep"] == rep and r["tool"] == t) for rep in range(reps)]
            for t in tools}
    cmn = {t: min(v) for t, v in cput.items()}
    cmd_ = {t: statistics.median(v) for t, v in cput.items()}
    rss = {t: [r["maxrss_kb"] for r in res["runs"] if r["tool"] == t] for t in tools}
    fails = {t: sum(1 for r in res["runs"] if r["tool"] == t and r["rc"] not in (0, 1))
             for t in tools}
    n = len(res["sample"])
    print(f"Sample: {n} TUs, {reps} repetitions; load average before "
          f"{res['load_before'][0]:.2f}/{res['load_before'][1]:.2f}/{res['load_before'][2]:.2f}, "
          f"after {res['load_after'][0]:.2f}/{res['load_after'][1]:.2f}/{res['load_after'][2]:.2f}\n")
    print("| tool | wall total min (s) | wall total median (s) | CPU total min (s) | CPU total median (s) | CPU per TU median (s) | peak RSS max (MB) | peak RSS median (MB) | non-zero exits |")
    print("|---|---|---|---|---|---|---|---|---|")
    for t in tools:
        print(f"| {t} | {mn[t]:.2f} | {md[t]:.2f} | {cmn[t]:.2f} | {cmd_[t]:.2f} | {cmd_[t] / n:.3f} | "
              f"{max(rss[t]) / 1024:.0f} | {statistics.median(rss[t]) / 1024:.0f} | {fails[t]} |")
    print()

    def ratio(x, y):
        return (f"CPU {cmn[x] / cmn[y]:.3f} (median {cmd_[x] / cmd_[y]:.3f}); "
                f"wall {mn[x] / mn[y]:.3f} (median {md[x] / md[y]:.3f})")
    if "dbleak" in tools:
        for other in tools:
            if other != "dbleak":
                print(f"- dbleak / {other}: {ratio('dbleak', other)}")
        if "analyze" in tools:
            print(f"- analyze / dbleak: {ratio('analyze', 'dbleak')}")
    # Per package ratio dbleak / tidy-parse (medians of per-rep sums).
    if "dbleak" in tools and "tidy-parse" in tools:
        print("\nPer package (median CPU seconds over the repetitions):\n")
        print("| package | TUs | dbleak (s) | tidy-parse (s) | ratio | analyze / dbleak |")
        print("|---|---|---|---|---|---|")
        for pkg in sorted({s["pkg"] for s in res["sample"]}):
            def pm(tool):
                v = [sum(r.get("cpu", r["sec"]) for r in res["runs"] if r["rep"] == rep and
                         r["tool"] == tool and r["pkg"] == pkg) for rep in range(reps)]
                return statistics.median(v)
            k = sum(1 for s in res["sample"] if s["pkg"] == pkg)
            an = f"{pm('analyze') / pm('dbleak'):.1f}" if "analyze" in tools else "-"
            print(f"| {pkg} | {k} | {pm('dbleak'):.2f} | {pm('tidy-parse'):.2f} | "
                  f"{pm('dbleak') / pm('tidy-parse'):.3f} | {an} |")
    if res["driver"]:
        print("\n| driver package | -j1 min (s) | -j2 min (s) | speed-up (min) | speed-up (median) |")
        print("|---|---|---|---|---|")
        for pkg in sorted({d["pkg"] for d in res["driver"]}):
            j1 = [d["sec"] for d in res["driver"] if d["pkg"] == pkg and d["j"] == 1]
            j2 = [d["sec"] for d in res["driver"] if d["pkg"] == pkg and d["j"] == 2]
            print(f"| {pkg} | {min(j1):.2f} | {min(j2):.2f} | {min(j1) / min(j2):.2f} | "
                  f"{statistics.median(j1) / statistics.median(j2):.2f} |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--summarize":
        with open(sys.argv[2]) as f:
            data = json.load(f)
        (summarize_every_tu if data.get("mode") == "every-tu" else summarize)(data)
    else:
        main()
