#!/usr/bin/env python3
"""Validates the dbleak API catalog (checks/catalog/*.yaml).

usage: validate_catalog.py CATALOG_DIR_OR_FILE... HEADER_ROOT[:ROOT...] [--markdown|--packages] [-v]

Checks, for every *.yaml file in the given directories (and files given by
name; pass checks/catalog too when checking a user file that uses built-in
kinds):
  * the schema: known fields only (the C++ loader rejects unknown ones), value
    types, `when` shape, field combinations the loader refuses;
  * every kind is declared exactly once across all files, and every kind an
    entry refers to (acquire, release, tx, parent) is declared;
  * every function name is declared as a function (not only a macro) in the
    file's `headers`, searched under HEADER_ROOT together with the headers they
    include; argument indexes fit the prototype, and `out` is a pointer.

Prints `file:line: error: ...` for each problem and a summary (functions per
library); exits 1 if there were errors. --markdown prints the per-library
tables used in docs/catalog.md instead of the summary; --packages the Debian
packages the files name, one per line, as scripts/bootstrap.sh should read them.
"""
import os
import re
import sys
from collections import OrderedDict, defaultdict

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit('validate_catalog.py: needs PyYAML (apt-get install python3-yaml)')

TOP_FIELDS = {'library', 'headers', 'packages', 'include_dirs', 'provenance', 'resources',
              'functions', 'guards'}
# scripts/bootstrap.sh reads `packages` with sed before python3-yaml exists.
PACKAGES_LINE_RE = re.compile(r'^packages:[ \t]*\[([^]]*)\][ \t]*(#.*)?$')
PACKAGE_RE = re.compile(r'^[a-z0-9][a-z0-9+.-]+$')
GUARD_FIELDS = {'type', 'kind'}
RES_FIELDS = {'kind', 'type', 'release', 'release_call', 'transaction', 'rollback', 'parent', 'ends_with_parent'}
FN_FIELDS = {'name', 'acquire', 'out', 'on', 'failure', 'success', 'when', 'release',
             'arg', 'null_ok', 'use', 'sink', 'only_on_failure', 'format_z', 'sql', 'sql_conn',
             'tx', 'error_member', 'error_arg', 'returns', 'status_of',
             'raises', 'catches', 'null_after_rowless'}
FAILURES = {'null', 'handle', 'status'}
KIND_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$')
# C functions by name, C++ functions and methods by qualified name.
IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$')
INT_RE = re.compile(r'^[-+]?[0-9]+$')
BOOL = {'true': True, 'false': False}


class Problems:
    def __init__(self):
        self.errors = 0
        self.warnings = 0
        self.out = sys.stdout

    def error(self, where, msg):
        self.errors += 1
        print(f'{where}: error: {msg}', file=self.out)

    def warn(self, where, msg):
        self.warnings += 1
        print(f'{where}: warning: {msg}', file=self.out)


P = Problems()
FILE_META = {}  # catalog file -> its packages and include_dirs


# ----------------------------------------------------------------------------
# YAML, with line numbers: walk the composed node tree ourselves. Scalars stay
# strings, as for LLVM's YAML I/O (`failure: null` is the string "null").

def at(path, node):
    return f'{path}:{node.start_mark.line + 1}'


def as_map(path, node, what):
    if not isinstance(node, yaml.MappingNode):
        P.error(at(path, node), f'{what} must be a mapping')
        return None
    out = OrderedDict()
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            P.error(at(path, k), 'mapping keys must be plain scalars')
            continue
        if k.value in out:
            P.error(at(path, k), f"duplicate key '{k.value}'")
        out[k.value] = v
    return out


def as_seq(path, node, what):
    if not isinstance(node, yaml.SequenceNode):
        P.error(at(path, node), f'{what} must be a sequence')
        return []
    return node.value


def scalar(path, node, what):
    if not isinstance(node, yaml.ScalarNode):
        P.error(at(path, node), f'{what} must be a scalar')
        return None
    return node.value


def as_int(path, node, what, minimum=None):
    s = scalar(path, node, what)
    if s is None:
        return None
    if not INT_RE.match(s):
        P.error(at(path, node), f"{what} must be an integer, not '{s}'")
        return None
    v = int(s)
    if minimum is not None and v < minimum:
        P.error(at(path, node), f'{what} must be >= {minimum}, not {v}')
        return None
    return v


def as_bool(path, node, what):
    s = scalar(path, node, what)
    if s is None:
        return None
    if s not in BOOL:
        P.error(at(path, node), f"{what} must be true or false, not '{s}'")
        return None
    return BOOL[s]


def as_int_list(path, node, what, minimum=None):
    vals = []
    for item in as_seq(path, node, what):
        v = as_int(path, item, f'an item of {what}', minimum)
        if v is not None:
            vals.append(v)
    return vals


def as_kind(path, node, what):
    s = scalar(path, node, what)
    if s is not None and not KIND_RE.match(s):
        P.error(at(path, node), f"{what} '{s}' is not a library-prefixed kind like 'pg.conn'")
    return s


# ----------------------------------------------------------------------------
# Headers.

class Headers:
    def __init__(self, roots):
        self.roots = [os.path.abspath(r) for r in roots]
        self.root = ':'.join(self.roots)
        self.by_base = defaultdict(list)
        for root in self.roots:
            for d, _, files in os.walk(root):
                for f in files:
                    self.by_base[f].append(os.path.join(d, f))
        self.cache = {}

    def resolve(self, name, from_dir=None, include_dirs=(), strict=False):
        """`name` as included: next to the includer for "...", then directly
        under one of the catalog file's `include_dirs` or a root, as the
        compiler would. Unless `strict` (a catalog file's own `headers`, which
        must be found as its tests' -I flags find them), then anywhere below a
        root, shallowest first: nested system headers (bits/...) live in
        multiarch directories the validator is not told about."""
        if from_dir:
            p = os.path.join(from_dir, name)
            if os.path.isfile(p):
                return os.path.normpath(p)
        for root in list(include_dirs) + self.roots:
            p = os.path.join(root, name)
            if os.path.isfile(p):
                return p
        if strict:
            return None
        cands = [c for c in self.by_base.get(os.path.basename(name), [])
                 if c.endswith('/' + name)]
        if not cands:
            return None
        return sorted(cands, key=lambda c: (c.count('/'), c))[0]

    def closure(self, names, include_dirs=()):
        """The text (comments removed) of the headers and what they include."""
        key = (tuple(names), tuple(include_dirs))
        if key in self.cache:
            return self.cache[key]
        seen, order, missing = set(), [], []
        todo = []
        for n in names:
            p = self.resolve(n, include_dirs=include_dirs, strict=True)
            if p is None:
                missing.append(n)
            else:
                todo.append(p)
        first = list(todo)
        while todo and len(order) < 4000:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            order.append(p)
            with open(p, errors='replace') as f:
                text = f.read()
            for m in re.finditer(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', text, re.M):
                q = self.resolve(m.group(2), os.path.dirname(p) if m.group(1) == '"' else None,
                                 include_dirs)
                if q and q not in seen:
                    todo.append(q)
        texts = []
        for p in order:
            with open(p, errors='replace') as f:
                t = f.read()
            t = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), t, flags=re.S)
            t = re.sub(r'//[^\n]*', '', t)
            texts.append(t)
        result = HeaderSet(first, missing, texts)
        self.cache[key] = result
        return result


class HeaderSet:
    def __init__(self, files, missing, texts):
        self.files, self.missing = files, missing
        code, macros = [], set()
        for t in texts:
            lines, cont = [], False
            for line in t.split('\n'):
                s = line.strip()
                if cont or s.startswith('#'):
                    m = re.match(r'#\s*define\s+([A-Za-z_]\w*)', s)
                    if m and not cont:
                        macros.add(m.group(1))
                    cont = s.endswith('\\')
                    continue
                lines.append(line)
            code.append('\n'.join(lines))
        self.code = '\n'.join(code)
        self.macros = macros
        self.protos = {}
        self.calls = defaultdict(list)  # identifier -> offsets of 'identifier ('
        for m in re.finditer(r'\b([A-Za-z_]\w*)\s*\(', self.code):
            self.calls[m.group(1)].append((m.start(), m.end()))

    def prototype(self, name):
        """(param list, variadic) of the declaration of `name`, or None."""
        if name in self.protos:
            return self.protos[name]
        best = None
        for start, end in self.calls.get(name, []):
            before = self.code[max(0, start - 200):start].rstrip()
            prev = re.search(r'(\w+|\S)$', before)
            prev = prev.group(1) if prev else ''
            if prev in ('return', 'else', 'sizeof', 'case', 'do') or prev in ';{}=,(!&|?:+-<>':
                continue  # a call, not a declaration
            i, depth = end, 1
            while i < len(self.code) and depth:
                depth += {'(': 1, ')': -1}.get(self.code[i], 0)
                i += 1
            params = self.code[end:i - 1]
            parts, depth, cur = [], 0, ''
            for ch in params:
                if ch == ',' and depth == 0:
                    parts.append(cur.strip())
                    cur = ''
                    continue
                depth += {'(': 1, ')': -1, '[': 1, ']': -1}.get(ch, 0)
                cur += ch
            if cur.strip():
                parts.append(cur.strip())
            if parts == ['void']:
                parts = []
            variadic = bool(parts) and parts[-1] == '...'
            if variadic:
                parts = parts[:-1]
            cand = (parts, variadic)
            if best is None or len(parts) > len(best[0]):
                best = cand
        self.protos[name] = best
        return best


# ----------------------------------------------------------------------------

class Entry:
    def __init__(self, path, line, fields, library):
        self.path, self.line, self.f, self.library = path, line, fields, library

    def where(self):
        return f'{self.path}:{self.line}'


def load_file(path, kinds, entries, libraries, guards):
    with open(path) as f:
        text = f.read()
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        P.error(path, f'not valid YAML: {e}')
        return
    if root is None:
        P.error(path, 'empty file')
        return
    top = as_map(path, root, 'the document')
    if top is None:
        return
    for k, v in top.items():
        if k not in TOP_FIELDS:
            P.error(at(path, v), f"unknown top-level field '{k}' (allowed: {', '.join(sorted(TOP_FIELDS))})")
    if 'library' not in top:
        P.error(f'{path}:1', "missing required field 'library'")
        library = os.path.basename(path)
    else:
        library = scalar(path, top['library'], "'library'") or os.path.basename(path)
    headers = []
    if 'headers' in top:
        for h in as_seq(path, top['headers'], "'headers'"):
            s = scalar(path, h, 'a header')
            if s:
                headers.append(s)
    else:
        P.warn(f'{path}:1', "no 'headers': function names cannot be checked")
    packages = []
    if 'packages' in top:
        for n in as_seq(path, top['packages'], "'packages'"):
            s = scalar(path, n, 'a package')
            if s is not None and not PACKAGE_RE.match(s):
                P.error(at(path, n), f"'{s}' is not a Debian package name")
            packages.append(s)
        line = text.split('\n')[top['packages'].start_mark.line]
        m = PACKAGES_LINE_RE.match(line)
        if not m or [p.strip() for p in m.group(1).split(',') if p.strip()] != packages:
            P.error(at(path, top['packages']), "'packages' must be written on one line, "
                    "'packages: [a, b]', at the start of the line: scripts/bootstrap.sh reads it with sed")
    include_dirs = []
    if 'include_dirs' in top:
        for n in as_seq(path, top['include_dirs'], "'include_dirs'"):
            s = scalar(path, n, 'an include directory')
            if s is None:
                continue
            if not os.path.isabs(s):
                P.error(at(path, n), f"include directory '{s}' must be an absolute path")
            elif not os.path.isdir(s):
                verb = 'is' if len(packages) == 1 else 'are'
                P.error(at(path, n), f"include directory '{s}' does not exist "
                        f"({verb} {', '.join(packages) or 'its packages'} installed?)")
            include_dirs.append(s)
    FILE_META[path] = {'packages': packages, 'include_dirs': include_dirs}
    if 'provenance' not in top:
        P.warn(f'{path}:1', "no 'provenance'")
    libraries[path] = (library, headers)

    for rnode in as_seq(path, top.get('resources', yaml.SequenceNode('', [])), "'resources'"):
        r = as_map(path, rnode, 'a resource')
        if r is None:
            continue
        for k, v in r.items():
            if k not in RES_FIELDS:
                P.error(at(path, v), f"unknown resource field '{k}' (allowed: {', '.join(sorted(RES_FIELDS))})")
        if 'kind' not in r:
            P.error(at(path, rnode), "resource without 'kind'")
            continue
        kind = as_kind(path, r['kind'], "'kind'")
        res = {'kind': kind, 'line': rnode.start_mark.line + 1, 'path': path, 'library': library}
        for k in ('type', 'release'):
            if k in r:
                res[k] = scalar(path, r[k], f"'{k}'")
            else:
                P.warn(at(path, rnode), f"resource '{kind}' has no '{k}' (used in messages)")
        res['transaction'] = as_bool(path, r['transaction'], "'transaction'") if 'transaction' in r else False
        res['ends_with_parent'] = (as_bool(path, r['ends_with_parent'], "'ends_with_parent'")
                                   if 'ends_with_parent' in r else True)
        res['parent'] = as_kind(path, r['parent'], "'parent'") if 'parent' in r else None
        res['parent_line'] = r['parent'].start_mark.line + 1 if 'parent' in r else None
        if res['transaction'] and not res['parent']:
            P.error(at(path, rnode), f"transaction kind '{kind}' needs a 'parent'")
        if 'rollback' in r and not res['transaction']:
            P.error(at(path, r['rollback']), "'rollback' on a kind that is not a transaction")
        if 'release_call' in r:
            call = scalar(path, r['release_call'], "'release_call'")
            if res['transaction']:
                P.error(at(path, r['release_call']), "'release_call' on a transaction (use 'rollback')")
            elif '{handle}' not in call or not call.startswith(res.get('release', '') + '('):
                P.error(at(path, r['release_call']),
                        "'release_call' must call the kind's 'release' function and name '{handle}'")
        if 'ends_with_parent' in r and not res['parent']:
            P.error(at(path, r['ends_with_parent']), "'ends_with_parent' without 'parent'")
        if kind in kinds:
            other = kinds[kind]
            P.error(at(path, rnode), f"kind '{kind}' is declared twice (also {other['path']}:{other['line']})")
            continue
        kinds[kind] = res

    for gnode in as_seq(path, top.get('guards', yaml.SequenceNode('', [])), "'guards'"):
        g = as_map(path, gnode, 'a guard')
        if g is None:
            continue
        for k, v in g.items():
            if k not in GUARD_FIELDS:
                P.error(at(path, v), f"unknown guard field '{k}' (allowed: {', '.join(sorted(GUARD_FIELDS))})")
        if 'type' not in g:
            P.error(at(path, gnode), "guard without 'type'")
            continue
        t = scalar(path, g['type'], "guard 'type'")
        if t is None or not IDENT_RE.match(t):
            P.error(at(path, gnode), f"guard 'type' must be a (qualified) class name, not '{t}'")
            continue
        guards.append((path, gnode.start_mark.line + 1, t))

    for fnode in as_seq(path, top.get('functions', yaml.SequenceNode('', [])), "'functions'"):
        m = as_map(path, fnode, 'a function entry')
        if m is None:
            continue
        e = Entry(path, fnode.start_mark.line + 1, {}, library)
        w = e.where()
        for k, v in m.items():
            if k not in FN_FIELDS:
                P.error(at(path, v), f"unknown function field '{k}' (allowed: {', '.join(sorted(FN_FIELDS))})")
        if 'name' not in m:
            P.error(w, "function entry without 'name'")
            continue
        f = e.f
        f['name'] = scalar(path, m['name'], "'name'")
        if f['name'] is None or not IDENT_RE.match(f['name']):
            P.error(w, f"'name' must be a C identifier or a qualified C++ name, not '{f['name']}'")
            continue
        for k in ('acquire', 'release', 'tx'):
            if k in m:
                f[k] = as_kind(path, m[k], f"'{k}'")
        for k in ('out', 'on', 'sql', 'sql_conn', 'format_z', 'status_of',
                  'null_after_rowless'):
            if k in m:
                f[k] = as_int(path, m[k], f"'{k}'", -1)
        if 'arg' in m:
            f['arg'] = as_int(path, m['arg'], "'arg'", 0)
        if 'returns' in m:
            f['returns'] = as_int(path, m['returns'], "'returns'")
        for k in ('null_ok', 'raises', 'catches'):
            if k in m:
                f[k] = as_bool(path, m[k], f"'{k}'")
        if 'failure' in m:
            f['failure'] = scalar(path, m['failure'], "'failure'")
            if f['failure'] not in FAILURES:
                P.error(at(path, m['failure']), f"'failure' must be one of null, handle, status, not '{f['failure']}'")
        if 'success' in m:
            f['success'] = as_int_list(path, m['success'], "'success'")
        if 'use' in m:
            f['use'] = as_int_list(path, m['use'], "'use'", 0)
            if len(set(f['use'])) != len(f['use']):
                P.error(at(path, m['use']), "'use' lists an argument twice")
        if 'sink' in m:
            f['sink'] = as_int_list(path, m['sink'], "'sink'", 0)
        if 'only_on_failure' in m:
            f['only_on_failure'] = as_bool(path, m['only_on_failure'], "'only_on_failure'")
        if 'when' in m:
            f['when'] = []
            for wn in as_seq(path, m['when'], "'when'"):
                wm = as_map(path, wn, "a 'when' item")
                if wm is None:
                    continue
                if set(wm) not in ({'arg', 'equals'}, {'arg', 'function'}):
                    P.error(at(path, wn), "a 'when' item is exactly {arg: N, equals: V} or {arg: N, function: true}")
                    continue
                a = as_int(path, wm['arg'], "'when' arg", 0)
                if 'function' in wm:
                    if as_bool(path, wm['function'], "'when' function") is not True:
                        P.error(at(path, wn), "'function' in a 'when' item can only be true")
                    v = 'function'
                else:
                    v = as_int(path, wm['equals'], "'when' equals")
                if a is not None and v is not None:
                    f['when'].append((a, v))
            if not f['when']:
                P.error(at(path, m['when']), "'when' is empty")
            if len({a for a, _ in f['when']}) != len(f['when']):
                P.error(at(path, m['when']), "'when' constrains an argument twice")

        # Combinations (mirrors the loader, plus a few it lets through).
        if 'acquire' in f and 'release' in f:
            P.error(w, "an entry has at most one of 'acquire' and 'release' (write two entries)")
        if 'acquire' not in f:
            for k in ('out', 'on'):
                if k in f:
                    P.error(w, f"'{k}' only applies to an 'acquire' entry")
            if 'release' not in f:
                for k in ('failure', 'success', 'only_on_failure'):
                    if k in f and not (k == 'success' and f.get('status_of', -1) >= 0):
                        P.error(w, f"'{k}' only applies to an 'acquire' or 'release' entry")
            elif f.get('failure', 'status') != 'status':
                P.error(w, "a 'release' entry takes only 'failure: status' (released only when the call succeeds)")
        if 'release' not in f:
            for k in ('arg', 'null_ok'):
                if k in f:
                    P.error(w, f"'{k}' only applies to a 'release' entry")
        if f.get('out', -1) >= 0 and f.get('on', -1) >= 0:
            P.error(w, "'out' and 'on' exclude each other ('on' attaches to an existing handle)")
        if f.get('only_on_failure') and f.get('failure') != 'status':
            P.error(w, "'only_on_failure' needs 'failure: status'")
        if f.get('failure') == 'status' and not f.get('success'):
            P.error(w, "'failure: status' needs 'success' values")
        if f.get('status_of', -1) >= 0 and not f.get('success'):
            P.error(w, "'status_of' needs 'success' values")
        if 'success' in f and f.get('failure') != 'status' and f.get('status_of', -1) < 0:
            P.error(w, "'success' only applies with 'failure: status'")
        if f.get('failure') == 'status' and f.get('out', -1) < 0 and f.get('on', -1) < 0 \
                and 'error_member' not in m and 'release' not in f:
            P.error(w, "'failure: status' needs the handle in an out-parameter or 'on' (the return value is the status), or an 'error_member'")
        sql = f.get('sql', -1)
        if sql is not None and sql >= 0 and (f.get('sql_conn', -1) is None or f.get('sql_conn', -1) < 0 or 'tx' not in f):
            P.error(w, "'sql' needs 'sql_conn' and 'tx'")
        if ('sql_conn' in f or 'tx' in f) and f.get('sql', -1) is not None and f.get('sql', -1) < 0:
            P.error(w, "'sql_conn' and 'tx' only apply with 'sql'")
        entries.append(e)


def check_entries(kinds, entries, headers_of, hdrs, lib_of_file):
    by_name = defaultdict(list)
    for e in entries:
        by_name[e.f['name']].append(e)
    released = defaultdict(set)
    acquired = set()
    for e in entries:
        f, w = e.f, e.where()
        for k in ('acquire', 'release', 'tx'):
            kind = f.get(k)
            if kind and kind not in kinds:
                P.error(w, f"{f['name']}: {k} kind '{kind}' is not declared in any catalog file")
        if f.get('tx') in kinds and not kinds[f['tx']]['transaction']:
            P.error(w, f"{f['name']}: 'tx' kind '{f['tx']}' is not a transaction kind")
        if f.get('on', -1) is not None and f.get('on', -1) >= 0 and f.get('acquire') in kinds \
                and not kinds[f['acquire']]['parent']:
            P.error(w, f"{f['name']}: 'on' needs a kind with a 'parent' ('{f['acquire']}' has none)")
        if f.get('acquire') in kinds and kinds[f['acquire']]['parent'] and f.get('on', -1) is not None \
                and f.get('on', -1) < 0:
            P.error(w, f"{f['name']}: '{f['acquire']}' is attached to a '{kinds[f['acquire']]['parent']}'; "
                       "say which argument with 'on'")
        if f.get('release'):
            released[f['release']].add(f['name'])
        if f.get('acquire'):
            acquired.add(f['acquire'])
        if e.library != kinds.get(f.get('acquire') or f.get('release') or '', {}).get('library', e.library):
            pass  # cross-library references are allowed (e.g. libc free on any kind is not)

    # The same function twice with the same effect is a copy-paste slip.
    for name, es in by_name.items():
        seen = {}
        for e in es:
            key = tuple(sorted((k, str(v)) for k, v in e.f.items()))
            if key in seen:
                P.error(e.where(), f'{name}: duplicate of the entry at line {seen[key]}')
            seen[key] = e.line
        libs = {e.library for e in es}
        if len(libs) > 1:
            P.warn(es[0].where(), f"{name}: catalogued by several libraries ({', '.join(sorted(libs))})")

    for kind, r in kinds.items():
        where = f"{r['path']}:{r['line']}"
        if r['parent'] and r['parent'] not in kinds:
            P.error(where, f"kind '{kind}': parent '{r['parent']}' is not declared")
        if kind not in acquired and not (r['transaction'] and any(e.f.get('tx') == kind for e in entries)):
            P.warn(where, f"kind '{kind}' is never acquired")
        if not r['transaction']:
            rel = r.get('release')
            if rel and rel not in released[kind]:
                P.error(where, f"kind '{kind}': its release function '{rel}' has no release entry for it")
        elif not released[kind]:
            # Transactions may end only through SQL text (COMMIT/ROLLBACK).
            if not any(e.f.get('tx') == kind for e in entries):
                P.error(where, f"transaction kind '{kind}' can never end (no release entry, no 'sql')")

    # Names and argument indexes against the real headers.
    for e in entries:
        f, w = e.f, e.where()
        hs = headers_of.get(e.path)
        if not hs:
            continue
        hset = hdrs.closure(hs, FILE_META[e.path]['include_dirs'])
        name = f['name']
        proto = hset.prototype(name.split('::')[-1])
        if proto is None:
            if '::' not in name and name in hset.macros:
                P.error(w, f"{name} is a macro in {', '.join(hs)}, not a function: catalog what it expands to")
            else:
                P.error(w, f"{name} is not declared in {', '.join(hs)} (under {hdrs.root})")
            continue
        params, variadic = proto
        n = len(params)

        def idx(what, i):
            if i is None or i < 0:
                return
            if i >= n and not variadic:
                P.error(w, f'{name}: {what} {i} is out of range; {name} takes {n} argument(s)')

        for i in f.get('use', []):
            idx("'use' argument", i)
        for i in f.get('sink', []):
            idx("'sink' argument", i)
        idx("'out'", f.get('out'))
        idx("'on'", f.get('on'))
        idx("'sql'", f.get('sql'))
        idx("'sql_conn'", f.get('sql_conn'))
        idx("'format_z'", f.get('format_z'))
        idx("'status_of'", f.get('status_of'))
        idx("'null_after_rowless'", f.get('null_after_rowless'))
        if 'release' in f:
            idx("'arg'", f.get('arg', 0))
        for a, _ in f.get('when', []):
            idx("'when' arg", a)
        out = f.get('out', -1)
        if out is not None and 0 <= out < n and not re.search(r'[*&]|\bsds\b', params[out]):
            P.error(w, f"{name}: 'out' {out} is '{params[out]}', not a pointer to where the handle is stored")
    for path, hs in headers_of.items():
        if hs:
            dirs = FILE_META[path]['include_dirs']
            for m in hdrs.closure(hs, dirs).missing:
                P.error(f'{path}:1', f"header '{m}' not found under {':'.join(dirs + hdrs.roots)}")


def check_guards(guards, headers_of, hdrs):
    for path, line, t in guards:
        hs = headers_of.get(path)
        if not hs:
            continue
        last = t.split('::')[-1]
        if not re.search(r'\b(class|struct)\s+(\w+\s+)*' + re.escape(last) + r'\b', hdrs.closure(hs, FILE_META[path]['include_dirs']).code):
            P.warn(f'{path}:{line}', f"guard class '{t}' is not defined in {', '.join(hs)}")


def markdown(kinds, entries, libraries, guards):
    """The summary and per-library tables for docs/catalog.md."""
    first = ['libpq', 'sqlite3', 'mysql', 'odbc', 'hiredis', 'mongoc', 'libc']
    files = sorted(libraries, key=lambda p: (first.index(libraries[p][0]) if libraries[p][0] in first
                                             else len(first), libraries[p][0].lower()))
    out = ['| library | file | Debian packages | include directories | functions | kinds |',
           '|---|---|---|---|---|---|']
    for path in files:
        meta = FILE_META[path]
        out.append(f"| {libraries[path][0]} | `{os.path.basename(path)}` | "
                   f"{', '.join(f'`{p}`' for p in meta['packages']) or '—'} | "
                   f"{', '.join(f'`{d}`' for d in meta['include_dirs']) or '—'} | "
                   f"{len({e.f['name'] for e in entries if e.path == path})} | "
                   f"{sum(1 for r in kinds.values() if r['path'] == path)} |")
    out.append('')
    for path in files:
        library, headers = libraries[path]
        es = [e for e in entries if e.path == path]
        names = sorted({e.f['name'] for e in es})
        out.append(f'### {library} (`{os.path.basename(path)}`, {len(names)} functions)\n')
        gs = [t for p, _, t in guards if p == path]
        if gs:
            out.append('Guard classes: ' + ', '.join(f'`{t}`' for t in gs) + '\n')
        if not any(r['path'] == path for r in kinds.values()):
            continue
        out.append('| kind | type | acquired by | released by |')
        out.append('|---|---|---|---|')
        for kind, r in kinds.items():
            if r['path'] != path:
                continue

            def fmt(e):
                s = f"`{e.f['name']}`"
                extra = []
                if e.f.get('out', -1) >= 0:
                    extra.append(f"out {e.f['out']}")
                if e.f.get('on', -1) >= 0:
                    extra.append(f"on {e.f['on']}")
                if 'release' in e.f and e.f.get('arg', 0):
                    extra.append(f"arg {e.f['arg']}")
                if e.f.get('when'):
                    extra.append(', '.join(f'arg {a}={v}' for a, v in e.f['when']))
                return s + (f" ({'; '.join(extra)})" if extra else '')
            acq = [fmt(e) for e in entries if e.f.get('acquire') == kind]
            rel = [fmt(e) for e in entries if e.f.get('release') == kind]
            sql = sorted({e.f['name'] for e in entries if e.f.get('tx') == kind})
            if r['transaction'] and sql:
                acq.append('SQL `BEGIN`/`START TRANSACTION` via ' + ', '.join(f'`{s}`' for s in sql))
                rel.append('SQL `COMMIT`/`ROLLBACK`')
            out.append(f"| `{kind}` | {r.get('type', '')} | {', '.join(acq) or '—'} | {', '.join(rel) or '—'} |")
        effects = ('acquire', 'release', 'sql', 'returns')
        uses = sorted({e.f['name'] for e in es if not any(k in e.f for k in effects)})
        marked = [n for n in uses if not any(k in e.f for e in es if e.f['name'] == n
                                             for k in effects)]
        out.append('')
        returns = sorted({(e.f['name'], e.f['returns']) for e in es if 'returns' in e.f})
        if returns:
            out.append('Return only with one value (`returns`): ' +
                       ', '.join(f'`{n}` ({v})' for n, v in returns) + '\n')
        if marked:
            out.append(f'<details><summary>{len(marked)} more functions are only uses</summary>\n')
            out.append(', '.join(f'`{n}`' for n in marked))
            out.append('\n</details>\n')
    return '\n'.join(out)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith('-')]
    flags = {a for a in argv[1:] if a.startswith('-')}
    if len(args) < 2 or flags - {'--markdown', '--packages', '-v'}:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    *cats, root = args
    if flags & {'--markdown', '--packages'}:
        P.out = sys.stderr
    roots = [r for r in root.split(':') if r]
    for r in roots:
        if not os.path.isdir(r):
            print(f'validate_catalog.py: header root {r} is not a directory', file=sys.stderr)
            return 2
    files = []
    for c in cats:
        if os.path.isdir(c):
            found = sorted(os.path.join(c, f) for f in os.listdir(c) if f.endswith('.yaml'))
            if not found:
                P.error(c, 'no *.yaml files')
            files += found
        elif os.path.isfile(c):
            files.append(c)
        else:
            P.error(c, 'no such file or directory')
    if not files:
        return 1
    kinds, entries, libraries, guards = OrderedDict(), [], OrderedDict(), []
    for path in files:
        load_file(path, kinds, entries, libraries, guards)
    hdrs = Headers(roots)
    headers_of = {p: hs for p, (_, hs) in libraries.items()}
    check_entries(kinds, entries, headers_of, hdrs, libraries)
    check_guards(guards, headers_of, hdrs)
    if '--markdown' in flags:
        print(markdown(kinds, entries, libraries, guards))
    elif '--packages' in flags:
        print('\n'.join(sorted({p for m in FILE_META.values() for p in m['packages']})))
    else:
        print(f"{'library':<10} {'file':<14} {'functions':>9} {'entries':>8} {'kinds':>6}")
        for path, (library, hs) in libraries.items():
            es = [e for e in entries if e.path == path]
            nk = sum(1 for r in kinds.values() if r['path'] == path)
            print(f"{library:<10} {os.path.basename(path):<14} {len({e.f['name'] for e in es}):>9} "
                  f"{len(es):>8} {nk:>6}")
            if '-v' in flags:
                for h in hdrs.closure(hs, FILE_META[path]['include_dirs']).files:
                    print(f'    header: {h}')
        print(f"{'total':<10} {'':<14} {len({e.f['name'] for e in entries}):>9} {len(entries):>8} "
              f"{len(kinds):>6}")
        print(f'{P.errors} error(s), {P.warnings} warning(s)')
    return 1 if P.errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
