#!/usr/bin/env python3
"""Fails when a built-in catalog library has no test in a check directory.

usage: check_coverage.py SRC_ROOT

A library is tested in test/checks/<check>/ when a test file there includes
a header of the library: one of its `headers`, a header in the same
subdirectory (`<pqxx/pqxx>` for `pqxx/connection_base.hxx`), or any header in
one of its `include_dirs` (`<hiredis.h>`, `<mongoc.h>`), looked up as the
tests' -I flags do. What each library needs follows from its catalog file:

  * kinds that some function acquires: leak, use-after-release, overwrite,
    mismatched-release;
  * a transaction kind: unfinished-transaction;
  * guard classes: guard-escape;
  * anything else (libc): one test in any check directory.

EXEMPT lists the directories a library cannot have a test in, with the
reason. Prints one line per missing directory and exits 1; prints what was
found with -v.
"""
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit('check_coverage.py: needs PyYAML (apt-get install python3-yaml)')

HANDLE_CHECKS = ['leak', 'use-after-release', 'overwrite', 'mismatched-release']
INCLUDE_RE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*[<"]([^>"]+)[>"]', re.M)
SYSTEM = '/usr/include'
EXEMPT = {
    ('soci.yaml', 'mismatched-release'):
        'its one kind is a size_t slot index, which no other release function takes',
}


def required(doc):
    kinds = {r['kind']: r for r in doc.get('resources') or []}
    fns = doc.get('functions') or []
    acquired = {f.get('acquire') for f in fns} - {None}
    need = []
    if any(k in acquired and not r.get('transaction') for k, r in kinds.items()):
        need += HANDLE_CHECKS
    if any(r.get('transaction') for r in kinds.values()):
        need.append('unfinished-transaction')
    if doc.get('guards'):
        need.append('guard-escape')
    return need


def resolve(name, dirs):
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return os.path.normpath(p)
    return None


def covers(include, doc):
    dirs = list(doc.get('include_dirs') or []) + [SYSTEM]
    inc = resolve(include, dirs)
    if inc is None:
        return False
    if any(os.path.dirname(inc) == os.path.normpath(d) for d in dirs[:-1]):
        return True
    for h in doc.get('headers') or []:
        hp = resolve(h, dirs)
        if hp == inc or (hp and os.path.dirname(hp) not in map(os.path.normpath, dirs)
                         and os.path.dirname(hp) == os.path.dirname(inc)):
            return True
    return False


def main(argv):
    args = [a for a in argv[1:] if a != '-v']
    if len(args) != 1:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    src = args[0]
    catalog = os.path.join(src, 'checks', 'catalog')
    checks = os.path.join(src, 'test', 'checks')
    if not os.path.isdir(catalog) or not os.path.isdir(checks):
        print(f'check_coverage.py: {src} has no checks/catalog or test/checks', file=sys.stderr)
        return 2
    includes = {}  # check dir -> {test file: [included headers]}
    for d in sorted(os.listdir(checks)):
        if os.path.isdir(os.path.join(checks, d)):
            includes[d] = {}
            for t in sorted(os.listdir(os.path.join(checks, d))):
                with open(os.path.join(checks, d, t), errors='replace') as f:
                    includes[d][t] = INCLUDE_RE.findall(f.read())
    missing = 0
    for name in sorted(os.listdir(catalog)):
        if not name.endswith('.yaml'):
            continue
        with open(os.path.join(catalog, name)) as f:
            doc = yaml.safe_load(f) or {}
        headers = doc.get('headers') or []
        found = {d: [t for t, incs in tests.items() if any(covers(i, doc) for i in incs)]
                 for d, tests in includes.items()}
        need = required(doc) or ['any check']
        for d in need:
            if (name, d) in EXEMPT:
                continue
            ok = any(found.values()) if d == 'any check' else found.get(d)
            if not ok:
                missing += 1
                print(f"checks/catalog/{name}: no test in test/checks/{d if d != 'any check' else '*'}/ "
                      f"includes {', '.join(headers)}: add one with positive and negative cases")
        if '-v' in argv:
            print(f"{name}: " + ', '.join(f'{d} {len(ts)}' for d, ts in found.items() if ts))
    print(f'{missing} missing')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
