#!/usr/bin/env python3
"""check_ci.py: checks dbleak's CI files without the CI services.

  check_ci.py action action.yml
      The composite action's structure as GitHub reads it: name,
      description, runs.using composite, every step either `uses` or `run`
      with a `shell`, every input and output described, every ${{ }}
      naming a declared input or an earlier step.
  check_ci.py workflow FILE
      A GitHub workflow: triggers, jobs with runs-on and steps.
  check_ci.py gitlab FILE
      A .gitlab-ci.yml: each job has a script; prints each job's reports.
  check_ci.py markdown FILE.md [FILE.yml ...]
      Parses every ```yaml block of a page; prints one line per block. Each
      FILE.yml must appear in the page whole, as one block.
  check_ci.py pre-commit .pre-commit-hooks.yaml
      Each hook has id, name, entry and language, and a `script` entry is an
      executable file of the repository.
  check_ci.py run-action action.yml WORKSPACE [name=value ...]
      Runs the action's `shell: bash` steps as the runner would (inputs,
      step outputs through $GITHUB_OUTPUT, `if` conditions of the form
      a == 'x' && ...) and prints what each `uses` step would be given.

No JSON schema of these formats is available offline, so these are
structural checks; exits 1 with a message on the first violation.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def fail(msg):
    sys.stderr.write("check_ci.py: %s\n" % msg)
    sys.exit(1)


def load(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        fail("%s: not a YAML mapping" % path)
    return doc


def need(mapping, key, where):
    if not isinstance(mapping, dict) or key not in mapping:
        fail("%s: missing '%s'" % (where, key))
    return mapping[key]


def expressions(value):
    """Every ${{ }} expression in a YAML value, recursively."""
    if isinstance(value, str):
        return EXPR.findall(value)
    if isinstance(value, dict):
        return [e for v in value.values() for e in expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in expressions(v)]
    return []


def check_action(path):
    doc = load(path)
    for key in ("name", "description"):
        if not isinstance(need(doc, key, path), str):
            fail("%s: '%s' must be a string" % (path, key))
    inputs = doc.get("inputs", {})
    for name, spec in inputs.items():
        need(spec, "description", "%s: input %s" % (path, name))
    runs = need(doc, "runs", path)
    if need(runs, "using", path + ": runs") != "composite":
        fail("%s: runs.using must be 'composite'" % path)
    steps = need(runs, "steps", path + ": runs")
    if not isinstance(steps, list) or not steps:
        fail("%s: runs.steps must be a non-empty list" % path)
    ids = set()
    for i, step in enumerate(steps):
        where = "%s: step %d" % (path, i + 1)
        if ("run" in step) == ("uses" in step):
            fail("%s: needs exactly one of 'run' and 'uses'" % where)
        if "run" in step and "shell" not in step:
            fail("%s: a composite 'run' step needs 'shell'" % where)
        # The step's own id is not visible to its own expressions.
        check_references(step, inputs, ids, where)
        if "id" in step:
            ids.add(step["id"])
    for name, spec in doc.get("outputs", {}).items():
        where = "%s: output %s" % (path, name)
        need(spec, "description", where)
        need(spec, "value", where)
        check_references(spec, inputs, ids, where)
    print("action %s: %d inputs, %d steps, %d outputs" %
          (doc["name"], len(inputs), len(steps), len(doc.get("outputs", {}))))
    for step in steps:
        print("step %s: %s" % (step.get("name", "?"),
                               step.get("uses") or "run (%s)" % step["shell"]))


def check_references(value, inputs, ids, where):
    conditions = [value["if"]] if isinstance(value, dict) and "if" in value else []
    for e in expressions(value) + conditions:
        for m in re.finditer(r"\b(inputs|steps)\.([\w-]+)", e):
            kind, name = m.groups()
            if kind == "inputs" and name not in inputs:
                fail("%s: '%s' names no declared input" % (where, e))
            if kind == "steps" and name not in ids:
                fail("%s: '%s' names no earlier step" % (where, e))


def check_workflow(path):
    doc = load(path)
    need(doc, "name", path)
    # YAML 1.1 reads the key `on` as true.
    triggers = doc.get("on", doc.get(True))
    if not triggers:
        fail("%s: no 'on' triggers" % path)
    for name, job in need(doc, "jobs", path).items():
        where = "%s: job %s" % (path, name)
        need(job, "runs-on", where)
        for i, step in enumerate(need(job, "steps", where)):
            if ("run" in step) == ("uses" in step):
                fail("%s: step %d needs exactly one of 'run' and 'uses'" %
                     (where, i + 1))
        print("job %s: %s" % (name, ", ".join(
            s.get("uses") or "run" for s in job["steps"])))
    if "permissions" in doc:
        print("permissions: %s" % ", ".join(
            "%s: %s" % kv for kv in sorted(doc["permissions"].items())))


GITLAB_KEYWORDS = {"stages", "variables", "default", "include", "workflow",
                   "image", "services", "cache", "before_script",
                   "after_script"}


def check_gitlab(path):
    doc = load(path)
    jobs = {k: v for k, v in doc.items()
            if k not in GITLAB_KEYWORDS and not k.startswith(".")}
    if not jobs:
        fail("%s: no jobs" % path)
    for name, job in jobs.items():
        where = "%s: job %s" % (path, name)
        script = need(job, "script", where)
        if not isinstance(script, (list, str)):
            fail("%s: script must be a list or a string" % where)
        allow = job.get("allow_failure", False)
        if not isinstance(allow, bool) and not isinstance(
                need(allow, "exit_codes", where + ": allow_failure"), (int, list)):
            fail("%s: allow_failure must be a bool or have exit_codes" % where)
        artifacts = job.get("artifacts", {})
        if artifacts.get("when", "on_success") not in ("on_success",
                                                       "on_failure", "always"):
            fail("%s: artifacts.when must be on_success, on_failure or always" % where)
        reports = artifacts.get("reports", {})
        print("job %s: %s" % (name, ", ".join(
            "%s: %s" % kv for kv in sorted(reports.items())) or "no reports"))
        for line in script if isinstance(script, list) else [script]:
            print("  script: %s" % " ".join(str(line).split()))


def check_markdown(path, copies):
    with open(path) as f:
        text = f.read()
    blocks = re.findall(r"^```ya?ml\n(.*?)^```", text, re.S | re.M)
    if not blocks:
        fail("%s: no yaml blocks" % path)
    for copy in copies:
        with open(copy) as f:
            if f.read() not in blocks:
                fail("%s: no yaml block is the whole of %s" % (path, copy))
    for i, block in enumerate(blocks):
        try:
            doc = yaml.safe_load(block)
        except yaml.YAMLError as e:
            fail("%s: yaml block %d: %s" % (path, i + 1, e))
        # YAML 1.1 reads the key `on` as true.
        keys = ["on" if k is True else str(k) for k in doc]
        print("block %d: %s" % (i + 1, ", ".join(keys)))


def check_pre_commit(path):
    with open(path) as f:
        hooks = yaml.safe_load(f)
    if not isinstance(hooks, list) or not hooks:
        fail("%s: must be a non-empty list of hooks" % path)
    for hook in hooks:
        for key in ("id", "name", "entry", "language"):
            need(hook, key, "%s: hook %s" % (path, hook.get("id", "?")))
        if hook["language"] == "script":
            entry = os.path.join(os.path.dirname(path), hook["entry"].split()[0])
            if not os.access(entry, os.X_OK):
                fail("%s: hook %s: %s is not an executable file" %
                     (path, hook["id"], entry))
        print("hook %s: %s %s, files %s" % (hook["id"], hook["language"],
                                           hook["entry"],
                                           hook.get("types_or", hook.get("types"))))


def run_action(path, workspace, assignments):
    doc = load(path)
    given = dict(a.split("=", 1) for a in assignments)
    context = {"github.workspace": workspace}
    for name, spec in doc.get("inputs", {}).items():
        context["inputs." + name] = given.pop(name, spec.get("default", ""))
    if given:
        fail("unknown inputs: %s" % ", ".join(given))

    def value(expr):
        if expr not in context and not expr.startswith("steps."):
            fail("unsupported expression: %s" % expr)
        return str(context.get(expr, ""))

    def resolve(text):
        return EXPR.sub(lambda m: value(m.group(1)), str(text))

    def holds(condition):
        for part in condition.split("&&"):
            m = re.fullmatch(r"\s*([\w.-]+)\s*==\s*'([^']*)'\s*", part)
            if not m:
                fail("unsupported condition: %s" % condition)
            if value(m.group(1)) != m.group(2):
                return False
        return True

    # Defaults that mention github.workspace resolve once, as the runner does.
    for k in list(context):
        context[k] = resolve(context[k])
    for step in doc["runs"]["steps"]:
        name = step.get("name", step.get("id", "?"))
        if "if" in step and not holds(step["if"]):
            print("step %s: skipped" % name)
            continue
        if "uses" in step:
            with_ = ", ".join("%s=%s" % (k, resolve(v))
                              for k, v in step.get("with", {}).items())
            print("step %s: would run %s with %s" % (name, step["uses"], with_))
            continue
        if step["shell"] != "bash":
            fail("step %s: only bash steps can be run here" % name)
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "step.sh")
            outputs = os.path.join(tmp, "output")
            with open(script, "w") as f:
                f.write(resolve(step["run"]))
            open(outputs, "w").close()
            env = dict(os.environ, GITHUB_WORKSPACE=workspace,
                       GITHUB_OUTPUT=outputs)
            env.update({k: resolve(v) for k, v in step.get("env", {}).items()})
            # GitHub runs `shell: bash` as this command line.
            code = subprocess.call(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                cwd=workspace, env=env)
            with open(outputs) as f:
                for line in f.read().splitlines():
                    key, _, val = line.partition("=")
                    if "id" in step:
                        context["steps.%s.outputs.%s" % (step["id"], key)] = val
        print("step %s: exit %d" % (name, code))
        if code != 0:
            return 1
    for name, spec in doc.get("outputs", {}).items():
        print("output %s=%s" % (name, resolve(spec["value"])))
    return 0


def main(argv):
    # Our lines and the steps' output interleave in the order they happen.
    sys.stdout.reconfigure(line_buffering=True)
    if len(argv) < 3:
        fail(__doc__)
    cmd, path = argv[1], argv[2]
    if cmd == "action":
        check_action(path)
    elif cmd == "workflow":
        check_workflow(path)
    elif cmd == "gitlab":
        check_gitlab(path)
    elif cmd == "pre-commit":
        check_pre_commit(path)
    elif cmd == "markdown":
        check_markdown(path, argv[3:])
    elif cmd == "run-action" and len(argv) >= 4:
        return run_action(path, argv[3], argv[4:])
    else:
        fail(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
