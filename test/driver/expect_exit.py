#!/usr/bin/env python3
"""expect_exit.py CODE CMD...: runs CMD and fails unless it exits with CODE.

lit's internal shell has no $?, and `not` accepts any failure; the driver's
exit codes (0 clean, 1 findings, 2 trouble) each mean something, so tests
check the exact one. CMD's output passes through unchanged.
"""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("expect_exit.py: expected exit code %d, got %d: %s\n"
                     % (want, got, " ".join(sys.argv[2:])))
    sys.exit(1)
