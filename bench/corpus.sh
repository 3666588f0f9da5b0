#!/usr/bin/env bash
# bench/corpus.sh — fetch and prepare the dbleak benchmark corpus.
#
# For every package in bench/corpus.list (pinned Debian bookworm sources):
#   fetch   apt-get source PKG=VERSION              -> $CORPUS/PKG/src
#   deps    apt-get build-dep (from the fetched debian/control)
#   build   configure + `bear -- make` of only the parts that use a DB
#           client library                           -> PKG/compile_commands.json
#   filter  keep the TUs that (transitively) include a DB client header
#                                                     -> PKG/compile_commands.db.json (gcc)
#                                                     -> PKG/db/compile_commands.json (clang-22)
#   parse   clang-22 -fsyntax-only on every filtered TU -> PKG/parse.tsv
# Every step leaves a stamp file (PKG/.stamp-STEP); finished steps are skipped.
#
# Usage:
#   bench/corpus.sh [PKG...]        run all steps (all packages, or the named ones)
#   bench/corpus.sh --list-tus      PKG <tab> TUs <tab> clang-ok <tab> /abs/PKG/db/compile_commands.json
#   bench/corpus.sh --list-tus -v   one line per TU: PKG <tab> parse-status <tab> libs <tab> /abs/file
#   bench/corpus.sh --summary       summary table only
#   bench/corpus.sh --redo STEP [PKG...]   remove STEP's stamp (and later ones) and rerun;
#                                   `--redo fetch` rebuilds a package from a fresh tree
# Environment:
#   DBLEAK_CORPUS_DIR   where the corpus lives (default /work/corpus; never in git)
#   DBLEAK_CORPUS_JOBS  parallel jobs for make / parse checks (default 2)
#   DBLEAK_CLANG        clang used for the parse check (default clang-22)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIST=$HERE/corpus.list
TOOL=$HERE/cdb_tool.py
CORPUS=${DBLEAK_CORPUS_DIR:-/work/corpus}
JOBS=${DBLEAK_CORPUS_JOBS:-2}
CLANG=${DBLEAK_CLANG:-clang-22}
NICE=(nice -n 10)
STEPS=(fetch deps build filter parse)
export DEBIAN_FRONTEND=noninteractive

log() { printf '[corpus %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '[corpus] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- list file
declare -a PKGS=()
declare -A VER=() LIBS=() NODEPS=()
read_list() {
  local p v l n
  while read -r p v l n _; do
    [[ -z ${p:-} || $p == \#* ]] && continue
    PKGS+=("$p"); VER[$p]=$v; LIBS[$p]=$l; NODEPS[$p]=${n:--}
  done <"$LIST"
}

# ---------------------------------------------------------------- apt setup
SRC_SOURCES=/etc/apt/sources.list.d/debian-src.sources
ensure_deb_src() {
  if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding deb-src entries for bookworm ($SRC_SOURCES)"
    [[ $(id -u) == 0 ]] || die "need root to add $SRC_SOURCES"
    cat >"$SRC_SOURCES" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    rm -f "$CORPUS/.stamp-apt-update"
  fi
  if [[ ! -e $CORPUS/.stamp-apt-update ]]; then
    log "apt-get update"
    apt-get update -qq -o DPkg::Lock::Timeout=900
    touch "$CORPUS/.stamp-apt-update"
  fi
}

# ---------------------------------------------------------------- steps
W=        # $CORPUS/$PKG, set per package
run_logged() {   # run_logged LOGNAME CMD... : output to $W/logs/LOGNAME.log
  local lf=$W/logs/$1.log; shift
  mkdir -p "$W/logs"
  if ! "$@" >>"$lf" 2>&1; then
    tail -n 30 "$lf" >&2
    die "$PKG: command failed: $* (full log: $lf)"
  fi
}

srcdir() { echo "$W/src"; }

step_fetch() {
  local d
  rm -rf "$W/download"; mkdir -p "$W/download"
  local avail
  avail=$(apt-cache showsrc "$PKG" 2>/dev/null | sed -n 's/^Version: //p' | tr '\n' ' ')
  if [[ " $avail " != *" ${VER[$PKG]} "* ]]; then
    die "$PKG=${VER[$PKG]} is no longer in the apt sources (available: ${avail:-none}). Update bench/corpus.list to one of these versions."
  fi
  (cd "$W/download" && run_logged fetch apt-get source -q "$PKG=${VER[$PKG]}")
  d=$(find "$W/download" -mindepth 1 -maxdepth 1 -type d | head -n1)
  [[ -n $d && -e $d/debian/control ]] || die "$PKG: apt-get source left no unpacked tree"
  rm -rf "$W/src" "$W/db" "$W"/compile_commands*.json "$W"/*.tsv "$W"/*.log
  mv "$d" "$W/src"
  echo "${VER[$PKG]}" >"$W/VERSION"
}

step_deps() {
  local ctl=$W/src/debian/control dep
  if [[ ${NODEPS[$PKG]} != - ]]; then
    # Drop build-deps that conflict with packages this machine needs (see corpus.list).
    [[ -e $ctl.orig ]] || cp "$ctl" "$ctl.orig"
    cp "$ctl.orig" "$ctl"
    for dep in ${NODEPS[$PKG]//,/ }; do
      log "$PKG: not installing build-dep $dep"
      sed -i -E "s/(^|[ ,])$dep( *\([^)]*\))?( *\[[^]]*\])? *,/\1/" "$ctl"
    done
  fi
  # --no-remove: never remove an installed package to satisfy build-deps.
  run_logged deps apt-get build-dep -y -q --no-remove -o DPkg::Lock::Timeout=900 "$W/src"
}

step_build() {
  local fn=build_${PKG//[-.+]/_}
  declare -F "$fn" >/dev/null || die "no build recipe $fn in corpus.sh"
  # A retried build appends to the database of the failed attempt (objects
  # already built are not compiled again); `--redo fetch` starts from scratch.
  cd "$W/src"
  "$fn"
  cd "$W"
  [[ -s $W/compile_commands.json ]] || die "$PKG: build produced no compile_commands.json"
}

step_filter() {
  run_logged filter python3 "$TOOL" filter --pkg "$PKG" --clang "$CLANG" \
    --in "$W/compile_commands.json" --out "$W/compile_commands.db.json" \
    --clang-out "$W/db/compile_commands.json" --tus "$W/db_tus.tsv"
}

step_parse() {
  run_logged parse python3 "$TOOL" parse --jobs "$JOBS" \
    --in "$W/db/compile_commands.json" --tus "$W/db_tus.tsv" \
    --out "$W/parse.tsv" --errors "$W/parse_errors.log"
}

# Helpers for build recipes (run inside $W/src).
cfg()  { run_logged configure "${NICE[@]}" "$@"; }
# bmake DIR-OR-"" MAKEARGS... : bear-wrapped make, appending to the package's database.
bmake() {
  local dir=$1; shift
  local -a a=(bear --output "$W/compile_commands.json")
  [[ -e $W/compile_commands.json ]] && a+=(--append)
  run_logged build "${NICE[@]}" "${a[@]}" -- make -j"$JOBS" ${dir:+-C "$dir"} "$@"
}
# plain make (no database): generated headers, helper libraries.
pmake() {
  local dir=$1; shift
  run_logged build "${NICE[@]}" make -j"$JOBS" ${dir:+-C "$dir"} "$@"
}

# ---------------------------------------------------------------- build recipes
# Each recipe configures the package with its DB drivers enabled and runs
# `bmake` only on directories whose sources include a DB client header
# (found with: grep -rlE 'libpq-fe.h|sqlite3.h|mysql.h|sql.h|hiredis.h|mongoc.h|pqxx|soci').
# RECIPES-BEGIN
build_postgresql_15() {
  # libpq users: the client programs, fe_utils, ecpglib, dblink/postgres_fdw,
  # the walreceiver (backend side libpq), isolation tester, libpq examples and
  # libpq_pipeline test. libpq itself is built without recording it: its
  # implementation is not client code.
  [[ -e config.status ]] || cfg ./configure --with-openssl --without-icu --without-llvm
  pmake src/backend generated-headers
  pmake src/common; pmake src/port; pmake src/interfaces/libpq
  bmake src/fe_utils
  bmake src/bin
  bmake src/interfaces/ecpg/ecpglib
  bmake src/backend/replication/libpqwalreceiver
  bmake contrib/dblink; bmake contrib/postgres_fdw
  bmake contrib/oid2name; bmake contrib/vacuumlo
  bmake src/test/isolation; bmake src/test/examples; bmake src/test/modules/libpq_pipeline
}

build_pgbouncer() {
  # pgbouncer speaks the protocol itself; only its async test client uses libpq.
  [[ -e config.status ]] || cfg ./configure --with-cares=yes --with-pam --with-systemd
  bmake test asynctest
}

build_sqlite3() {
  # The amalgamation pastes sqlite3.h in, so only the clients of the API
  # (shell, tools, extensions) are kept by the filter.
  [[ -e config.status ]] || cfg ./configure --enable-threadsafe --enable-load-extension \
      --enable-json --enable-fts4 --enable-fts5 --enable-amalgamation --enable-session \
      CFLAGS="-g -O0 -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_RBU -DSQLITE_ENABLE_DBPAGE_VTAB -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_STMTVTAB"
  pmake '' sqlite3.c sqlite3.h shell.c
  bmake '' sqlite3 sqldiff dbhash showdb changeset rbu mptester sqlite3_expert
}

build_rsyslog() {
  [[ -e config.status ]] || cfg ./configure --enable-pgsql --enable-mysql --enable-omhiredis \
      --enable-imhiredis --enable-ommongodb --disable-generate-man-pages
  local d
  for d in plugins/ompgsql plugins/ommysql contrib/omhiredis contrib/imhiredis plugins/ommongodb; do
    bmake "$d"
  done
}

build_freeradius() {
  # rlm_sql drivers (postgresql, mysql, sqlite, unixodbc), redis modules.
  [[ -e config.status ]] || cfg ./configure --disable-developer --disable-openssl-version-check \
      --with-rlm_sql_postgresql --with-rlm_sql_mysql --with-rlm_sql_sqlite \
      --with-rlm_sql_unixodbc --without-rlm_sql_iodbc --without-rlm_eap_tnc
  bmake '' rlm_sql_postgresql.la rlm_sql_mysql.la rlm_sql_sqlite.la rlm_sql_unixodbc.la \
      rlm_redis.la rlm_rediswho.la rlm_sql.la
}

build_pdns() {
  # Generic SQL backends, plus pdns/ssqlite3.cc (used by the server, pdnsutil
  # and the bind backend's DNSSEC db).
  [[ -e config.status ]] || cfg ./configure --with-modules="" \
      --with-dynmodules="gmysql gpgsql gsqlite3 godbc bind" --enable-tools=no --disable-silent-rules
  local m
  for m in gmysqlbackend gpgsqlbackend gsqlite3backend godbcbackend; do bmake modules/$m; done
  bmake pdns ssqlite3.o pdnsutil.o
}

build_osm2pgsql() {
  [[ -e _dbleak_build/compile_commands.json ]] || rm -rf _dbleak_build
  [[ -e _dbleak_build/compile_commands.json ]] || cfg cmake -S . -B _dbleak_build -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUILD_TESTS=ON \
      -DEXTERNAL_LIBOSMIUM=ON -DEXTERNAL_PROTOZERO=ON -DEXTERNAL_RAPIDJSON=ON
  # CMake writes the database at configure time; build only the generated sources.
  cp _dbleak_build/compile_commands.json "$W/compile_commands.json"
}

build_mongo_c_driver() {
  # libmongoc's examples and tests are the client code; CMake exports the
  # database at configure time (its config headers are made by configure_file).
  [[ -e _dbleak_build/compile_commands.json ]] || rm -rf _dbleak_build
  [[ -e _dbleak_build/compile_commands.json ]] || cfg cmake -S . -B _dbleak_build -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DENABLE_EXAMPLES=ON -DENABLE_TESTS=ON \
      -DENABLE_MONGOC=ON -DUSE_SYSTEM_LIBBSON=OFF -DENABLE_SASL=OFF -DENABLE_ZSTD=OFF \
      -DENABLE_SNAPPY=OFF -DENABLE_ZLIB=SYSTEM -DENABLE_SSL=OPENSSL -DENABLE_SRV=OFF \
      -DBUILD_VERSION="$(cat VERSION_CURRENT 2>/dev/null || echo "${VER[$PKG]%%-*}")"
  cp _dbleak_build/compile_commands.json "$W/compile_commands.json"
}

build_libpqxx() {
  [[ -e config.status ]] || cfg ./configure --disable-documentation
  # The library (src/: wraps libpq handles) and its two test runners (pqxx users).
  bmake src
  bmake test runner
  bmake test/unit runner
}

build_kamailio() {
  local mods="db_postgres db_mysql db_sqlite db_unixodbc db_redis ndb_redis db_mongodb ndb_mongodb cnxcc"
  [[ -e src/config.mak ]] || cfg make cfg FLAVOUR=kamailio quiet=verbose include_modules="$mods"
  local m
  for m in $mods; do bmake src/modules/$m; done
}

build_postfix() {
  [[ -e src/global/Makefile ]] || cfg make makefiles \
      CCARGS="-DHAS_PGSQL -I/usr/include/postgresql -DHAS_MYSQL $(mariadb_config --include) -DHAS_SQLITE -DUSE_TLS" \
      AUXLIBS="-lssl -lcrypto" AUXLIBS_PGSQL=-lpq AUXLIBS_MYSQL="$(mariadb_config --libs)" AUXLIBS_SQLITE=-lsqlite3
  pmake src/util update
  # dict_pgsql.c, dict_mysql.c, dict_sqlite.c (src/postconf only includes postfix's dict_*.h)
  bmake src/global update
}

build_dovecot() {
  [[ -e config.status ]] || cfg ./configure --with-pgsql --with-mysql --with-sqlite \
      --without-cassandra --with-sql=yes
  # Drivers built into libsql.la (not as plugins); the rest of dovecot uses
  # its own sql-api on top of them.
  bmake src/lib-sql libsql.la
}
# RECIPES-END

# ---------------------------------------------------------------- driver
stamp() { echo "$W/.stamp-$1"; }

do_package() {
  PKG=$1; W=$CORPUS/$PKG
  mkdir -p "$W/logs"
  if [[ -e $W/VERSION && $(cat "$W/VERSION") != "${VER[$PKG]}" ]]; then
    die "$PKG: $W holds version $(cat "$W/VERSION"), corpus.list wants ${VER[$PKG]}; remove $W to refetch"
  fi
  local s t0
  for s in "${STEPS[@]}"; do
    if [[ -e $(stamp "$s") ]]; then continue; fi
    t0=$SECONDS
    log "$PKG: $s ..."
    : >"$W/logs/$s.log" 2>/dev/null || true
    "step_$s"
    echo "$((SECONDS - t0))" >"$(stamp "$s")"
    log "$PKG: $s done ($((SECONDS - t0))s)"
  done
}

summary() {
  python3 "$TOOL" summary --corpus "$CORPUS" "${PKGS[@]}"
}

list_tus() {
  python3 "$TOOL" list --corpus "$CORPUS" "$@" "${PKGS[@]}"
}

main() {
  read_list
  case ${1:-} in
    --list-tus) shift; list_tus "$@"; return ;;
    --summary) summary; return ;;
    --redo)
      local step=${2:?--redo STEP [PKG...]}; shift 2
      local p s on=0
      local rp=("$@"); ((${#rp[@]})) || rp=("${PKGS[@]}")
      for p in "${rp[@]}"; do
        on=0
        for s in "${STEPS[@]}"; do [[ $s == "$step" ]] && on=1; ((on)) && rm -f "$CORPUS/$p/.stamp-$s"; done
      done
      ;;
    --package) mkdir -p "$CORPUS"; do_package "$2"; return ;;
    -h|--help) sed -n '2,26p' "$0"; return ;;
  esac
  local sel=("$@") p failed=()
  ((${#sel[@]})) || sel=("${PKGS[@]}")
  for p in "${sel[@]}"; do [[ -n ${VER[$p]:-} ]] || die "$p is not in $LIST"; done
  mkdir -p "$CORPUS"
  ensure_deb_src
  local t0=$SECONDS
  for p in "${sel[@]}"; do
    # One package failing does not stop the others; it is reported at the end.
    # (a separate process, so that `set -e` stays in force inside it)
    if ! "$BASH" "${BASH_SOURCE[0]}" --package "$p"; then failed+=("$p"); fi
  done
  log "total time this run: $((SECONDS - t0))s"
  summary
  if ((${#failed[@]})); then die "failed packages: ${failed[*]}"; fi
}

main "$@"
