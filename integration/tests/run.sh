#!/usr/bin/env bash
# Integration tests of the RunCloud plugin for Ultimate Multisite.
#
# Starts a private MariaDB, copies Debian's WordPress, installs a subdomain and a subdirectory
# multisite network, starts the RunCloud API sandbox, then runs every case file in tests/cases/
# in its own PHP process for each "@run" line it declares. Ends with one line:
#   integration: N passed, N failed
#
# Environment:
#   RUNCLOUD_EXT   path of runcloud.so (default: <repo>/modules/runcloud.so)
#   RCI_WP_CORE    WordPress core to copy (default: Debian's /usr/share/wordpress)
#   RCI_ONLY       run only tests whose name contains this text
#   RCI_CASES      run only case files whose name contains this text
#   RCI_OLD=1      control run: the built-in integration's old behaviour instead of the plugin
#                  (the defect tests are expected to FAIL then)
#   RCI_KEEP=1     keep the temporary directory
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
INTEGRATION=$(dirname "$HERE")
REPO=$(dirname "$INTEGRATION")
EXT=${RUNCLOUD_EXT:-$REPO/modules/runcloud.so}
WP_CORE=${RCI_WP_CORE:-/usr/share/wordpress}
PHP=${PHP:-php}

fail_setup() {
	echo "setup failed: $*" >&2
	echo "integration: 0 passed, 1 failed"
	exit 1
}

[ -f "$EXT" ] || fail_setup "extension not found at $EXT (set RUNCLOUD_EXT)"
$PHP -n -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' 2>/dev/null \
	|| $PHP -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' \
	|| fail_setup "$EXT does not load into $PHP"
[ -f "$WP_CORE/wp-settings.php" ] || fail_setup "no WordPress at $WP_CORE (apt-get install wordpress)"
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || fail_setup "mariadbd not found (apt-get install mariadb-server)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rci.XXXXXX")
SANDBOX_PID=""
DB_PID=""

cleanup() {
	[ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
	if [ -n "$DB_PID" ]; then
		kill "$DB_PID" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$DB_PID" 2>/dev/null || break; sleep 0.1; done
	fi
	if [ "${RCI_KEEP:-0}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- MariaDB, private to this run -----------------------------------------------------------
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
mariadb-install-db --no-defaults --datadir="$TMP/db" --user="$(id -un)" --auth-root-authentication-method=normal \
	--skip-test-db >"$TMP/db-install.log" 2>&1 || fail_setup "mariadb-install-db: $(tail -3 "$TMP/db-install.log")"
"$MARIADBD" --no-defaults --datadir="$TMP/db" --socket="$TMP/db.sock" --skip-networking --user="$(id -un)" \
	--pid-file="$TMP/db.pid" --log-error="$TMP/db.err" --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
	--skip-log-bin --innodb-flush-log-at-trx-commit=0 >"$TMP/db.out" 2>&1 &
DB_PID=$!
for _ in $(seq 100); do [ -S "$TMP/db.sock" ] && break; sleep 0.1; done
[ -S "$TMP/db.sock" ] || fail_setup "mariadbd did not start: $(tail -3 "$TMP/db.err")"
mariadb --no-defaults -S "$TMP/db.sock" -uroot -e 'CREATE DATABASE rci_subdomain; CREATE DATABASE rci_subdir;' \
	|| fail_setup "cannot create databases"

# --- RunCloud API sandbox ----------------------------------------------------------------------
$PHP "$REPO/sandbox/bin/runcloud-sandbox" serve --json >"$TMP/sandbox.out" 2>"$TMP/sandbox.err" &
SANDBOX_PID=$!
for _ in $(seq 100); do [ -s "$TMP/sandbox.out" ] && break; kill -0 "$SANDBOX_PID" 2>/dev/null || break; sleep 0.1; done
SANDBOX_JSON=$(head -1 "$TMP/sandbox.out")
[ -n "$SANDBOX_JSON" ] || fail_setup "sandbox did not start: $(tail -3 "$TMP/sandbox.err")"
SANDBOX_URL=$($PHP -r '$j = json_decode($argv[1], true); echo $j["url"] ?? "";' "$SANDBOX_JSON")
SANDBOX_ADMIN=$($PHP -r '$j = json_decode($argv[1], true); echo $j["admin_secret"] ?? "";' "$SANDBOX_JSON")
[ -n "$SANDBOX_URL" ] || fail_setup "sandbox answered no URL: $SANDBOX_JSON"

# --- WordPress ---------------------------------------------------------------------------------
# Debian's package reads its configuration from /etc/wordpress through its own wp-config.php and
# links a few files elsewhere: copy the core without that file, the translations and .htaccess.
WP="$TMP/wordpress"
mkdir -p "$WP"
(cd "$WP_CORE" && tar --exclude=./wp-config.php --exclude=./.htaccess --exclude=./wp-content/languages \
	--exclude=./wp-content/plugins/akismet -cf - .) | (cd "$WP" && tar -xf -) || fail_setup "cannot copy WordPress"
cp "$HERE/lib/wp-config.php" "$WP/wp-config.php"
mkdir -p "$WP/wp-content/plugins" "$WP/wp-content/uploads"
ln -s "$INTEGRATION/runcloud-ultimate-multisite" "$WP/wp-content/plugins/runcloud-ultimate-multisite"
ln -s "$HERE/fixtures/ultimate-multisite" "$WP/wp-content/plugins/ultimate-multisite"

export RCI_WP_DIR="$WP" RCI_DB_SOCKET="$TMP/db.sock" RCI_SANDBOX_URL="$SANDBOX_URL" \
	RCI_SANDBOX_ADMIN="$SANDBOX_ADMIN" RCI_TESTS_DIR="$HERE"

for NET in subdomain subdir; do
	RCI_NETWORK=$NET RCI_INSTALLING=1 $PHP "$HERE/lib/install.php" >"$TMP/install-$NET.log" 2>&1 \
		|| fail_setup "install $NET: $(tail -5 "$TMP/install-$NET.log")"
	RCI_NETWORK=$NET $PHP -d extension="$EXT" "$HERE/lib/install.php" activate >>"$TMP/install-$NET.log" 2>&1 \
		|| fail_setup "activate $NET: $(tail -5 "$TMP/install-$NET.log")"
done

if [ "${RCI_OLD:-0}" = 1 ]; then
	# Control run: take the plugin out, leaving the double's built-in (old) RunCloud integration.
	for NET in subdomain subdir; do
		RCI_NETWORK=$NET $PHP -r 'require getenv("RCI_WP_DIR")."/wp-load.php"; $p = get_site_option("active_sitewide_plugins"); unset($p["runcloud-ultimate-multisite/runcloud-ultimate-multisite.php"]); update_site_option("active_sitewide_plugins", $p);'
	done
fi

# --- Cases -------------------------------------------------------------------------------------
PASSED=0
FAILED=0
for CASE in "$HERE"/cases/*.php; do
	NAME=$(basename "$CASE" .php)
	if [ -n "${RCI_CASES:-}" ] && [[ "$NAME" != *"$RCI_CASES"* ]]; then continue; fi
	while IFS= read -r RUNLINE; do
		# shellcheck disable=SC2206
		ASSIGN=($RUNLINE)
		EXTARG=(-d "extension=$EXT")
		for A in "${ASSIGN[@]}"; do [ "$A" = "RCI_EXT=0" ] && EXTARG=(); done
		OUT="$TMP/out-$NAME-$PASSED-$FAILED.log"
		env "${ASSIGN[@]}" $PHP "${EXTARG[@]}" -d display_errors=stderr "$CASE" >"$OUT" 2>"$OUT.err"
		grep -E '^(ok|FAILED) ' "$OUT"
		RESULT=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$OUT" | tail -1)
		if [ -z "$RESULT" ]; then
			echo "FAILED $NAME [$RUNLINE]: the process ended without a result"
			tail -n 5 "$OUT" | sed 's/^/    /'
			tail -n 5 "$OUT.err" | sed 's/^/    /'
			FAILED=$((FAILED + 1))
			continue
		fi
		set -- $RESULT
		PASSED=$((PASSED + $2))
		FAILED=$((FAILED + $3))
		# Any PHP warning or notice raised in the plugin's own files is a failure (WordPress 6.1
		# itself has PHP 8.2 deprecations that are not ours).
		PROBLEMS=$(cat "$OUT" "$OUT.err" | grep -E '(Fatal error|Warning|Deprecated|Notice):' | grep -E 'runcloud-ultimate-multisite|tests/(lib|cases|fixtures)' | sort -u)
		if [ -n "$PROBLEMS" ]; then
			echo "FAILED $NAME [$RUNLINE]: PHP reported problems:"
			echo "$PROBLEMS" | head -5 | sed 's/^/    /'
			FAILED=$((FAILED + 1))
		fi
	done < <(sed -n 's/^ \* @run //p' "$CASE")
done

echo "integration: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
