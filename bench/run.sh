#!/usr/bin/env bash
# The benchmark, in one command:   bench/run.sh
#
# Builds the C++ floor, starts the canned API (nginx, HTTP and HTTPS) with a private PHP-FPM behind it and,
# when the repository's sandbox is there, the sandbox with injected latency; runs every driver; prints the
# table; stops everything it started. Loopback only. See bench/README.md.
#
# Settings (environment):
#   RUNCLOUD_EXT      the extension to measure (default: <repo>/modules/runcloud.so; copied before use)
#   BENCH_N           measured flows per driver run on the canned server (default 100)
#   BENCH_ROUNDS      interleaved rounds on the canned server (default 9)
#   BENCH_LAT_N       measured flows per driver run against the sandbox (default 8)
#   BENCH_LAT_ROUNDS  rounds against the sandbox (default 3)
#   BENCH_LATENCY_MS  the latency of the sandbox runs, in ms (default 20): added to every answer by the
#                     sandbox, then, as a second model, as a network round-trip time (rtt/rttproxy.cpp)
#   BENCH_SYNC_NAMES  names for syncDomains versus one-by-one adds (default 500)
#   BENCH_FPM_REQUESTS  separate PHP requests in the PHP-FPM test (default 100)
#   BENCH_RESULTS     also keep the raw results (JSON) in this file
#   WORDPRESS_DIR     where WordPress is (default: Debian's /usr/share/wordpress)
#   PHP_FPM           the PHP-FPM binary (default: php-fpm8.2)

set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
ext_src=${RUNCLOUD_EXT:-$repo_dir/modules/runcloud.so}
php_fpm=${PHP_FPM:-php-fpm8.2}
token=bench-token

for tool in php nginx openssl g++ pkg-config "$php_fpm"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run.sh: $tool is missing (the Debian packages are listed in bench/debian-packages.txt)" >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/runcloud-bench.XXXXXX")
pids=()
cleanup() {
    # Stop only what this script started, by process id.
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench: $*" >&2; }

# Waits (bounded) until a TCP port on loopback accepts connections.
wait_port() {
    php -r '$end = microtime(true) + 20;
            while (microtime(true) < $end) {
                if ($s = @stream_socket_client("tcp://127.0.0.1:" . $argv[1], $e, $m, 1)) { exit(0); }
                usleep(50000);
            }
            exit(1);' "$1"
}

# --- the extension: a private copy, so a rebuild of the original during the run changes nothing -------
ext=""
if [[ -f "$ext_src" ]]; then
    cp "$ext_src" "$tmp/runcloud.so"
    ext="$tmp/runcloud.so"
    if ! php -d "extension=$ext" -r 'exit(class_exists("RunCloud\\Client") ? 0 : 1);'; then
        log "$ext_src does not load; measuring without the extension"
        ext=""
    fi
else
    log "no extension at $ext_src (set RUNCLOUD_EXT); measuring the other drivers only"
fi

# --- the floor --------------------------------------------------------------------------------------
log "building the C++ floor"
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
g++ -std=c++17 -O2 -o "$tmp/floor" "$bench_dir/floor/floor.cpp" $(pkg-config --cflags --libs libcurl simdjson)
g++ -std=c++17 -O2 -o "$tmp/rttproxy" "$bench_dir/rtt/rttproxy.cpp"

# --- certificates: a private CA and a leaf for 127.0.0.1 (ECDSA P-256, as most public APIs now use) ----
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=runcloud-bench-ca \
    -keyout "$tmp/ca.key" -out "$tmp/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 \
    -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > "$tmp/server.ext"
openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" -CAcreateserial -days 2 \
    -extfile "$tmp/server.ext" -out "$tmp/server.crt" 2>/dev/null

# --- the canned API (nginx) and the PHP-FPM behind its front --------------------------------------------
read -r http_port https_port fpm_port rtt_port < <(php -r '
    $socks = []; $ports = [];
    for ($i = 0; $i < 4; $i++) {
        $socks[] = $s = stream_socket_server("tcp://127.0.0.1:0");
        $ports[] = (int) substr(strrchr(stream_socket_get_name($s, false), ":"), 1);
    }
    echo implode(" ", $ports), "\n";')
user_line=""
fpm_user_line=""
if [[ $(id -u) -eq 0 ]]; then
    # As root, nginx and PHP-FPM would switch to other users who cannot read the private temp dir.
    user_line="user root root;"
    fpm_user_line="user = root"
fi
mkdir -p "$tmp/body" "$tmp/proxy" "$tmp/fastcgi" "$tmp/uwsgi" "$tmp/scgi"
php "$bench_dir/canned/render.php" "$bench_dir/canned/nginx.conf.in" "$tmp/nginx.conf" \
    "DIR=$tmp" "HTTP_PORT=$http_port" "HTTPS_PORT=$https_port" "FPM_PORT=$fpm_port" "TOKEN=$token" \
    "USER_LINE=$user_line" "FPM_SCRIPT=$bench_dir/fpm/app.php"
php "$bench_dir/canned/render.php" "$bench_dir/fpm/php-fpm.conf.in" "$tmp/php-fpm.conf" \
    "DIR=$tmp" "USER_LINE=$fpm_user_line"

log "starting the canned API on ports $http_port (HTTP) and $https_port (HTTPS)"
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" &
pids+=($!)
wait_port "$http_port" && wait_port "$https_port" || { cat "$tmp/nginx-error.log" >&2; exit 1; }

fpm_args=(-F -R -y "$tmp/php-fpm.conf")
if [[ -n "$ext" ]]; then
    fpm_args+=(-d "extension=$ext")
fi
"$php_fpm" "${fpm_args[@]}" &
pids+=($!)
for _ in $(seq 100); do [[ -S "$tmp/fpm.sock" ]] && break; sleep 0.1; done
[[ -S "$tmp/fpm.sock" ]] || { log "PHP-FPM did not start"; cat "$tmp/fpm-error.log" >&2 || true; exit 1; }

# --- the sandbox, with latency --------------------------------------------------------------------------
sandbox_json=""
sandbox_mode=""
sandbox_bin="$repo_dir/sandbox/bin/runcloud-sandbox"
if [[ -f "$sandbox_bin" ]]; then
    php -r 'echo json_encode([
        "credentials" => [["token" => $argv[1]]],
        "servers" => [["id" => 1, "name" => "bench", "ip" => "127.0.0.1",
                       "webapps" => [["id" => 1, "name" => "network", "primary" => "network.test", "ssl" => true]]]],
        // The latency flows redeploy the same certificate hundreds of times: the certificate
        // authority limits (5 duplicate certificates per 7 days, 300 orders per 3 hours...) would
        // refuse them, and they are not what this benchmark measures. The 100-name limit stays.
        "config" => ["rate_limit" => 1000000, "ca_order_limit" => 100000000, "ca_duplicate_limit" => 100000000,
                     "ca_domain_limit" => 100000000],
    ]);' "$token" > "$tmp/seed.json"
    # --tls puts nginx (keep-alive) in front of the sandbox; without it php -S closes every connection.
    for mode in tls plain; do
        flags=(serve --json "--seed=$tmp/seed.json" --workers=16)
        [[ $mode == tls ]] && flags+=(--tls)
        : > "$tmp/sandbox.out"
        php "$sandbox_bin" "${flags[@]}" > "$tmp/sandbox.out" 2> "$tmp/sandbox-$mode.err" &
        sandbox_pid=$!
        for _ in $(seq 300); do
            [[ -s "$tmp/sandbox.out" ]] && break
            kill -0 "$sandbox_pid" 2>/dev/null || break
            sleep 0.1
        done
        if [[ -s "$tmp/sandbox.out" ]]; then
            pids+=("$sandbox_pid")
            sandbox_json=$(head -n 1 "$tmp/sandbox.out")
            sandbox_mode=$mode
            break
        fi
        kill -TERM "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
        log "the sandbox did not start in $mode mode: $(tail -n 3 "$tmp/sandbox-$mode.err" | tr '\n' ' ')"
    done
    if [[ -n "$sandbox_mode" ]]; then
        log "sandbox running ($sandbox_mode mode)"
        # The network model: the same sandbox behind a proxy that delays every byte (rtt/rttproxy.cpp).
        sandbox_port=$(php -r 'echo parse_url(json_decode($argv[1], true)["url"], PHP_URL_PORT);' "$sandbox_json")
        "$tmp/rttproxy" "--listen=$rtt_port" "--to=$sandbox_port" "--rtt-ms=${BENCH_LATENCY_MS:-20}" &
        pids+=($!)
        wait_port "$rtt_port"
    fi
else
    log "no sandbox in this checkout: the latency flows are skipped"
fi

# --- run everything, then the table ---------------------------------------------------------------------
export BENCH_TMP="$tmp" BENCH_FLOOR="$tmp/floor" BENCH_EXT="$ext" BENCH_TOKEN="$token" BENCH_CA="$tmp/ca.crt" \
       BENCH_HTTP="http://127.0.0.1:$http_port/api/v3" BENCH_HTTPS="https://127.0.0.1:$https_port/api/v3" \
       BENCH_FRONT="http://127.0.0.1:$fpm_port/" BENCH_API_LOG="$tmp/api.log" \
       BENCH_SANDBOX="$sandbox_json" BENCH_SANDBOX_MODE="$sandbox_mode" BENCH_RTT_PORT="$rtt_port"
php "$bench_dir/bench.php" > "$tmp/results.json"
if [[ -n "${BENCH_RESULTS:-}" ]]; then
    cp "$tmp/results.json" "$BENCH_RESULTS"
fi
php "$bench_dir/report.php" "$tmp/results.json"
