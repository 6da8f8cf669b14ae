#!/usr/bin/env bash
# Every PHPT runs under both runners: php-src's honours --EXTENSIONS--, PEAR's (`pecl run-tests`) only
# --SKIPIF--. A test without both fails instead of skipping where the extension is not loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  for section in EXTENSIONS SKIPIF; do
    grep -q "^--$section--\$" "$f" || { echo "$f: no --$section-- section"; bad=1; }
  done
done < <(git ls-files -co --exclude-standard -- 'tests/*.phpt' 'tests/**/*.phpt')
[ $bad -eq 0 ] && echo "every PHPT has --EXTENSIONS-- and --SKIPIF--"
exit $bad
