#!/usr/bin/env python3
"""Runs one dbleak check through stock clang-tidy-22 and FileChecks it.

In the spirit of LLVM's check_clang_tidy.py, which Debian does not install:

  check_dbleak.py [--clang-tidy BIN] --plugin SO <file> <check> <temp> [-- <clang-tidy args>] [-- <compiler args>]

* CHECK-MESSAGES lines are matched against clang-tidy's output, and any
  warning or error that no CHECK line expects fails the test, so a file with
  no CHECK-MESSAGES line asserts that nothing is reported.
* CHECK-FIXES lines are matched (full lines) against the file after -fix.
* The CHECK comments are blanked in the copy that is analyzed, so line
  numbers stay the same; the configuration is forced empty so a stray
  .clang-tidy cannot change the result.
"""
import argparse
import os
import re
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-tidy", default="clang-tidy")
    ap.add_argument("--plugin", required=True)
    ap.add_argument("input")
    ap.add_argument("check")
    ap.add_argument("temp")
    ap.add_argument("--check-suffix", default="",
                    help="match CHECK-MESSAGES-<SUFFIX> lines instead")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        rest = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    a = ap.parse_args(argv)

    if "--" in rest:
        i = rest.index("--")
        tidy_args, compiler_args = rest[:i], rest[i + 1:]
    else:
        tidy_args, compiler_args = rest, []

    ext = os.path.splitext(a.input)[1]
    if ext == ".cpp" and not any(x.startswith("-std=") for x in compiler_args):
        compiler_args.append("-std=c++17")
    with open(a.input, encoding="utf-8") as f:
        original = f.read()
    prefix = "CHECK-MESSAGES" + (f"-{a.check_suffix}" if a.check_suffix else "")
    has_messages = re.search(rf"\b{prefix}(-NEXT|-SAME)?:", original) is not None
    has_fixes = "CHECK-FIXES" in original
    blanked = re.sub(r"//\s*CHECK-(MESSAGES|FIXES|NOTES)[^\n]*", "", original)

    os.makedirs(os.path.dirname(os.path.abspath(a.temp)), exist_ok=True)
    source = a.temp + ext
    with open(source, "w", encoding="utf-8") as f:
        f.write(blanked)

    # A test may give its own configuration (check options); it replaces
    # the empty one.
    own_config = any(re.match(r"--?config=", x) for x in tidy_args)
    cmd = [a.clang_tidy, "--load", a.plugin] + \
        ([] if own_config else ["--config={}"]) + \
        [f"-checks=-*,{a.check}", "--quiet"]
    if has_fixes:
        cmd.append("-fix")
    cmd += tidy_args + [source, "--"] + compiler_args
    out = run(cmd)
    print("$ " + " ".join(cmd))
    print(out.stdout)
    # A crash or a compile error must fail the test; otherwise a negative
    # test would pass vacuously.
    if out.returncode != 0 or "Stack dump" in out.stdout:
        print(f"clang-tidy exited with {out.returncode}")
        return 1
    msgs = a.temp + ".msgs"
    with open(msgs, "w", encoding="utf-8") as f:
        f.write(out.stdout)

    if not has_messages:
        # A negative test: nothing may be reported.
        if re.search(r"\b(warning|error):", out.stdout):
            print("unexpected diagnostics in a test without CHECK-MESSAGES")
            return 1
    else:
        r = run(["FileCheck", "-input-file=" + msgs, a.input,
                 "-check-prefixes=" + prefix,
                 "-implicit-check-not={{warning|error}}:"])
        if r.returncode:
            print(r.stdout)
            return 1

    if has_fixes:
        r = run(["FileCheck", "-input-file=" + source, a.input,
                 "-check-prefixes=CHECK-FIXES", "--match-full-lines"])
        if r.returncode:
            print(r.stdout)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
