#!/usr/bin/env bash
# Integration tests of the RunCloud plugin for Ultimate Multisite, inside the real Ultimate
# Multisite (both generations: 2.4.13-beta.1 with its integration registry, 2.4.10 with host
# providers) in WordPress 6.9.7, with the Action Scheduler it bundles and the real WP-CLI phar.
#
# Starts a private MariaDB and the RunCloud API sandbox, unpacks WordPress and each Ultimate
# Multisite release into a temporary directory, installs one subdomain network per generation (and
# one without Ultimate Multisite), snapshots each database, then runs every case file of
# tests/cases/ in its own PHP process for each "@run" line and generation, on a fresh copy of the
# snapshot. Ends with one line:
#   integration: N passed, N failed
#
# Environment:
#   PHP            PHP binary (default: php)
#   RUNCLOUD_EXT   path of runcloud.so (default: <repo>/modules/runcloud.so)
#   RCI_THIRDPARTY directory with the third-party releases (default: <repo>/../shared/thirdparty)
#   RCI_WP_TARBALL WordPress release (default: $RCI_THIRDPARTY/wordpress-6.9.7.tar.xz)
#   RCI_UM_NEW     Ultimate Multisite 2.4.11+ release (default: ...-2.4.13-beta.1.tar.xz)
#   RCI_UM_OLD     Ultimate Multisite 2.4.10 release (default: ...-2.4.10.tar.xz)
#   RCI_WP_CLI     WP-CLI phar (default: $RCI_THIRDPARTY/wp-cli-2.10.0.phar)
#   RCI_GENERATIONS generations to run (default: "new old")
#   RCI_PLUGIN_DIR the plugin under test (default: <repo>/integration/runcloud-ultimate-multisite)
#   RCI_ONLY       run only tests whose name contains this text
#   RCI_CASES      run only case files whose name contains this text
#   RCI_OLD=1      control run: this plugin left out, Ultimate Multisite's own RunCloud
#                  integration in charge (the defect tests are expected to FAIL then)
#   RCI_KEEP=1     keep the temporary directory
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
INTEGRATION=$(dirname "$HERE")
REPO=$(dirname "$INTEGRATION")
EXT=${RUNCLOUD_EXT:-$REPO/modules/runcloud.so}
PHP=${PHP:-php}
THIRDPARTY=${RCI_THIRDPARTY:-$REPO/../shared/thirdparty}
WP_TARBALL=${RCI_WP_TARBALL:-$THIRDPARTY/wordpress-6.9.7.tar.xz}
UM_NEW=${RCI_UM_NEW:-$THIRDPARTY/ultimate-multisite-2.4.13-beta.1.tar.xz}
UM_OLD=${RCI_UM_OLD:-$THIRDPARTY/ultimate-multisite-2.4.10.tar.xz}
WP_CLI=${RCI_WP_CLI:-$THIRDPARTY/wp-cli-2.10.0.phar}
GENERATIONS=${RCI_GENERATIONS:-new old}
PLUGIN_DIR=${RCI_PLUGIN_DIR:-$INTEGRATION/runcloud-ultimate-multisite}

fail_setup() {
	echo "setup failed: $*" >&2
	echo "integration: 0 passed, 1 failed"
	exit 1
}

[ -f "$EXT" ] || fail_setup "extension not found at $EXT (set RUNCLOUD_EXT)"
$PHP -n -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' 2>/dev/null \
	|| $PHP -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' \
	|| fail_setup "$EXT does not load into $PHP"
for F in "$WP_TARBALL" "$UM_NEW" "$UM_OLD" "$WP_CLI"; do
	[ -f "$F" ] || fail_setup "$F not found (set RCI_THIRDPARTY or the RCI_* variable for it)"
done
$PHP -r 'exit(extension_loaded("bcmath") ? 0 : 1);' || fail_setup "PHP's bcmath is missing (Ultimate Multisite 2.4.10 needs it: apt-get install php8.2-bcmath)"
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
DB=(mariadb --no-defaults -S "$TMP/db.sock" -uroot)
"${DB[@]}" -e 'CREATE DATABASE rci_new; CREATE DATABASE rci_old; CREATE DATABASE rci_none;' \
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

# --- WordPress, one copy per generation -----------------------------------------------------
mkdir -p "$TMP/core" && tar -xJf "$WP_TARBALL" -C "$TMP/core" || fail_setup "cannot unpack $WP_TARBALL"
CORE=$(dirname "$(find "$TMP/core" -maxdepth 3 -name wp-settings.php | head -1)")
[ -f "$CORE/wp-settings.php" ] || fail_setup "no WordPress in $WP_TARBALL"

export RCI_DB_SOCKET="$TMP/db.sock" RCI_SANDBOX_URL="$SANDBOX_URL" RCI_SANDBOX_ADMIN="$SANDBOX_ADMIN" \
	RCI_TESTS_DIR="$HERE" RCI_WP_CLI="$WP_CLI" RCI_EXT_PATH="$EXT" RCI_PLUGIN_DIR="$PLUGIN_DIR"

# --- The rule on PHP problems ------------------------------------------------------------------
# Every PHP process from here on (installer, cases, their queue requests and WP-CLI children; not the
# sandbox, started above) loads lib/errors.php first: a notice, warning or deprecation from our files
# (the plugin's, the tests') is written to the file named by RCI_PROBLEMS, which fails the phase;
# third-party code's (WordPress, Ultimate Multisite and its vendor/, WP-CLI) is not ours to fail on.
# An ini file in a scan directory reaches child processes too; the leading ":" keeps PHP's own
# directory (Debian's conf.d, with the extensions) in the scan.
mkdir -p "$TMP/ini"
# WP-CLI shows help through a pager (less by default, absent from a minimal Debian): plain output.
export PAGER=cat
printf 'auto_prepend_file=%s\n' "$HERE/lib/errors.php" >"$TMP/ini/zz-rci-errors.ini"
export PHP_INI_SCAN_DIR="${PHP_INI_SCAN_DIR:-}:$TMP/ini"

# Problems recorded in $1 (ours), as indented lines; empty when none.
problems_in() {
	[ -s "$1" ] && sort -u "$1" | head -n 5 | sed 's/^/    /'
}

install_generation() { # $1: new|old|none
	local G=$1 W="$TMP/wp-$1" LOG="$TMP/install-$1.log"
	cp -a "$CORE" "$W" && rm -rf "$W/wp-content/plugins/akismet" "$W/wp-content/plugins/hello.php" "$W/wp-content/themes/"twentytwenty[1-4]
	cp "$HERE/lib/wp-config.php" "$W/wp-config.php"
	mkdir -p "$W/wp-content/uploads"
	ln -s "$PLUGIN_DIR" "$W/wp-content/plugins/runcloud-ultimate-multisite"
	case $G in
		new) tar -xJf "$UM_NEW" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $UM_NEW" ;;
		old) tar -xJf "$UM_OLD" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $UM_OLD" ;;
	esac
	local STEPS="core plugin"
	[ "$G" != none ] && STEPS="core um um-setup plugin enable"
	for STEP in $STEPS; do
		local PRE=() EXTARG=(-d "extension=$EXT")
		[ "$STEP" = core ] && PRE=(RCI_INSTALLING=1)
		local PROB="$TMP/problems-install-$G-$STEP"
		env "${PRE[@]}" RCI_UM="$G" RCI_WP_DIR="$W" RCI_PROBLEMS="$PROB" $PHP "${EXTARG[@]}" "$HERE/lib/install.php" "$STEP" >>"$LOG" 2>&1 \
			|| fail_setup "install $G ($STEP): $(tail -5 "$LOG")"
		[ -s "$PROB" ] && fail_setup "install $G ($STEP): PHP reported problems in our files:
$(problems_in "$PROB")"
	done
	mariadb-dump --no-defaults -S "$TMP/db.sock" -uroot --skip-comments "rci_$G" >"$TMP/snapshot-$G.sql" \
		|| fail_setup "cannot snapshot rci_$G"
}

for G in $GENERATIONS none; do install_generation "$G"; done

# --- The rule checks itself ------------------------------------------------------------------
# rule/problem.php raises a compile-time deprecation and a run-time warning. Run from the tests'
# directory, or from a plugin directory reached through a symbolic link as WordPress reaches ours,
# both must be recorded; run from Ultimate Multisite's vendor/, neither may be recorded or shown.
PASSED=0
FAILED=0
rule_check() { # $1: name, $2: fixture path, $3: 1 if ours, then environment assignments
	local NAME=$1 FILE=$2 OURS=$3 PROB="$TMP/problems-rule-$RANDOM" OUT
	shift 3
	OUT=$(env "$@" RCI_PROBLEMS="$PROB" $PHP -d display_errors=stderr -d error_reporting=-1 "$FILE" 2>&1)
	local GOT=0 SHOWN=0
	[ "$(grep -c -e 'Optional parameter' -e 'Undefined variable' "$PROB" 2>/dev/null)" = 2 ] && GOT=1
	grep -qE '(Deprecated|Warning):' <<<"$OUT" && SHOWN=1
	if [[ "$OUT" == *rule-fixture-ran* ]] && [ "$GOT" = "$OURS" ] && [ "$SHOWN" = "$OURS" ]; then
		echo "ok     rule: $NAME"
		PASSED=$((PASSED + 1))
	else
		echo "FAILED rule: $NAME (recorded: $GOT, shown: $SHOWN, expected: $OURS)"
		sed 's/^/    /' <<<"$OUT" | head -n 5
		FAILED=$((FAILED + 1))
	fi
}
mkdir -p "$TMP/rule-plugin" && cp "$HERE/rule/problem.php" "$TMP/rule-plugin/" && ln -s "$TMP/rule-plugin" "$TMP/rule-plugin-link"
rule_check "a problem in our tests' file is caught" "$HERE/rule/problem.php" 1
rule_check "a problem in the plugin's file is caught" "$TMP/rule-plugin-link/problem.php" 1 RCI_PLUGIN_DIR="$TMP/rule-plugin"
for G in $GENERATIONS; do
	VENDOR="$TMP/wp-$G/wp-content/plugins/ultimate-multisite/vendor"
	cp "$HERE/rule/problem.php" "$VENDOR/rci-rule-problem.php"
	rule_check "a problem in Ultimate Multisite's vendor/ is not ours ($G)" "$VENDOR/rci-rule-problem.php" 0
	rm -f "$VENDOR/rci-rule-problem.php"
done

# --- Cases -------------------------------------------------------------------------------------
# "@run" lines hold environment assignments; a line without RCI_UM= runs once per generation.
RUNS=0
run_case() { # $1: case file, $2...: assignments
	local CASE=$1 NAME G="new" EXTARG=(-d "extension=$EXT")
	shift
	NAME=$(basename "$CASE" .php)
	for A in "$@"; do
		case $A in RCI_UM=*) G=${A#RCI_UM=} ;; RCI_EXT=0) EXTARG=() ;; esac
	done
	RUNS=$((RUNS + 1))
	"${DB[@]}" "rci_$G" <"$TMP/snapshot-$G.sql" || { echo "FAILED $NAME [$*]: cannot restore the database"; FAILED=$((FAILED + 1)); return; }
	rm -rf "$TMP/wp-$G/wp-content/uploads/wu-logs"
	local OUT="$TMP/out-$RUNS-$NAME.log" START=$SECONDS
	env "$@" RCI_WP_DIR="$TMP/wp-$G" RCI_PROBLEMS="$OUT.problems" $PHP "${EXTARG[@]}" -d display_errors=stderr -d error_reporting=-1 "$CASE" >"$OUT" 2>"$OUT.err"
	grep -E '^(ok|FAILED) ' "$OUT"
	echo "$((SECONDS - START)) s $NAME [$*]" >>"$TMP/times"
	local RESULT
	RESULT=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$OUT" | tail -1)
	if [ -z "$RESULT" ]; then
		echo "FAILED $NAME [$*]: the process ended without a result"
		tail -n 5 "$OUT" | sed 's/^/    /'
		tail -n 5 "$OUT.err" | sed 's/^/    /'
		FAILED=$((FAILED + 1))
		return
	fi
	set -- $RESULT
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	# Any PHP notice, warning or deprecation raised in the plugin's files (or the tests') is a
	# failure; WordPress's and Ultimate Multisite's own are not ours. PHP's messages and WordPress's
	# _doing_it_wrong() both name the file or the plugin.
	# (lib/errors.php records ours in $OUT.problems; the messages PHP showed are read as well, in
	# case some code replaced the error handler.)
	local PROBLEMS
	PROBLEMS=$( { cat "$OUT.problems" 2>/dev/null; cat "$OUT" "$OUT.err" | grep -E '(Fatal error|Warning|Deprecated|Notice):' | grep -E 'runcloud-ultimate-multisite|runcloud_|RunCloud_Ultimate_Multisite|tests/(lib|cases)|as_next_scheduled_action|as_schedule_recurring_action'; } | sort -u)
	if [ -n "$PROBLEMS" ]; then
		echo "FAILED $NAME [$*]: PHP reported problems:"
		echo "$PROBLEMS" | head -5 | sed 's/^/    /'
		FAILED=$((FAILED + 1))
	fi
}

for CASE in "$HERE"/cases/*.php; do
	NAME=$(basename "$CASE" .php)
	if [ -n "${RCI_CASES:-}" ] && [[ "$NAME" != *"$RCI_CASES"* ]]; then continue; fi
	while IFS= read -r RUNLINE; do
		# shellcheck disable=SC2206
		ASSIGN=($RUNLINE)
		if [[ " $RUNLINE " == *" RCI_UM="* ]]; then
			run_case "$CASE" "${ASSIGN[@]}"
		else
			for G in $GENERATIONS; do run_case "$CASE" "${ASSIGN[@]}" "RCI_UM=$G"; done
		fi
	done < <(sed -n 's/^ \* @run *//p' "$CASE")
done

# Where the time went: the slowest case runs (seconds, wall clock).
[ -s "$TMP/times" ] && sort -rn "$TMP/times" | head -n 5 | sed 's/^/slowest: /'
echo "integration: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
