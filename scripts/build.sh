#!/usr/bin/env bash
# Builds modules/runcloud.so with phpize. `scripts/build.sh --sanitize DIR` builds an AddressSanitizer and
# UndefinedBehaviorSanitizer copy in DIR instead (the sources are copied there, the tree stays clean).
# EXTRA_CXXFLAGS (e.g. "-Wall -Wextra -Werror") applies to the extension's own sources only, not to
# configure's probes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--sanitize" ]; then
  out=${2:?usage: build.sh --sanitize DIR}
  rm -rf "$out"; mkdir -p "$out"
  (cd "$root" && git ls-files -co --exclude-standard -- config.m4 '*.cpp' '*.h' | tar -cf - -T -) | tar -xf - -C "$out"
  cd "$out"
  flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -O1 -g"
  # double -> integer conversions that overflow (Retry-After, timeouts) are not part of "undefined" in GCC.
  if echo 'int main(){}' | ${CXX:-g++} -x c++ -fsanitize=float-cast-overflow -o /dev/null - 2>/dev/null; then
    flags="$flags -fsanitize=float-cast-overflow"
  fi
  phpize >/dev/null 2>&1
  CFLAGS="$flags" CXXFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined" ./configure --enable-runcloud >/dev/null
  make -j"$(nproc)" >/dev/null
  cc -shared -fPIC -O1 -o "$out/no-deepbind.so" "$root/scripts/no-deepbind.c" -ldl
  echo "build: $out/modules/runcloud.so (sanitizers), preload $out/no-deepbind.so before the sanitizer runtimes"
  exit 0
fi
cd "$root"
if [ ! -f configure ] || [ config.m4 -nt configure ]; then
  # A changed config.m4 may have moved sources: objects and dependency files of the old layout go first.
  [ ! -f Makefile ] || make distclean >/dev/null 2>&1 || true
  phpize >/dev/null 2>&1
  ./configure --enable-runcloud >/dev/null
fi
# A dependency file that names a source since moved or removed would stop make ("no rule to make
# target"): it goes, with its object, and that source is compiled again.
find . -name '*.dep' -not -path './.git/*' | while IFS= read -r dep; do
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
    [ -e "$f" ] || { rm -f "$dep" "${dep%.dep}.lo" "${dep%.dep}.o"; break; }
  done
done
make -j"$(nproc)" EXTRA_CXXFLAGS="${EXTRA_CXXFLAGS:-}" >/dev/null
echo "build: $root/modules/runcloud.so"
