#!/usr/bin/env bash
# Integration tests of the RunCloud plugin for Ultimate Multisite, inside the real Ultimate
# Multisite (three releases: 2.4.10 with host providers, 2.4.13-beta.1 with its integration registry,
# and 2.9.2, the newest at hand; generations old, new, latest) in WordPress 6.9.7, with the Action
# Scheduler it bundles and the real WP-CLI phar.
#
# Starts a private MariaDB and the RunCloud API sandbox, unpacks WordPress and each Ultimate
# Multisite release into a temporary directory, installs one subdomain network per generation (and
# one without Ultimate Multisite), snapshots each database, then runs every case file of
# tests/cases/ in its own PHP process for each "@run" line and generation, on a fresh copy of the
# snapshot. The sandbox also serves the mapped names over HTTPS on port 443 of a loopback address of
# this run, which every PHP process resolves them to (nss_wrapper) and whose CA it trusts, so Ultimate
# Multisite's own certificate check runs a real TLS handshake: run as root. Ends with one line:
#   integration: N passed, N failed
#
# Environment:
#   PHP            PHP binary (default: php)
#   RUNCLOUD_EXT   path of runcloud.so (default: <repo>/modules/runcloud.so)
#   RCI_THIRDPARTY directory with the third-party releases (default: <repo>/../shared/thirdparty)
#   RCI_WP_TARBALL WordPress release (default: $RCI_THIRDPARTY/wordpress-6.9.7.tar.xz)
#   RCI_UM_NEW     Ultimate Multisite 2.4.11+ release (default: ...-2.4.13-beta.1.tar.xz)
#   RCI_UM_OLD     Ultimate Multisite 2.4.10 release (default: ...-2.4.10.tar.xz)
#   RCI_UM_LATEST  the newest Ultimate Multisite release at hand (default: ...-2.9.2.tar.xz)
#   RCI_WP_CLI     WP-CLI phar (default: $RCI_THIRDPARTY/wp-cli-2.10.0.phar)
#   RCI_GENERATIONS generations to run (default: "new old latest")
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
GENERATIONS=${RCI_GENERATIONS:-new old latest}
PLUGIN_DIR=${RCI_PLUGIN_DIR:-$INTEGRATION/runcloud-ultimate-multisite}

fail_setup() {
	echo "setup failed: $*" >&2
	echo "integration: 0 passed, 1 failed"
	exit 1
}

# MariaDB, the sandbox, WordPress and the installer: shared with bench/ssl (lib/setup.sh).
. "$HERE/lib/setup.sh"
rci_check "$WP_TARBALL" "$UM_NEW" "$UM_OLD" "$UM_LATEST" "$WP_CLI"
$PHP -r 'exit(extension_loaded("bcmath") ? 0 : 1);' || fail_setup "PHP's bcmath is missing (Ultimate Multisite 2.4.10 needs it: apt-get install php8.2-bcmath)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rci.XXXXXX")

cleanup() {
	rci_stop
	if [ "${RCI_KEEP:-0}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rci_start_mariadb rci_new rci_old rci_latest rci_none
rci_start_sandbox_with_sites
rci_unpack_core

export RCI_DB_SOCKET="$TMP/db.sock" RCI_SANDBOX_URL="$SANDBOX_URL" RCI_SANDBOX_ADMIN="$SANDBOX_ADMIN" \
	RCI_TESTS_DIR="$HERE" RCI_WP_CLI="$WP_CLI" RCI_EXT_PATH="$EXT" RCI_PLUGIN_DIR="$PLUGIN_DIR"

# --- The rule on PHP problems ------------------------------------------------------------------
# Every PHP process from here on (installer, cases, their queue requests and WP-CLI children; not the
# sandbox, started above) loads lib/errors.php first: a notice, warning or deprecation from our files
# (the plugin's, the tests') is written to the file named by RCI_PROBLEMS, which fails the phase;
# third-party code's (WordPress, Ultimate Multisite and its vendor/, WP-CLI) is not ours to fail on.
rci_problem_rule

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
			# A line naming a generation runs when that generation is in the run (or is "none").
			NAMED=$(sed -n 's/.*RCI_UM=\([a-z]*\).*/\1/p' <<<"$RUNLINE")
			[ "$NAMED" = none ] || [[ " $GENERATIONS " == *" $NAMED "* ]] || continue
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
