#!/usr/bin/env python3
"""cache_tool.py corrupt|check DIR: damages or checks the entries of a dbleak
cache directory.

  corrupt  truncates every entry to half its length, the way a full disk or
           a killed copy would leave it; prints how many.
  check    fails unless every entry is a whole JSON object with a result;
           prints how many.
"""
import json
import os
import sys


def entries(root):
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".json"):
                yield os.path.join(d, f)


mode, root = sys.argv[1], sys.argv[2]
n = 0
for path in entries(root):
    n += 1
    if mode == "corrupt":
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[: len(data) // 2])
    else:
        with open(path, encoding="utf-8") as f:
            entry = json.load(f)
        if "result" not in entry or "key" not in entry:
            sys.exit("cache_tool.py: %s is not an entry" % path)
print("%s: %d entries" % (mode, n))
if n == 0:
    sys.exit("cache_tool.py: no entries in %s" % root)
