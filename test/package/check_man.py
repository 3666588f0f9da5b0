#!/usr/bin/env python3
"""check_man.py PAGE.1 < `dbleak --help`: every option --help lists, and
every value of an option with a fixed set (--format=text|...), appears in
the hand-written man page. Prints the options checked; exits 1 naming what
the page is missing."""
import re
import sys

with open(sys.argv[1]) as f:
    # In roff, '\-' is a literal minus.
    page = f.read().replace("\\-", "-")

options, values, missing = [], [], []
option = None
for line in sys.stdin:
    m = re.match(r"\s+(--?[\w-]+)", line)
    if m and not m.group(1).startswith("--help-list"):
        option = m.group(1)
        options.append(option)
        if not re.search(re.escape(option) + r"\b", page):
            missing.append(option)
    m = re.match(r"\s+=(\w+)\s", line)
    if m and option:
        values.append(option + "=" + m.group(1))
        # The values are listed on the option's own line: --format=text|json.
        entry = re.search(re.escape(option) + r"=.*", page)
        if not entry or not re.search(r"\b%s\b" % m.group(1), entry.group(0)):
            missing.append(option + "=" + m.group(1))

if missing:
    sys.stderr.write("check_man.py: %s does not document %s; add it from "
                     "docs/driver.md\n" % (sys.argv[1], ", ".join(missing)))
    sys.exit(1)
print("%d options, %d values documented" % (len(options), len(values)))
