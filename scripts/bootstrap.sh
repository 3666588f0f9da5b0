#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for dbleak, builds it, and then runs
# dbleak on the bundled example (`example`), runs the test suite (`test`),
# builds the Debian package (`package`) or builds and installs it
# (`install`). The README's quick-start commands are this script. `packages`
# only prints the Debian packages it would install.
set -euo pipefail

mode=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DBLEAK_BUILD_DIR:-$root/build}
jobs=${DBLEAK_JOBS:-$(nproc)}

packages=(
  cmake ninja-build pkg-config python3 python3-yaml python3-jsonschema
  dpkg-dev git man-db pre-commit
  clang-22 clang-tidy-22 clang-tools-22 libclang-22-dev llvm-22-dev
  llvm-22-tools clangd-22
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc protobuf-compiler
  libcurl4-openssl-dev
)

# The client library headers the catalog and its tests need: each catalog file
# names its Debian packages on one line, `packages: [a, b]` (the validator
# enforces that form, because python3-yaml may not be installed yet).
catalog_packages() {
  sed -n 's/^packages:[[:space:]]*\[\([^]]*\)\][[:space:]]*\(#.*\)\{0,1\}$/\1/p' \
    "$root"/checks/catalog/*.yaml | tr ',' '\n' | tr -d ' \t'
}
mapfile -t -O ${#packages[@]} packages < <(catalog_packages | sort -u)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "== installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  # LLVM 22 comes from Debian's security suite on bookworm.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

build_dbleak() {
  echo "== building dbleak in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    ${DBLEAK_CMAKE_ARGS:-} >/dev/null
  ninja -C "$build" -j "$jobs"
}

run_example() {
  echo "== configuring the example project"
  cmake -S "$root/examples" -B "$build/examples" -G Ninja >/dev/null
  ninja -C "$build/examples" >/dev/null
  echo "== dbleak -p $build/examples"
  set +e
  "$build/driver/dbleak" -p "$build/examples"
  local rc=$?
  set -e
  # 1 means findings, which is the point of the example.
  [ $rc -le 1 ] || exit $rc
}

# Prints the path of the package it wrote.
build_package() {
  echo "== packaging dbleak" >&2
  (cd "$build" && cpack -G DEB) |
    sed -n 's/^CPack: - package: \(.*\) generated\.$/\1/p'
}

install_package() {
  local deb
  deb=$(build_package)
  [ -n "$deb" ] || { echo "cpack wrote no package" >&2; exit 2; }
  echo "== installing $deb"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb"
  echo "== installed: $(command -v dbleak), plugin /usr/lib/dbleak/dbleak-tidy-plugin.so, man dbleak"
}

run_tests() {
  echo "== running the test suite"
  local out="$build/lit-results.txt"
  set +e
  "/usr/lib/llvm-22/bin/lit" -sv "$build/test" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  set -e
  count() {
    local v
    v=$(sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$out" | head -1)
    echo "${v:-0}"
  }
  local passed=$(( $(count Passed) + $(count 'Expectedly Failed') ))
  local failed=$(( $(count Failed) + $(count 'Unexpectedly Passed') + $(count Unresolved) + $(count 'Timed Out') ))
  local skipped=$(( $(count Unsupported) + $(count Skipped) ))
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  [ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

if [ "$mode" = packages ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi
install_packages
build_dbleak
case "$mode" in
  build) ;;
  example) run_example ;;
  test) run_tests ;;
  package) build_package ;;
  install) install_package ;;
  *) echo "usage: $0 [build|example|test|package|install|packages]" >&2; exit 2 ;;
esac
