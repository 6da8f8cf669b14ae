#!/usr/bin/env bash
# clang-tidy over the extension's own sources with the flags the build compiles them with (.clang-tidy says
# which checks). Needs the configured tree of scripts/build.sh (its config.h). Two files at a time.
#   scripts/clang-tidy.sh               every source; exits 1 on any finding
#   scripts/clang-tidy.sh FILE...       those only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f config.h ] || { echo "clang-tidy: no config.h, run scripts/build.sh first"; exit 1; }
command -v clang-tidy >/dev/null || { echo "clang-tidy: not installed (scripts/debian-packages.txt lists it)"; exit 1; }
# As config.m4 compiles them: C++17, the module's defines, PHP's and the libraries' include paths.
flags=(-std=c++17 -DHAVE_CONFIG_H -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -DZEND_COMPILE_DL_EXT=1 -I"$root"
       $(php-config --includes) $(pkg-config --cflags libcurl simdjson libidn2))
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <({ echo runcloud.cpp; find src -name '*.cpp'; } | sort); fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
printf '%s\0' "${files[@]}" | xargs -0 -P2 -I{} clang-tidy --quiet {} -- "${flags[@]}" >"$out" 2>/dev/null || status=$?
findings=$(grep -cE '(warning|error): ' "$out" || true)
if [ "$findings" -gt 0 ] || [ "$status" -ne 0 ]; then
  cat "$out"
  echo "clang-tidy: $findings finding(s) in ${#files[@]} files"
  exit 1
fi
echo "clang-tidy: no finding in ${#files[@]} files"
