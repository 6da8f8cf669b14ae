#!/usr/bin/env bash
# Soak: many calls in one process, many PHP requests through PHP-FPM, against the sandbox over HTTPS
# (its nginx mode). Checks zero errors, flat resident memory and bounded connections, and prints the
# figures. Usage: soak/run.sh [CALLS=100000] [FPM_REQUESTS=1000]   (RUNCLOUD_EXT: the extension to load)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
calls=${1:-100000}
requests=${2:-1000}
ext=${RUNCLOUD_EXT:-$root/modules/runcloud.so}
max_growth_kb=${SOAK_MAX_GROWTH_KB:-2048}
workers=2
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
passed=0 failed=0
verdict() {  # verdict TEXT CONDITION...
  local text=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $text"; else failed=$((failed + 1)); echo "FAIL $text"; fi
}

mkfifo "$tmp/info"
php "$root/sandbox/bin/runcloud-sandbox" serve --json --tls --workers=4 >"$tmp/info" 2>"$tmp/sandbox.log" &
pids+=($!)
exec 3<"$tmp/info"
read -r info <&3
field() { php -r 'echo json_decode($argv[1], true)[$argv[2]];' "$info" "$1"; }
url=$(field api_v3); base=$(field url); ca=$(field ca); admin=$(field admin_secret); db=$(field db)
token=soak-token-0d15ea5e
curl -sf --cacert "$ca" -H "X-Sandbox-Admin: $admin" -d '{"credentials":[{"token":"'$token'"}],
  "servers":[{"id":1,"webapps":[{"id":1,"primary":"soak.test","bulk":{"count":50,"pattern":"soak-%d.example.com"}}]}],
  "config":{"rate_limit":100000000}}' "$base/__sandbox/seed" >/dev/null
connections() { php -r '$db = new PDO("sqlite:" . $argv[1]); echo $db->query("SELECT COUNT(DISTINCT connection) FROM journal WHERE credential IS NOT NULL")->fetchColumn();' "$db"; }
clear_journal() { curl -sf --cacert "$ca" -X DELETE -H "X-Sandbox-Admin: $admin" "$base/__sandbox/journal" >/dev/null; }

# 1. Calls in one process.
start=$(date +%s)
result=$(php -n -d "extension=$ext" "$here/calls.php" "$url" "$ca" "$token" "$calls")
seconds=$(( $(date +%s) - start ))
one() { php -r 'echo json_decode($argv[1], true)[$argv[2]];' "$result" "$1"; }
growth=$(( $(one rss_end_kb) - $(one rss_warm_kb) ))
conns=$(connections)
echo "one process: $(one calls) calls in ${seconds}s, $(one errors) errors, resident $(one rss_warm_kb) kB after warm-up -> $(one rss_end_kb) kB (growth $growth kB), $conns TCP connection(s)"
[ "$(one errors)" = 0 ] || echo "$result"
verdict "no error in $calls calls" test "$(one errors)" = 0
verdict "resident memory flat (growth $growth kB <= $max_growth_kb kB)" test "$growth" -le "$max_growth_kb"
verdict "connections bounded ($conns <= 2)" test "$conns" -le 2
clear_journal

# 2. PHP requests through PHP-FPM.
user_line=""; [ "$(id -u)" = 0 ] && user_line="user = root"
cat >"$tmp/fpm.conf" <<CONF
[global]
pid = $tmp/fpm.pid
error_log = $tmp/fpm.log
daemonize = no
[soak]
$user_line
listen = $tmp/fpm.sock
pm = static
pm.max_children = $workers
pm.max_requests = 0
clear_env = no
CONF
SOAK_TOKEN=$token SOAK_URL=$url SOAK_CA=$ca php-fpm8.2 -F -R -n -y "$tmp/fpm.conf" -d "extension=$ext" &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/fpm.sock" ] && break; sleep 0.1; done
fcgi() {
  SCRIPT_FILENAME="$here/fpm-app.php" SCRIPT_NAME=/fpm-app.php REQUEST_METHOD=GET QUERY_STRING= \
    cgi-fcgi -bind -connect "$tmp/fpm.sock" 2>/dev/null | sed -n 's/^\({.*}\)$/\1/p'
}
: >"$tmp/answers"
for _ in $(seq "$requests"); do fcgi >>"$tmp/answers"; echo >>"$tmp/answers"; done
summary=$(php -r '
  $rows = array_filter(array_map(fn($l) => json_decode($l, true), file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES)));
  $ok = count(array_filter($rows, fn($r) => $r["ok"] ?? false));
  $by = [];
  foreach ($rows as $r) $by[$r["pid"]][] = $r["rss_kb"];
  $growth = 0;
  foreach ($by as $list) { $warm = $list[min(count($list) - 1, 50)]; $growth = max($growth, end($list) - $warm); }
  echo $ok, " ", count($rows), " ", count($by), " ", $growth;' "$tmp/answers")
read -r ok answered seen_workers fpm_growth <<<"$summary"
conns=$(connections)
echo "php-fpm: $ok of $requests PHP requests ok ($answered answered) by $seen_workers worker(s), worker memory growth after warm-up $fpm_growth kB, $conns TCP connection(s)"
verdict "every PHP request ok ($ok/$requests)" test "$ok" = "$requests"
verdict "worker memory flat (growth $fpm_growth kB <= $max_growth_kb kB)" test "$fpm_growth" -le "$max_growth_kb"
verdict "one connection per worker ($conns <= $workers)" test "$conns" -le "$workers"
echo "soak: $passed passed, $failed failed"
[ "$failed" = 0 ]
