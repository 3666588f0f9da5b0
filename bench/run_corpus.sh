#!/usr/bin/env bash
# bench/run_corpus.sh — run the dbleak driver over every corpus package.
#
# For each package that bench/corpus.sh --list-tus reports as finished, runs
#   dbleak -j$JOBS -p PKG/db --format json --source-root PKG/src --timeout $TIMEOUT
# and keeps, in $OUT (default /work/dbleak-results, not in git):
#   PKG.json     the driver's JSON report (findings, errors, failures)
#   PKG.stderr   the driver's standard error (crash / timeout messages)
#   PKG.rc       its exit code (0 clean, 1 findings, 2 failure: crash, timeout,
#                compiler error)
#   PKG.time     wall seconds
# and prints one summary line per package plus findings.tsv (all packages:
# package, file relative to the package source root, line, check, message),
# the input of bench/triage.tsv.
#
# Usage: bench/run_corpus.sh [PKG...]
# Environment: DBLEAK (driver, default /work/build/driver/dbleak),
#   DBLEAK_RESULTS_DIR, DBLEAK_JOBS (default 2), DBLEAK_TIMEOUT (default 300),
#   DBLEAK_PROJECT_CATALOGS=1 (pass bench/catalogs/PKG.yaml with --catalog:
#   what a project would write for its own cross-TU helpers; off by default),
#   DBLEAK_CROSS_TU=1 (run with --cross-tu and keep the generated summaries as
#   PKG.summaries.yaml).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DBLEAK=${DBLEAK:-/work/build/driver/dbleak}
OUT=${DBLEAK_RESULTS_DIR:-/work/dbleak-results}
JOBS=${DBLEAK_JOBS:-2}
TIMEOUT=${DBLEAK_TIMEOUT:-300}
mkdir -p "$OUT"

want() { [[ $# -eq 0 ]] && return 0; local p=$1; shift; for w in "${SEL[@]}"; do [[ $w == "$p" ]] && return 0; done; return 1; }
SEL=("$@")

while IFS=$'\t' read -r pkg ntus nok cdb; do
  [[ ${#SEL[@]} -gt 0 ]] && ! want "$pkg" "${SEL[@]}" && continue
  [[ -s $cdb ]] || { echo "$pkg: no database yet, skipped" >&2; continue; }
  src=$(dirname "$(dirname "$cdb")")/src
  t0=$(date +%s.%N)
  rc=0
  catalog=()
  if [[ ${DBLEAK_PROJECT_CATALOGS:-0} == 1 && -f $HERE/catalogs/$pkg.yaml ]]; then
    catalog=(--catalog="$HERE/catalogs/$pkg.yaml")
  fi
  if [[ ${DBLEAK_CROSS_TU:-0} == 1 ]]; then
    catalog+=(--cross-tu --export-summaries="$OUT/$pkg.summaries.yaml")
  fi
  "$DBLEAK" -j"$JOBS" -p "$cdb" --no-cache --format json --source-root "$src" \
      --timeout "$TIMEOUT" "${catalog[@]}" -o "$OUT/$pkg.json" \
      2>"$OUT/$pkg.stderr" || rc=$?
  t1=$(date +%s.%N)
  echo "$rc" >"$OUT/$pkg.rc"
  printf '%.1f\n' "$(echo "$t1 - $t0" | bc)" >"$OUT/$pkg.time"
  python3 - "$OUT/$pkg.json" "$pkg" "$rc" "$(cat "$OUT/$pkg.time")" <<'EOF'
import json, sys
path, pkg, rc, secs = sys.argv[1:]
try:
    r = json.load(open(path))
except Exception as e:
    print(f"{pkg}\trc={rc}\tno report ({e})"); sys.exit(0)
s = r["summary"]
print(f"{pkg}\trc={rc}\t{s['translationUnits']} TUs\t{s['warnings']} findings\t"
      f"{len(r['failures'])} failed TUs\t{s['errors']} compiler errors\t{secs}s")
for f in r["failures"]:
    print(f"  FAILURE {f['file']}: {f['reason']}")
EOF
done < <(bash "$HERE/corpus.sh" --list-tus)

# All findings, one line each.
python3 - "$OUT" <<'EOF' >"$OUT/findings.tsv"
import json, glob, os, sys
out = sys.argv[1]
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    pkg = os.path.basename(path)[:-5]
    try:
        r = json.load(open(path))
    except Exception:
        continue
    for f in r["findings"]:
        print("\t".join([pkg, f["file"], str(f["line"]), f["check"].replace("dbleak-", ""), f["message"]]))
EOF
echo "findings: $(wc -l <"$OUT/findings.tsv") in $OUT/findings.tsv"
