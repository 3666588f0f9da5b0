#!/usr/bin/env python3
"""show_escapes.py FILE: prints FILE with ESC as "\\e" and carriage returns
as "<CR>", then the number of escape sequences, for FileCheck."""
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
sys.stdout.write(text.replace("\x1b", "\\e").replace("\r", "<CR>"))
print("escapes: %d, carriage returns: %d"
      % (text.count("\x1b"), text.count("\r")))
