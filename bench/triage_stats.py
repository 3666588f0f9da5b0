#!/usr/bin/env python3
"""Counts and precision from bench/triage.tsv, as Markdown tables.

precision = true / (true + false); `unclear` findings are left out of both.
"minor-exit" are true findings whose only effect is a leak right before the
process exits or aborts (reason contains "process exits"/"process aborts"):
the second precision column counts them as neither true nor false.

Usage: bench/triage_stats.py [bench/triage.tsv]
"""
import collections
import sys


def load(path):
    rows = []
    with open(path) as f:
        header = next(f).rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t", 5))))
    return rows


def exit_only(r):
    return r["verdict"] == "true" and ("process exits" in r["reason"] or
                                       "process aborts" in r["reason"])


def table(rows, key, title):
    c = collections.defaultdict(collections.Counter)
    for r in rows:
        k = r[key]
        c[k][r["verdict"]] += 1
        if exit_only(r):
            c[k]["exit"] += 1
    tot = collections.Counter()
    print(f"| {title} | findings | true | (of which exit-only) | false | unclear | precision | precision without exit-only |")
    print("|---|---|---|---|---|---|---|---|")

    def line(name, x):
        n = x["true"] + x["false"] + x["unclear"]
        p = x["true"] / (x["true"] + x["false"]) if x["true"] + x["false"] else float("nan")
        t2 = x["true"] - x["exit"]
        p2 = t2 / (t2 + x["false"]) if t2 + x["false"] else float("nan")
        print(f"| {name} | {n} | {x['true']} | {x['exit']} | {x['false']} | {x['unclear']} | "
              f"{p:.2f} | {p2:.2f} |")
    for k in sorted(c, key=lambda k: -sum(c[k][v] for v in ("true", "false", "unclear"))):
        line(k, c[k])
        tot.update(c[k])
    line("**all**", tot)
    print()


def main():
    rows = load(sys.argv[1] if len(sys.argv) > 1 else "bench/triage.tsv")
    table(rows, "check", "check")
    table(rows, "package", "package")
    cls = collections.Counter()
    for r in rows:
        if r["verdict"] == "false" and r["reason"].startswith("[FP-"):
            cls[r["reason"][4:r["reason"].index("]")]] += 1
    print("| FP class | findings |")
    print("|---|---|")
    for k, v in cls.most_common():
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
