#!/usr/bin/env bash
# Static analysis of the plugin: PHPStan (phpstan.neon, level 6, with the WordPress and WP-CLI stubs) and
# PHP_CodeSniffer with the WordPress Coding Standards (phpcs.xml.dist). Both must report nothing; there is
# no baseline, and an ignore is written where it applies, with its reason.
#
# The kit (PHPStan 1.10, phpstan-wordpress, WPCS 3.1) is read from PHP_QA, by default the `tools/php-qa`
# folder of the checkout's sibling `shared/`. PHPStan reads Ultimate Multisite's own classes from its
# newest supported release, unpacked into build/php-qa/ (ignored by git).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
kit=${PHP_QA:-$root/../shared/tools/php-qa}
thirdparty=${RCI_THIRDPARTY:-$root/../shared/thirdparty}
um=build/php-qa/ultimate-multisite
if [ ! -f "$um/ultimate-multisite.php" ]; then
  rm -rf build/php-qa && mkdir -p build/php-qa
  tar -xJf "$thirdparty/ultimate-multisite-2.9.2.tar.xz" -C build/php-qa
fi
status=0
echo "== phpstan"
nice -n 10 "$kit/phpstan" analyse -c phpstan.neon --no-progress --memory-limit=1G "$@" || status=1
echo "== phpcs"
nice -n 10 "$kit/phpcs" -q -s || status=1
exit $status
