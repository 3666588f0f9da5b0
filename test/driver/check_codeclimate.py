#!/usr/bin/env python3
"""check_codeclimate.py REPORT.json [DBLEAK.json]: validates a GitLab Code
Quality report written by `dbleak --format=codeclimate` and prints one line
per issue for FileCheck:
    issue CHECK PATH:LINE severity=S fingerprint=FP
    description: ...
With a dbleak JSON report of the same run, also checks that every issue has
the fingerprint of the same finding there (GitLab tells new findings from
fixed ones by it, as baselines do).

Exits non-zero with a message on the first violation.
"""
import json
import re
import sys

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def fail(msg):
    sys.stderr.write("check_codeclimate.py: %s\n" % msg)
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        issues = json.load(f)
    if not isinstance(issues, list):
        fail("the report is not a JSON array")
    for i in issues:
        # What GitLab requires, then what makes it a Code Climate issue.
        for key, kind in (("description", str), ("check_name", str),
                          ("fingerprint", str), ("severity", str),
                          ("location", dict), ("type", str),
                          ("categories", list)):
            if not isinstance(i.get(key), kind):
                fail("issue without a %s %s: %r" % (kind.__name__, key, i))
        if i["severity"] not in SEVERITIES:
            fail("unknown severity %r" % i["severity"])
        if i["type"] != "issue" or not i["categories"]:
            fail("not a Code Climate issue: %r" % i)
        if not re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]):
            fail("bad fingerprint %r" % i["fingerprint"])
        loc = i["location"]
        begin = loc.get("lines", {}).get("begin")
        if not isinstance(loc.get("path"), str) or not isinstance(begin, int) \
                or begin < 1:
            fail("bad location %r" % loc)
    fps = [i["fingerprint"] for i in issues]
    if len(set(fps)) != len(fps):
        fail("duplicate fingerprints")
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            findings = json.load(f)["findings"]
        expected = [(f["check"], f["file"], f["line"], f["message"],
                     f["fingerprint"]) for f in findings]
        got = [(i["check_name"], i["location"]["path"],
                i["location"]["lines"]["begin"], i["description"],
                i["fingerprint"]) for i in issues]
        if expected != got:
            fail("issues differ from the JSON report:\n%r\n%r" % (expected, got))
    for i in issues:
        print("issue %s %s:%d severity=%s fingerprint=%s" % (
            i["check_name"], i["location"]["path"],
            i["location"]["lines"]["begin"], i["severity"], i["fingerprint"]))
        print("  description: %s" % i["description"])
    print("%d issues" % len(issues))


if __name__ == "__main__":
    main()
