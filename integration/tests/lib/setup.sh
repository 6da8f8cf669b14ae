# Shared set-up of a real WordPress network with the real Ultimate Multisite, a private MariaDB and
# the RunCloud sandbox. Sourced (never run) by integration/tests/run.sh and bench/ssl/run.sh, so the
# test suite and the benchmark install the very same thing.
#
# The caller sets, before sourcing:
#   REPO   the repository's top          PHP  the PHP binary        EXT  runcloud.so
#   TMP    a private temporary directory  PLUGIN_DIR  the plugin under test
# and defines fail_setup() (prints the reason and exits). Sourcing sets LIB (this directory),
# THIRDPARTY, WP_TARBALL, UM_NEW, UM_OLD, UM_LATEST, WP_CLI from the RCI_* variables (run.sh documents them).
# The functions set DB_PID, DB (the client command, an array), SANDBOX_PID, SANDBOX_URL,
# SANDBOX_ADMIN and CORE; rci_stop stops what they started, by process id.

LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
THIRDPARTY=${RCI_THIRDPARTY:-$REPO/../shared/thirdparty}
WP_TARBALL=${RCI_WP_TARBALL:-$THIRDPARTY/wordpress-6.9.7.tar.xz}
UM_NEW=${RCI_UM_NEW:-$THIRDPARTY/ultimate-multisite-2.4.13-beta.1.tar.xz}
UM_OLD=${RCI_UM_OLD:-$THIRDPARTY/ultimate-multisite-2.4.10.tar.xz}
UM_LATEST=${RCI_UM_LATEST:-$THIRDPARTY/ultimate-multisite-2.9.2.tar.xz}
WP_CLI=${RCI_WP_CLI:-$THIRDPARTY/wp-cli-2.10.0.phar}
SANDBOX_PID=""
DB_PID=""

# The checks every run needs: the extension loads, the releases and MariaDB are there. $@: the
# releases this caller needs.
rci_check() {
	[ -f "$EXT" ] || fail_setup "extension not found at $EXT (set RUNCLOUD_EXT)"
	$PHP -n -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' 2>/dev/null \
		|| $PHP -d extension="$EXT" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);' \
		|| fail_setup "$EXT does not load into $PHP"
	local F
	for F in "$@"; do
		[ -f "$F" ] || fail_setup "$F not found (set RCI_THIRDPARTY or the RCI_* variable for it)"
	done
	command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || fail_setup "mariadbd not found (apt-get install mariadb-server)"
}

# Stops the sandbox and MariaDB if they were started.
rci_stop() {
	[ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
	if [ -n "$DB_PID" ]; then
		kill "$DB_PID" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$DB_PID" 2>/dev/null || break; sleep 0.1; done
	fi
	SANDBOX_PID=""
	DB_PID=""
}

# A MariaDB private to this run, on a socket in $TMP; $@: databases to create.
rci_start_mariadb() {
	local MARIADBD NAME
	MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
	mariadb-install-db --no-defaults --datadir="$TMP/db" --user="$(id -un)" --auth-root-authentication-method=normal \
		--skip-test-db >"$TMP/db-install.log" 2>&1 || fail_setup "mariadb-install-db: $(grep -iE "error|cannot|fail" "$TMP/db-install.log" | head -3)"
	"$MARIADBD" --no-defaults --datadir="$TMP/db" --socket="$TMP/db.sock" --skip-networking --user="$(id -un)" \
		--pid-file="$TMP/db.pid" --log-error="$TMP/db.err" --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
		--skip-log-bin --innodb-flush-log-at-trx-commit=0 >"$TMP/db.out" 2>&1 &
	DB_PID=$!
	for _ in $(seq 100); do [ -S "$TMP/db.sock" ] && break; sleep 0.1; done
	[ -S "$TMP/db.sock" ] || fail_setup "mariadbd did not start: $(tail -3 "$TMP/db.err")"
	DB=(mariadb --no-defaults -S "$TMP/db.sock" -uroot)
	for NAME in "$@"; do
		"${DB[@]}" -e "CREATE DATABASE $NAME;" || fail_setup "cannot create database $NAME"
	done
}

# The RunCloud API sandbox; $@: more options of `serve` (e.g. --workers=8, --sites=ADDR).
rci_start_sandbox() {
	$PHP "$REPO/sandbox/bin/runcloud-sandbox" serve --json "$@" >"$TMP/sandbox.out" 2>"$TMP/sandbox.err" &
	SANDBOX_PID=$!
	for _ in $(seq 100); do [ -s "$TMP/sandbox.out" ] && break; kill -0 "$SANDBOX_PID" 2>/dev/null || break; sleep 0.1; done
	local JSON
	JSON=$(head -1 "$TMP/sandbox.out")
	[ -n "$JSON" ] || fail_setup "sandbox did not start: $(tail -3 "$TMP/sandbox.err")"
	SANDBOX_URL=$($PHP -r '$j = json_decode($argv[1], true); echo $j["url"] ?? "";' "$JSON")
	SANDBOX_ADMIN=$($PHP -r '$j = json_decode($argv[1], true); echo $j["admin_secret"] ?? "";' "$JSON")
	[ -n "$SANDBOX_URL" ] || fail_setup "sandbox answered no URL: $JSON"
	SANDBOX_SITES_CA=$($PHP -r '$j = json_decode($argv[1], true); echo $j["sites_ca"] ?? "";' "$JSON")
}

# The real TLS path of a mapped domain: the sandbox serves the web apps' names over HTTPS on
# ADDR:443 (a loopback address of this run), and every PHP process started from here on resolves
# names through the hosts file $TMP/hosts (nss_wrapper; a test adds a name when its DNS "points")
# and trusts the sandbox's CA. Ultimate Multisite's own certificate check then connects to
# DOMAIN:443 and verifies the peer for real. Sets SITES_ADDR; needs root (port 443). Call
# rci_problem_rule after it.
rci_start_sandbox_with_sites() {
	local WRAPPER
	WRAPPER=$(for D in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib; do [ -f "$D/libnss_wrapper.so" ] && echo "$D/libnss_wrapper.so" && break; done)
	[ -n "$WRAPPER" ] || fail_setup "libnss_wrapper.so not found (apt-get install libnss-wrapper)"
	# One address of 127.0.0.0/8 per run, so runs side by side do not meet on port 443.
	SITES_ADDR="127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))"
	rci_start_sandbox "$@" --sites="$SITES_ADDR"
	[ -n "$SANDBOX_SITES_CA" ] || fail_setup "the sandbox could not serve HTTPS on a loopback address's port 443 (root is needed): $(tail -3 "$TMP/sandbox.err")"
	printf '127.0.0.1 localhost\n' >"$TMP/hosts"
	# NSS_WRAPPER_MAX_HOSTENTS: nss_wrapper keeps at most 100 names of the file unless told (bench/ssl maps 2,000).
	export LD_PRELOAD="$WRAPPER${LD_PRELOAD:+ $LD_PRELOAD}" NSS_WRAPPER_HOSTS="$TMP/hosts" NSS_WRAPPER_MAX_HOSTENTS=100000 \
		RCI_HOSTS="$TMP/hosts" RCI_SITES_ADDR="$SITES_ADDR"
	# Read by every PHP process once rci_problem_rule has put $TMP/ini in PHP's scan.
	mkdir -p "$TMP/ini"
	printf 'openssl.cafile=%s\n' "$SANDBOX_SITES_CA" >"$TMP/ini/zz-rci-sites.ini"
}

# WordPress unpacked once into $TMP/core; sets CORE.
rci_unpack_core() {
	mkdir -p "$TMP/core" && tar -xJf "$WP_TARBALL" -C "$TMP/core" || fail_setup "cannot unpack $WP_TARBALL"
	CORE=$(dirname "$(find "$TMP/core" -maxdepth 3 -name wp-settings.php | head -1)")
	[ -f "$CORE/wp-settings.php" ] || fail_setup "no WordPress in $WP_TARBALL"
}

# The rule on PHP problems (lib/errors.php) for every PHP process started from here on: an ini file in
# a scan directory reaches child processes too; the leading ":" keeps PHP's own directory (Debian's
# conf.d, with the extensions) in the scan. WP-CLI's help gets no pager (less may be absent).
rci_problem_rule() {
	mkdir -p "$TMP/ini"
	export PAGER=cat
	printf 'auto_prepend_file=%s\n' "$LIB/errors.php" >"$TMP/ini/zz-rci-errors.ini"
	export PHP_INI_SCAN_DIR="${PHP_INI_SCAN_DIR:-}:$TMP/ini"
}

# Problems recorded in $1 (ours), as indented lines; empty when none.
problems_in() {
	[ -s "$1" ] && sort -u "$1" | head -n 5 | sed 's/^/    /'
}

# Installs the network of one generation (new|old|latest|none) into $TMP/wp-$1 and database rci_$1, as
# Ultimate Multisite's own installer would (lib/install.php, one step per process), then dumps the
# database to $TMP/snapshot-$1.sql. Needs CORE and the RCI_* variables lib/wp-config.php reads.
install_generation() {
	local G=$1 W="$TMP/wp-$1" LOG="$TMP/install-$1.log"
	cp -a "$CORE" "$W" && rm -rf "$W/wp-content/plugins/akismet" "$W/wp-content/plugins/hello.php" "$W/wp-content/themes/"twentytwenty[1-4]
	cp "$LIB/wp-config.php" "$W/wp-config.php"
	mkdir -p "$W/wp-content/uploads"
	ln -s "$PLUGIN_DIR" "$W/wp-content/plugins/runcloud-ultimate-multisite"
	case $G in
		new) tar -xJf "$UM_NEW" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $UM_NEW" ;;
		old) tar -xJf "$UM_OLD" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $UM_OLD" ;;
		latest) tar -xJf "$UM_LATEST" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $UM_LATEST" ;;
	esac
	local STEPS="core plugin" STEP
	[ "$G" != none ] && STEPS="core um um-setup plugin enable"
	for STEP in $STEPS; do
		local PRE=() EXTARG=(-d "extension=$EXT")
		[ "$STEP" = core ] && PRE=(RCI_INSTALLING=1)
		local PROB="$TMP/problems-install-$G-$STEP"
		env "${PRE[@]}" RCI_UM="$G" RCI_WP_DIR="$W" RCI_PROBLEMS="$PROB" $PHP "${EXTARG[@]}" "$LIB/install.php" "$STEP" >>"$LOG" 2>&1 \
			|| fail_setup "install $G ($STEP): $(tail -5 "$LOG")"
		[ -s "$PROB" ] && fail_setup "install $G ($STEP): PHP reported problems in our files:
$(problems_in "$PROB")"
	done
	mariadb-dump --no-defaults -S "$TMP/db.sock" -uroot --skip-comments "rci_$G" >"$TMP/snapshot-$G.sql" \
		|| fail_setup "cannot snapshot rci_$G"
}
