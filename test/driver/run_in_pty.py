#!/usr/bin/env python3
"""run_in_pty.py CODE CMD...: runs CMD with standard output and standard
error on a pseudo-terminal, as a person at a terminal would, and fails unless
it exits with CODE. Prints what the terminal received with the control
characters made visible for FileCheck: ESC as "\\e", carriage return as
"<CR>" followed by a newline (so that each redraw of a progress line is a
line of its own).
"""
import os
import pty
import subprocess
import sys

want = int(sys.argv[1])
master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=slave,
                        stderr=slave, close_fds=True)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not data:
        break
    chunks.append(data)
got = proc.wait()
text = b"".join(chunks).decode("utf-8", "replace")
# The terminal turns "\n" into "\r\n"; only the program's own "\r" matter.
text = text.replace("\r\n", "\n").replace("\x1b", "\\e").replace("\r", "<CR>\n")
sys.stdout.write(text)
if got != want:
    sys.stderr.write("run_in_pty.py: expected exit code %d, got %d\n"
                     % (want, got))
    sys.exit(1)
