#!/usr/bin/env bash
# Makes the release zip of the WordPress plugin, the file a network admin uploads under Network Admin >
# Plugins > Add New > Upload Plugin:
#   integration/runcloud-ultimate-multisite-VERSION.zip   (VERSION from the plugin's header)
# holding the folder runcloud-ultimate-multisite/ with the plugin's tracked files only (what git knows,
# as committed or staged; nothing lying around in the work tree), without tests or build files. It must
# hold the .pot and readme.txt, and readme.txt's "Stable tag" must be the header's version.
# Prints the zip's path. Needs git and zip.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
slug=runcloud-ultimate-multisite
src="integration/$slug"

die() { echo "build-zip: $*" >&2; exit 1; }
command -v zip >/dev/null || die "zip is missing (apt-get install zip)"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "not a git checkout: the zip is made from tracked files"

version=$(sed -n 's/^ \* Version: *\([0-9][0-9.a-z-]*\).*/\1/p' "$repo/$src/$slug.php" | head -n 1)
[ -n "$version" ] || die "no Version: in $src/$slug.php"
grep -q "^Stable tag: $version\$" "$repo/$src/readme.txt" || die "readme.txt's Stable tag is not $version"

stage=$(mktemp -d "${TMPDIR:-/tmp}/rc-zip.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$slug"

# Tracked files of the plugin, less what only developers use.
count=0
while IFS= read -r -d '' file; do
	rel=${file#"$src/"}
	case $rel in
		tests/* | */tests/* | bin/* | node_modules/* | vendor/bin/* | .* | */.* | phpcs.xml* | phpstan.neon* | phpunit.xml* | composer.json | composer.lock | package.json | package-lock.json | Makefile | *.sh) continue ;;
	esac
	mkdir -p "$stage/$slug/$(dirname "$rel")"
	cp "$repo/$file" "$stage/$slug/$rel"
	count=$((count + 1))
done < <(git -C "$repo" ls-files -z -- "$src")

for needed in "$slug.php" readme.txt "languages/$slug.pot" uninstall.php; do
	[ -f "$stage/$slug/$needed" ] || die "$needed is not tracked"
done

out="$here/$slug-$version.zip"
rm -f "$out"
# Fixed dates and order: the same files make the same zip.
find "$stage/$slug" -exec touch -d '2000-01-01 00:00:00 UTC' {} +
(cd "$stage" && find "$slug" -type f | LC_ALL=C sort | zip -q -X -D "$out" -@)
echo "$out ($count files)"
