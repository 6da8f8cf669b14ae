#!/usr/bin/env bash
# The PECL install path, as a user meets it: from a copy of the tree outside git (as a release tarball
# unpacks), package.php lists the files, `pecl package` makes the archive, `pecl install` builds and
# installs it, and `pecl run-tests -p runcloud` runs the installed tests with PEAR's runner (which skips on
# --SKIPIF-- only). The package's tests and docs go to a private directory; the extension goes where pecl
# always puts it (the PHP's extension directory, recorded in PEAR's registry) and is uninstalled at the
# end. A runcloud already installed with pecl is left alone: the check then refuses to run.
# Ends with "pecl: N passed, N failed". Needs root and php-pear.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
P="$work/pear"
opts=()
for d in doc test temp download cache; do opts+=(-d "${d}_dir=$P/$d"); done
installed=no
cleanup() {
  [ $installed = yes ] && pecl "${opts[@]}" uninstall runcloud >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "pecl: $*"; echo "pecl: 0 passed, 1 failed"; exit 1; }
pecl list 2>/dev/null | grep -q '^runcloud ' && fail "runcloud is already installed with pecl here; not touching it"

mkdir -p "$work/tree"
(cd "$root" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$work/tree"
rm -f "$work/tree/.gitignore"
cd "$work/tree"
php scripts/package.php --write >/dev/null || fail "package.php --write failed outside git"
cmp -s package.xml "$root/package.xml" || fail "package.php outside git lists other files than in the checkout"
pecl package package.xml >"$work/package.out" 2>&1 || { cat "$work/package.out"; fail "pecl package failed"; }
tgz=$(ls "$work"/tree/runcloud-*.tgz)
installed=yes
pecl "${opts[@]}" install "$tgz" >"$work/install.out" 2>&1 || { tail -n 30 "$work/install.out"; fail "pecl install failed"; }
so=$(sed -n "s/^Installing '\(.*runcloud\.so\)'.*/\1/p" "$work/install.out" | tail -n 1)
[ -f "$so" ] || { tail -n 30 "$work/install.out"; fail "pecl install put no runcloud.so anywhere"; }
pecl "${opts[@]}" run-tests -i "-d extension=$so" -p runcloud >"$work/tests.out" 2>&1
p=$(sed -n 's/^\([0-9]*\) PASSED TESTS.*/\1/p' "$work/tests.out" | tail -n 1)
n=$(grep -cE '^(PASS|FAIL|SKIP|BORK|WARN|LEAK)' "$work/tests.out")
# A skip is reported, not failed: PEAR's runner uses the user's php.ini, where for example PHP's curl
# extension may initialise libcurl before this one (secrets_heap.phpt skips then, saying so).
s=$(grep -cE '^SKIP' "$work/tests.out")
if [ "$(( ${p:-0} + s ))" -ne "$n" ]; then
  grep -vE '^PASS' "$work/tests.out" | tail -n 40
  find "$P/test" -name '*.diff' -exec sh -c 'echo "--- $1"; head -n 40 "$1"' _ {} \;
fi
grep -E '^SKIP' "$work/tests.out" | sed 's/^/  /'
echo "pecl: ${p:-0} passed, $(( n - ${p:-0} - s + (n == 0 ? 1 : 0) )) failed, $s skipped"
