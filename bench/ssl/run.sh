#!/usr/bin/env bash
# The SSL benchmark of issue 12, in one command:   bench/ssl/run.sh        (N=1000 bench/ssl/run.sh)
#                                       smoke:   bench/ssl/run.sh --smoke (20 domains, about a minute)
#
# Installs a real WordPress 6.9.7 network with the real Ultimate Multisite 2.4.13-beta.1 and this
# plugin, a private MariaDB and the sandbox, exactly as the integration tests do (their
# integration/tests/lib/setup.sh), then for each certificate strategy maps N domains through
# wu_create_domain(), lets BENCH_WORKERS real `wp action-scheduler run` processes work the queue
# against the rate-limited sandbox, watches the sandbox's HTTPS coverage, removes some domains, and
# prints the tables (bench/ssl/README.md explains them). Loopback only; stops what it started.
#
# Settings (environment):
#   N                    domains mapped (default 500; smoke 20)
#   BENCH_MODES          runs (default "per-domain basic migration"): the two strategies, and a network in basic SSL
#                        whose records all gave up (ssl-failed) switched with `wp runcloud ssl mode advanced`
#   BENCH_WORKERS        queue runner processes (default 3)
#   BENCH_TARGET_S       the rate limit is set so that the minimal calls take this long (default 120; smoke 10)
#   BENCH_RATE_WINDOW    the sandbox's rate window, s (default 10; smoke 2); the limit per window follows
#   BENCH_RATE_LIMIT     calls per window instead (overrides BENCH_TARGET_S)
#   BENCH_SSL_WINDOW     WU_RUNCLOUD_SSL_WINDOW: seconds a basic redeploy gathers requests (default 10; smoke 2)
#   BENCH_REMOVE         domains removed afterwards, for the removal calls (default min(N, 50); smoke 10)
#   BENCH_TIMEOUT        longest watch of one strategy, s (default max(300, 4 x BENCH_TARGET_S))
#   BENCH_WWW            Ultimate Multisite's www setting: never (default; one name per domain) or always
#   BENCH_BATCH          actions per Action Scheduler batch (default 10)
#   BENCH_RESULTS        keep the raw results (a directory) here
#   RUNCLOUD_EXT, PHP, RCI_THIRDPARTY, RCI_WP_TARBALL, RCI_UM_NEW, RCI_WP_CLI: as for integration/tests/run.sh
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$(dirname "$HERE")")
EXT=${RUNCLOUD_EXT:-$REPO/modules/runcloud.so}
PHP=${PHP:-php}
PLUGIN_DIR=${RCI_PLUGIN_DIR:-$REPO/integration/runcloud-ultimate-multisite}

SMOKE=0
[ "${1:-}" = --smoke ] && SMOKE=1
if [ "$SMOKE" = 1 ]; then
	N=${N:-20}; TARGET=${BENCH_TARGET_S:-10}; RWIN=${BENCH_RATE_WINDOW:-2}; SSLWIN=${BENCH_SSL_WINDOW:-2}
	REMOVE=${BENCH_REMOVE:-10}
else
	N=${N:-500}; TARGET=${BENCH_TARGET_S:-120}; RWIN=${BENCH_RATE_WINDOW:-10}; SSLWIN=${BENCH_SSL_WINDOW:-10}
	REMOVE=${BENCH_REMOVE:-$((N < 50 ? N : 50))}
fi
MODES=${BENCH_MODES:-per-domain basic migration}
WORKERS=${BENCH_WORKERS:-3}
# The fewest calls a domain can cost with per-domain certificates: POST /domains and
# POST /domains/{id}/ssl. The limit is set so that N domains' minimal calls take TARGET seconds.
MIN_CALLS=2
RLIMIT=${BENCH_RATE_LIMIT:-$(((MIN_CALLS * N * RWIN + TARGET - 1) / TARGET))}
TIMEOUT=${BENCH_TIMEOUT:-$((4 * TARGET > 300 ? 4 * TARGET : 300))}
BATCH=${BENCH_BATCH:-10}
export BENCH_WWW=${BENCH_WWW:-never} BENCH_WORKERS=$WORKERS BENCH_RATE_LIMIT=$RLIMIT BENCH_RATE_WINDOW=$RWIN

fail_setup() {
	echo "bench/ssl: setup failed: $*" >&2
	exit 1
}

. "$REPO/integration/tests/lib/setup.sh"
rci_check "$WP_TARBALL" "$UM_NEW" "$WP_CLI"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rcb-ssl.XXXXXX")
WORKER_PIDS=()
stop_workers() {
	touch "$TMP/stop"
	local P
	for P in "${WORKER_PIDS[@]}"; do wait "$P" 2>/dev/null; done
	WORKER_PIDS=()
	rm -f "$TMP/stop"
}
cleanup() {
	# After a failure or ^C the runners may be mid-batch: end each one's current PHP process by its id.
	touch "$TMP/stop"
	local F
	for F in "$TMP"/worker-*.pid; do [ -s "$F" ] && kill "$(cat "$F")" 2>/dev/null; done
	stop_workers
	rci_stop
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench/ssl: $*" >&2; }

log "MariaDB, sandbox, WordPress + Ultimate Multisite + plugin"
rci_start_mariadb rci_new
# The sandbox serves each mapped name over HTTPS with its certificate (port 443 of a loopback address,
# so as root): Ultimate Multisite's own certificate check passes or fails through a real handshake.
rci_start_sandbox_with_sites --workers="${BENCH_SANDBOX_WORKERS:-4}"
rci_unpack_core
W="$TMP/wp-new"
export RCI_DB_SOCKET="$TMP/db.sock" RCI_SANDBOX_URL="$SANDBOX_URL" RCI_SANDBOX_ADMIN="$SANDBOX_ADMIN" \
	RCI_TESTS_DIR="$HERE" RCI_WP_CLI="$WP_CLI" RCI_EXT_PATH="$EXT" RCI_PLUGIN_DIR="$PLUGIN_DIR" \
	RCI_UM=new RCI_WP_DIR="$W" RCI_PROBLEMS="$TMP/problems" BENCH_TESTS_LIB="$REPO/integration/tests/lib" \
	RCI_SSL_WINDOW="$SSLWIN"
# PHP problems raised in the plugin's (or this benchmark's) files are recorded and reported.
rci_problem_rule
install_generation new
mkdir -p "$W/wp-content/mu-plugins" && ln -s "$HERE/mu-plugin.php" "$W/wp-content/mu-plugins/bench-ssl.php"

# One queue runner: Action Scheduler's own WP-CLI command, again and again, until told to stop.
worker() {
	local I=$1
	while [ ! -e "$TMP/stop" ]; do
		$PHP -d extension="$EXT" "$WP_CLI" --allow-root --path="$W" action-scheduler run --batch-size="$BATCH" \
			>>"$TMP/worker-$I.log" 2>&1 &
		echo $! >"$TMP/worker-$I.pid"
		wait $!
		: >"$TMP/worker-$I.pid"
		[ -e "$TMP/stop" ] || sleep 0.5
	done
}

OUT="$TMP/results"
mkdir -p "$OUT"
$PHP -r 'echo json_encode([
	"n" => (int) $argv[1], "workers" => (int) $argv[2], "rate_limit" => (int) $argv[3], "rate_window" => (int) $argv[4],
	"ssl_window" => (int) $argv[5], "remove" => (int) $argv[6], "www" => $argv[7], "min_calls" => (int) $argv[8],
	"timeout" => (int) $argv[9], "smoke" => $argv[10] === "1", "date" => gmdate("Y-m-d H:i") . " UTC",
	"php" => PHP_VERSION, "cpus" => (int) shell_exec("nproc"),
	"cpu" => trim((string) shell_exec("grep -m1 \"model name\" /proc/cpuinfo | cut -d: -f2")),
	"load" => trim((string) @file_get_contents("/proc/loadavg")),
]), "\n";' "$N" "$WORKERS" "$RLIMIT" "$RWIN" "$SSLWIN" "$REMOVE" "$BENCH_WWW" "$MIN_CALLS" "$TIMEOUT" "$SMOKE" >"$OUT/settings.json"

for MODE in $MODES; do
	# The per-domain strategy is a setting of the plugin only from the branch that adds it.
	if [ "$MODE" != basic ] && ! grep -rqs WU_RUNCLOUD_SSL_STRATEGY "$PLUGIN_DIR/src"; then
		log "$MODE: not available (the plugin has no WU_RUNCLOUD_SSL_STRATEGY)"
		echo '{"available":false}' >"$OUT/$MODE-available.json"
		continue
	fi
	log "$MODE: $N domains, $WORKERS runners, rate limit $RLIMIT per $RWIN s"
	"${DB[@]}" rci_new <"$TMP/snapshot-new.sql" || fail_setup "cannot restore the database"
	rm -rf "$W/wp-content/uploads/wu-logs" "$TMP/problems"
	# The migration run's strategy is auto: it follows the web app from basic SSL to advanced.
	[ "$MODE" = migration ] && unset RCI_SSL_STRATEGY || export RCI_SSL_STRATEGY=$MODE
	$PHP -d extension="$EXT" "$HERE/prepare.php" "$MODE" "$N" >"$OUT/$MODE-prepare.json" || fail_setup "$MODE: prepare failed"
	for I in $(seq "$WORKERS"); do worker "$I" & WORKER_PIDS+=($!); done
	if [ "$MODE" = migration ]; then
		$PHP -d extension="$EXT" "$HERE/migrate.php" "$TIMEOUT" >"$OUT/$MODE-migrate.json" || fail_setup "$MODE: migrate failed: $(cat "$OUT/$MODE-migrate.json")"
		log "$MODE: $(cat "$OUT/$MODE-migrate.json")"
	fi
	$PHP -d extension="$EXT" "$HERE/watch.php" "$N" "$TIMEOUT" "$((SSLWIN + 5))" >"$OUT/$MODE-watch.json" || fail_setup "$MODE: watch failed"
	log "$MODE: $(cat "$OUT/$MODE-watch.json")"
	$PHP -d extension="$EXT" "$HERE/remove.php" "$REMOVE" >"$OUT/$MODE-remove.json" || fail_setup "$MODE: remove failed"
	$PHP -d extension="$EXT" "$HERE/settle.php" "$TIMEOUT" "$((SSLWIN + 5))" >"$OUT/$MODE-settle.json" || fail_setup "$MODE: settle failed"
	stop_workers
	BOUNDARY=$($PHP -r 'echo json_decode(file_get_contents($argv[1]), true)["journal_before"];' "$OUT/$MODE-remove.json")
	$PHP -d extension="$EXT" "$HERE/collect.php" "$BOUNDARY" >"$OUT/$MODE-collect.json" || fail_setup "$MODE: collect failed"
	cat "$TMP"/worker-*.log >"$OUT/$MODE-workers.log" 2>/dev/null
	cp "$W/wp-content/uploads/wu-logs/integration-runcloud.log" "$OUT/$MODE-plugin.log" 2>/dev/null
	rm -f "$TMP"/worker-*.log
	unset RCI_SSL_STRATEGY
done

[ -n "${BENCH_RESULTS:-}" ] && mkdir -p "$BENCH_RESULTS" && cp "$OUT"/* "$BENCH_RESULTS/"
$PHP "$HERE/report.php" "$OUT"
