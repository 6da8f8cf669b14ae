#!/usr/bin/env bash
# Browser suite of the RunCloud plugin for Ultimate Multisite: the network admin's side through a real
# web server and a real browser.
#
# For each Ultimate Multisite release (2.4.13-beta.1 and 2.9.2): a WordPress 6.9.7 subdomain network
# with Ultimate Multisite installed as its own installer would (integration/tests/lib/install.php),
# served by nginx and PHP-FPM (with the runcloud extension), a private MariaDB, and the RunCloud API
# sandbox. Debian's chromium, driven by puppeteer-core (suite.mjs), then uploads the plugin's release
# zip (integration/build-zip.sh) through Network Admin > Plugins > Add New > Upload Plugin,
# network-activates it, goes through Ultimate Multisite's integrations screen and wizard, the plugin's
# page and its buttons, maps and deletes a domain in Ultimate Multisite's screens, checks that every
# text from RunCloud or a customer is shown escaped (the sandbox answers with markup that would run
# script), and that every admin action refuses a missing nonce and a customer's site administrator.
# A screenshot of each step is kept in the artifacts directory the runner prints. Any PHP notice,
# warning or deprecation from the plugin in PHP-FPM's log fails the run. Ends with one line:
#   browser: N passed, N failed
#
# Environment:
#   PHP, RUNCLOUD_EXT, RCI_THIRDPARTY, RCI_WP_TARBALL   as for integration/tests/run.sh
#   RCB_UM_RELEASES  Ultimate Multisite tarballs to run against (default: 2.4.13-beta.1 and 2.9.2 from
#                    $RCI_THIRDPARTY)
#   RCB_CHROMIUM     the browser (default: /usr/bin/chromium)
#   RCB_ARTIFACTS    where screenshots and logs go (default: a new temporary directory, printed)
#   RCB_ONLY         run only checks whose name contains this text
#   RCB_ZIP          the plugin's zip to install (default: made by integration/build-zip.sh)
#   RCI_KEEP=1       keep the temporary directory
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
INTEGRATION=$(dirname "$HERE")
REPO=$(dirname "$INTEGRATION")
EXT=${RUNCLOUD_EXT:-$REPO/modules/runcloud.so}
PHP=${PHP:-php}
PLUGIN_DIR=$INTEGRATION/runcloud-ultimate-multisite
CHROMIUM=${RCB_CHROMIUM:-/usr/bin/chromium}
START=$SECONDS

fail_setup() {
	echo "setup failed: $*" >&2
	echo "browser: 0 passed, 1 failed"
	exit 1
}

# MariaDB, the sandbox, WordPress: shared with the integration suite.
. "$INTEGRATION/tests/lib/setup.sh"
RELEASES=${RCB_UM_RELEASES:-$THIRDPARTY/ultimate-multisite-2.4.13-beta.1.tar.xz $THIRDPARTY/ultimate-multisite-2.9.2.tar.xz}
# shellcheck disable=SC2086
rci_check "$WP_TARBALL" $RELEASES
[ -x "$CHROMIUM" ] || fail_setup "$CHROMIUM not found (apt-get install chromium)"
FPM=$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)
[ -x "$FPM" ] || fail_setup "php-fpm not found (apt-get install php8.2-fpm)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || fail_setup "nginx not found (apt-get install nginx-light)"
command -v node >/dev/null || fail_setup "node not found (apt-get install nodejs)"
# Debian ships npm apart from nodejs (NodeSource's nodejs carries its own, and conflicts with Debian's
# npm package, so it is not in debian-packages.txt): installed here when missing.
if ! command -v npm >/dev/null; then
	[ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1
	command -v npm >/dev/null || fail_setup "npm not found (apt-get install npm)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rcb.XXXXXX")
chmod 755 "$TMP"
ARTIFACTS=${RCB_ARTIFACTS:-$TMP/artifacts}
mkdir -p "$ARTIFACTS"
FPM_PID=""
NGINX_PID=""
cleanup() {
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	[ -n "$FPM_PID" ] && kill "$FPM_PID" 2>/dev/null && wait "$FPM_PID" 2>/dev/null
	rci_stop
	if [ "${RCI_KEEP:-0}" = 1 ]; then
		echo "kept $TMP" >&2
	elif [ -z "${RCB_ARTIFACTS:-}" ]; then
		# The artifacts live in $TMP unless RCB_ARTIFACTS says otherwise: keep them, drop the rest.
		find "$TMP" -mindepth 1 -maxdepth 1 ! -name artifacts -exec rm -rf {} + 2>/dev/null
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "browser: artifacts (screenshots, PHP-FPM and nginx logs) in $ARTIFACTS"

# --- puppeteer-core from npm (package-lock.json), never a browser download ----------------------------
if [ ! -d "$HERE/node_modules/puppeteer-core" ]; then
	(cd "$HERE" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1) \
		|| fail_setup "npm ci: $(tail -5 "$TMP/npm.log")"
fi

# --- The release zip, as a user downloads it -----------------------------------------------------------
ZIP=${RCB_ZIP:-$(bash "$INTEGRATION/build-zip.sh" | sed 's/ (.*//')} || fail_setup "build-zip.sh failed"
[ -f "$ZIP" ] || fail_setup "no zip at $ZIP"

# --- MariaDB, sandbox, one WordPress per release ------------------------------------------------------
GENS=()
for R in $RELEASES; do
	V=$(basename "$R" .tar.xz)
	V=${V#ultimate-multisite-}
	GENS+=("$(echo "$V" | tr -cd '0-9a-z')")
done
DBS=()
for G in "${GENS[@]}"; do DBS+=("rcb_$G"); done
rci_start_mariadb "${DBS[@]}"
rci_start_sandbox
rci_unpack_core
export RCI_DB_SOCKET="$TMP/db.sock" RCI_SANDBOX_URL="$SANDBOX_URL"

install_release() { # $1: tarball, $2: generation label
	local R=$1 G=$2 W="$TMP/wp-$2" LOG="$TMP/install-$2.log" STEP
	cp -a "$CORE" "$W" && rm -rf "$W/wp-content/plugins/akismet" "$W/wp-content/plugins/hello.php" "$W/wp-content/themes/"twentytwenty[1-4]
	cp "$HERE/lib/wp-config.php" "$W/wp-config.php"
	mkdir -p "$W/wp-content/uploads"
	tar -xJf "$R" -C "$W/wp-content/plugins" || fail_setup "cannot unpack $R"
	# The plugin is not installed here: the browser uploads the zip. Step "plugin" with RCI_OLD=1
	# turns domain mapping on and leaves the plugin out.
	for STEP in core um um-setup plugin; do
		local PRE=()
		[ "$STEP" = core ] && PRE=(RCI_INSTALLING=1)
		env "${PRE[@]}" RCI_OLD=1 RCB_UM="$G" RCI_WP_DIR="$W" $PHP -d "extension=$EXT" "$INTEGRATION/tests/lib/install.php" "$STEP" >>"$LOG" 2>&1 \
			|| fail_setup "install $G ($STEP): $(tail -5 "$LOG")"
	done
}
i=0
for R in $RELEASES; do install_release "$R" "${GENS[$i]}"; i=$((i + 1)); done

# --- PHP-FPM and nginx -----------------------------------------------------------------------------------
PORT_BASE=$($PHP -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')
USER_LINE=""
NGINX_USER=""
if [ "$(id -u)" = 0 ]; then USER_LINE="user = root"; NGINX_USER="user root;"; fi
cat >"$TMP/fpm.conf" <<CONF
[global]
pid = $TMP/fpm.pid
error_log = $TMP/fpm.log
daemonize = no
[rcb]
$USER_LINE
listen = $TMP/fpm.sock
pm = static
pm.max_children = 3
clear_env = no
catch_workers_output = yes
php_admin_value[error_log] = $TMP/php-errors.log
php_admin_flag[log_errors] = on
php_admin_flag[display_errors] = off
php_admin_value[error_reporting] = -1
php_admin_value[upload_max_filesize] = 32M
php_admin_value[post_max_size] = 32M
php_admin_value[memory_limit] = 256M
CONF
"$FPM" -F -R -y "$TMP/fpm.conf" -d "extension=$EXT" >"$TMP/fpm.out" 2>&1 &
FPM_PID=$!
for _ in $(seq 100); do [ -S "$TMP/fpm.sock" ] && break; sleep 0.1; done
[ -S "$TMP/fpm.sock" ] || fail_setup "php-fpm did not start: $(tail -3 "$TMP/fpm.log" "$TMP/fpm.out")"

SERVERS=""
PORTS=()
i=0
for G in "${GENS[@]}"; do
	PORT=$((PORT_BASE + i))
	PORTS+=("$PORT")
	SERVERS+="
	server {
		listen 127.0.0.1:$PORT;
		server_name _;
		root $TMP/wp-$G;
		index index.php;
		client_max_body_size 32m;
		absolute_redirect off;
		location / { try_files \$uri \$uri/ /index.php?\$args; }
		location ~ \\.php\$ {
			try_files \$uri =404;
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
			fastcgi_param RCB_UM $G;
			fastcgi_read_timeout 120s;
			fastcgi_pass unix:$TMP/fpm.sock;
		}
	}"
	i=$((i + 1))
done
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<CONF
$NGINX_USER
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	access_log $TMP/nginx/access.log;
	client_body_temp_path $TMP/nginx/body;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	proxy_temp_path $TMP/nginx/proxy;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	$SERVERS
}
CONF
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx/out.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:${PORTS[0]}/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:${PORTS[0]}/" || fail_setup "nginx did not start: $(tail -3 "$TMP/nginx/error.log" "$TMP/nginx/out.log")"

# --- The browser, once per release -----------------------------------------------------------------------
PASSED=0
FAILED=0
i=0
for G in "${GENS[@]}"; do
	OUT="$TMP/suite-$G.log"
	RCB_UM="$G" RCB_LABEL="UM $(basename "$(echo "$RELEASES" | tr ' ' '\n' | sed -n "$((i + 1))p")" .tar.xz | sed 's/^ultimate-multisite-//')" \
		RCB_PORT="${PORTS[$i]}" RCB_ZIP="$ZIP" RCB_CHROMIUM="$CHROMIUM" RCB_ARTIFACTS="$ARTIFACTS/$G" \
		RCB_WP_DIR="$TMP/wp-$G" RCB_PHP="$PHP" RCB_EXT="$EXT" RCB_CLI="$HERE/lib/cli.php" \
		RCI_SANDBOX_ADMIN="$SANDBOX_ADMIN" RCB_PHP_LOG="$TMP/php-errors.log" \
		node "$HERE/suite.mjs" 2>&1 | tee "$OUT" | grep -E '^(ok|FAILED) '
	RESULT=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$OUT" | tail -1)
	if [ -z "$RESULT" ]; then
		echo "FAILED $G: the suite ended without a result"
		tail -n 8 "$OUT" | sed 's/^/    /'
		FAILED=$((FAILED + 1))
	else
		set -- $RESULT
		PASSED=$((PASSED + $2))
		FAILED=$((FAILED + $3))
	fi
	i=$((i + 1))
done

# --- No PHP problem from the plugin in PHP-FPM's log ---------------------------------------------------
# The plugin as installed from the zip lives in wp-content/plugins/runcloud-ultimate-multisite/.
# WordPress's and Ultimate Multisite's own problems are not ours to fail on.
PROBLEMS=$(grep -E '(Fatal error|Warning|Deprecated|Notice|Parse error)' "$TMP/php-errors.log" 2>/dev/null | grep -E 'plugins/runcloud-ultimate-multisite/|runcloud-ultimate-multisite' | sort -u)
if [ -n "$PROBLEMS" ]; then
	echo "FAILED PHP-FPM's log: PHP reported problems in the plugin:"
	echo "$PROBLEMS" | head -5 | sed 's/^/    /'
	FAILED=$((FAILED + 1))
else
	echo "ok     PHP-FPM's log: no notice, warning or deprecation from the plugin"
	PASSED=$((PASSED + 1))
fi
cp "$TMP/php-errors.log" "$ARTIFACTS/php-fpm-errors.log" 2>/dev/null
cp "$TMP/nginx/access.log" "$ARTIFACTS/nginx-access.log" 2>/dev/null

echo "browser: $((SECONDS - START)) s"
echo "browser: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
