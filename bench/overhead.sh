#!/usr/bin/env bash
# bench/overhead.sh — how much dbleak costs, on a fixed sample of corpus TUs.
#
# Measures in one run, one process per TU (as a build runs them):
#   dbleak       stock clang-tidy-22 --load dbleak-tidy-plugin.so -checks='-*,dbleak-*'
#   tidy-parse   stock clang-tidy-22 -checks='-*,misc-unused-alias-decls' (cost of parsing)
#   syntax-only  clang-22 -fsyntax-only with the TU's flags
#   analyze      clang-22 --analyze (default checkers) with the TU's flags
#   cppcheck     cppcheck 2.10 with posix/gnu cfgs (+ sqlite3.cfg for SQLite TUs;
#                Debian's cppcheck has no postgresql/mysql cfg)
# plus peak RSS per tool and the dbleak driver's -j1 vs -j2 time on whole
# packages. Ratios are computed from the summed wall time over the sample
# (min and median over the repetitions). Results: bench/overhead.md.
#
# Usage: bench/overhead.sh [--per-pkg N] [--reps R] [--out FILE.json]
#        bench/overhead.sh --every-tu [--pkgs P1,P2] [--reps R] [--hot-reps H]
#                          [--plugin-before OLD.so] [--out FILE.json]
#   --every-tu: every TU of every finished package (not a sample), dbleak vs
#   clang-tidy's parse only (and OLD.so, another build of the plugin, in the
#   same run), one pass plus H more runs of the hottest TUs; per package and
#   per TU ratios of CPU time.
# Environment: DBLEAK_PLUGIN, DBLEAK (driver), DBLEAK_MAX_LOAD (wait until the
#   1-minute load average is below this before starting; default 1.5; the
#   machine has 2 cores shared with other builds), DBLEAK_WAIT_MAX (seconds to
#   wait for that, default 1800; then it runs anyway and says so).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLUGIN=${DBLEAK_PLUGIN:-/work/build/checks/dbleak-tidy-plugin.so}
DRIVER=${DBLEAK:-/work/build/driver/dbleak}
MAXLOAD=${DBLEAK_MAX_LOAD:-1.5}
WAITMAX=${DBLEAK_WAIT_MAX:-1800}
PER_PKG=3; REPS=; OUT=${TMPDIR:-/tmp}/dbleak-overhead.json
EVERY=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --per-pkg) PER_PKG=$2; shift 2;;
    --reps) REPS=$2; shift 2;;
    --out) OUT=$2; shift 2;;
    --every-tu) EVERY+=(--every-tu); shift;;
    --pkgs|--hot-reps|--plugin-before|--hot-top|--hot-ratio) EVERY+=("$1" "$2"); shift 2;;
    *) echo "usage: $0 [--per-pkg N] [--reps R] [--out FILE.json] | --every-tu [--pkgs P,..] [--hot-reps H] [--plugin-before OLD.so]" >&2; exit 2;;
  esac
done
# One pass over every TU (plus the hot ones again); three over a sample.
[[ -n $REPS ]] || { [[ ${#EVERY[@]} -gt 0 ]] && REPS=1 || REPS=3; }
[[ ${#EVERY[@]} -gt 0 ]] || command -v cppcheck >/dev/null || { echo "cppcheck is not installed" >&2; exit 2; }

waited=0
while awk -v m="$MAXLOAD" '{exit !($1 >= m)}' /proc/loadavg && (( waited < WAITMAX )); do
  sleep 30; waited=$((waited + 30))
done
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p')" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg) (waited ${waited}s for < $MAXLOAD)" >&2
echo "dbleak: $(git -C "$HERE/.." rev-parse --short HEAD) plugin $PLUGIN" >&2
python3 "$HERE/overhead.py" --corpus-sh "$HERE/corpus.sh" --plugin "$PLUGIN" \
  --driver "$DRIVER" --per-pkg "$PER_PKG" --reps "$REPS" --out "$OUT" "${EVERY[@]}"
echo "raw measurements: $OUT" >&2
