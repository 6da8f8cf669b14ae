#!/usr/bin/env bash
# The project's documents stand alone: none may send a reader to the reference material that sits beside
# the repository on a developer's machine (`shared/...`), which a clone does not have. Tests are exempt (they
# may take third-party tarballs from ../shared/thirdparty by default), and so is a document naming that
# directory as such a default, since it is a location, not reading matter.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(git ls-files -co --exclude-standard -- '*.md' '*.txt' '*.rst' '*.xml' '*.json' \
  | grep -Ev '(^|/)tests/' \
  | xargs -r grep -nE '(^|[^[:alnum:]_-])shared/' \
  | grep -v 'shared/thirdparty' || true)
if [ -n "$bad" ]; then
  echo "documents that refer to shared/ (write what the reader needs into the repository instead):"
  echo "$bad"
  exit 1
fi
echo "no document refers to shared/"
