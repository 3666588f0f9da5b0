#!/usr/bin/env python3
"""check_sarif.py REPORT.sarif: validates a dbleak SARIF log and summarizes it.

1. Validates against the OASIS SARIF 2.1.0 JSON schema with
   python3-jsonschema when DBLEAK_SARIF_SCHEMA names a local copy of it (no
   Debian package ships the schema, and we do not vendor it); the structural
   checks below always run.
2. Checks what GitHub code scanning needs beyond the schema and what dbleak
   promises: one rule per check with a description and a help URI, results
   tied to rules, relative URIs under %SRCROOT%, 1-based regions, a
   line-independent fingerprint, codeFlows that start at the warning.
3. Prints one line per result for FileCheck:
     result RULE URI:LINE:COL fingerprint=FP related=N flow=N fixes=N
   followed by each related location and each replacement.

Exits non-zero with a message on the first violation.
"""
import json
import os
import re
import sys


def fail(msg):
    sys.stderr.write("check_sarif.py: %s\n" % msg)
    sys.exit(1)


def validate_schema(log):
    path = os.environ.get("DBLEAK_SARIF_SCHEMA")
    if not path:
        return
    import jsonschema
    with open(path) as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        fail("schema violation at %s: %s" % ("/".join(map(str, e.path)),
                                              e.message))


def check_location(loc, where):
    phys = loc.get("physicalLocation") or fail(where + ": no physicalLocation")
    art = phys["artifactLocation"]
    uri = art["uri"]
    if art.get("uriBaseId") == "%SRCROOT%":
        if uri.startswith("/") or "://" in uri:
            fail(where + ": URI under %SRCROOT% is not relative: " + uri)
    elif not uri.startswith("file://"):
        fail(where + ": URI without a base is not absolute: " + uri)
    region = phys["region"]
    if region["startLine"] < 1 or region["startColumn"] < 1:
        fail(where + ": region is not 1-based")
    return "%s:%d:%d" % (uri, region["startLine"], region["startColumn"])


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    validate_schema(log)

    if log["version"] != "2.1.0" or len(log["runs"]) != 1:
        fail("expected one SARIF 2.1.0 run")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if driver["name"] != "dbleak" or not driver.get("version"):
        fail("tool.driver must be dbleak with a version")
    print("tool %s %s" % (driver["name"], driver["version"]))
    if "%SRCROOT%" not in run.get("originalUriBaseIds", {}):
        fail("no originalUriBaseIds for %SRCROOT%")

    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids")
    for r in rules:
        if not r["shortDescription"]["text"] or not r["fullDescription"]["text"]:
            fail("rule %s has no description" % r["id"])
        # docs/checks/ names a page after the check without "dbleak-".
        page = re.sub(r"^dbleak-", "", r["id"]) + ".md"
        if not re.match(r"https?://.*/docs/checks/%s$" % re.escape(page),
                        r.get("helpUri", "")):
            fail("rule %s: helpUri must point to docs/checks/%s"
                 % (r["id"], page))
        print("rule %s: %s" % (r["id"], r["shortDescription"]["text"]))

    fingerprints = set()
    for i, res in enumerate(run["results"]):
        where = "result %d" % i
        rule = res["ruleId"]
        if rule not in ids or ids[res["ruleIndex"]] != rule:
            fail(where + ": ruleId/ruleIndex do not name a rule")
        if res["level"] not in ("warning", "error", "note"):
            fail(where + ": bad level")
        fp = res["partialFingerprints"].get("dbleak/v1")
        if not fp or not re.match(r"^[0-9a-f]{32}$", fp):
            fail(where + ": no dbleak/v1 fingerprint")
        if fp in fingerprints:
            fail(where + ": fingerprint not unique")
        fingerprints.add(fp)
        primary = check_location(res["locations"][0], where)
        related = res.get("relatedLocations", [])
        flows = res.get("codeFlows", [])
        steps = flows[0]["threadFlows"][0]["locations"] if flows else []
        if flows:
            first = check_location(steps[0]["location"], where + " flow")
            if first != primary:
                fail(where + ": the code flow does not start at the warning")
            if len(steps) != len(related) + 1:
                fail(where + ": code flow and related locations disagree")
        fixes = res.get("fixes", [])
        state = res.get("baselineState")
        print("result %s %s fingerprint=%s related=%d flow=%d fixes=%d%s"
              % (rule, primary, fp, len(related), len(steps), len(fixes),
                 " baseline=" + state if state else ""))
        print("  message: %s" % res["message"]["text"])
        for rel in related:
            print("  related %s: %s" % (check_location(rel, where),
                                        rel["message"]["text"]))
        for fix in fixes:
            for change in fix["artifactChanges"]:
                for rep in change["replacements"]:
                    d = rep["deletedRegion"]
                    print("  fix %s:%d:%d-%d:%d %s" % (
                        change["artifactLocation"]["uri"], d["startLine"],
                        d["startColumn"], d["endLine"], d["endColumn"],
                        json.dumps(rep["insertedContent"]["text"])))
    inv = run["invocations"][0]
    print("executionSuccessful %s" % str(inv["executionSuccessful"]).lower())


if __name__ == "__main__":
    main()
