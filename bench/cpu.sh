#!/usr/bin/env bash
# CPU per call, counted in instructions:   bench/cpu.sh
#
# Runs the add and remove flows over plain HTTP against the canned API (nginx, as run.sh starts it) under
# valgrind's callgrind, for `ext`, `floor` and `curl-reuse`, and prints the instructions (Ir) the client
# process spends per API call, and the ratios ext/floor and ext/curl-reuse. Only the client runs under
# callgrind: nginx's instructions are not counted. Instruction counts barely move between runs on a busy
# machine, where run.sh's CPU times move by tens of percent: this is the figure to compare changes by.
#
# Start-up (PHP, libcurl, the connection, the warm-up flows, the markers) is taken out by difference: each
# client runs N1 and then N2 measured flows, and
#     Ir per call = (Ir of the N2 run - Ir of the N1 run) / (calls of the N2 run - calls of the N1 run),
# with calls counted at the server (its log), as run.sh counts them.
#
# Settings (environment):
#   RUNCLOUD_EXT   the extension (default: <repo>/modules/runcloud.so; copied before use)
#   CPU_N1, CPU_N2 measured flows of the short and the long run (default 10 and 60)
#   CPU_CLIENTS    the clients (default "ext floor curl-reuse")
#   CPU_FLOWS      the flows (default "add remove")
#   CPU_SYSCALLS   when set (to anything), each run is also made under strace -c: system calls per API
#                  call, by the same difference (the kernel's work is not in callgrind's count)
#   CPU_KEEP       a directory to keep the callgrind files in (callgrind.CLIENT-FLOW.N.out), for
#                  callgrind_annotate or bench/cpu-profile.php (the steady state's functions per call)

set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
ext_src=${RUNCLOUD_EXT:-$repo_dir/modules/runcloud.so}
n1=${CPU_N1:-10}
n2=${CPU_N2:-60}
clients=${CPU_CLIENTS:-ext floor curl-reuse}
flows=${CPU_FLOWS:-add remove}
keep=${CPU_KEEP:-}
syscalls=${CPU_SYSCALLS:-}
token=bench-token

for tool in php nginx openssl g++ pkg-config valgrind ${CPU_SYSCALLS:+strace}; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "cpu.sh: $tool is missing (the Debian packages are listed in bench/debian-packages.txt)" >&2
        exit 1
    fi
done
if (( n2 <= n1 )); then
    echo "cpu.sh: CPU_N2 must be larger than CPU_N1" >&2
    exit 2
fi

tmp=$(mktemp -d -t runcloud-cpu.XXXXXX)
nginx_pid=""
cleanup() {
    # Stop only what this script started, by process id.
    if [[ -n "$nginx_pid" ]]; then
        kill -TERM "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "cpu: $*" >&2; }

# --- the clients --------------------------------------------------------------------------------------
if [[ " $clients " == *" ext "* ]]; then
    [[ -f "$ext_src" ]] || { log "no extension at $ext_src (set RUNCLOUD_EXT)"; exit 1; }
    cp "$ext_src" "$tmp/runcloud.so"
fi
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
g++ -std=c++17 -O2 -o "$tmp/floor" "$bench_dir/floor/floor.cpp" $(pkg-config --cflags --libs libcurl simdjson)

# --- the canned API: run.sh's nginx configuration (it serves HTTPS too, so it needs a certificate) ------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$tmp/server.key" -out "$tmp/server.crt" 2>/dev/null
read -r http_port https_port fpm_port < <(php -r '
    $socks = []; $ports = [];
    for ($i = 0; $i < 3; $i++) {
        $socks[] = $s = stream_socket_server("tcp://127.0.0.1:0");
        $ports[] = (int) substr(strrchr(stream_socket_get_name($s, false), ":"), 1);
    }
    echo implode(" ", $ports), "\n";')
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root root;"   # nginx's workers must read the private temp dir
mkdir -p "$tmp/body" "$tmp/proxy" "$tmp/fastcgi" "$tmp/uwsgi" "$tmp/scgi"
php "$bench_dir/canned/render.php" "$bench_dir/canned/nginx.conf.in" "$tmp/nginx.conf" \
    "DIR=$tmp" "HTTP_PORT=$http_port" "HTTPS_PORT=$https_port" "FPM_PORT=$fpm_port" "TOKEN=$token" \
    "USER_LINE=$user_line" "FPM_SCRIPT=$bench_dir/fpm/app.php"
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" &
nginx_pid=$!
php -r '$end = microtime(true) + 20;
        while (microtime(true) < $end) {
            if ($s = @stream_socket_client("tcp://127.0.0.1:" . $argv[1], $e, $m, 1)) { exit(0); }
            usleep(50000);
        }
        exit(1);' "$http_port" || { cat "$tmp/nginx-error.log" >&2; exit 1; }
base="http://127.0.0.1:$http_port/api/v3"
api_log="$tmp/api.log"

# Requests the server logged after byte $1 of its log, the drivers' marker requests left out.
calls_since() {
    tail -c +"$(( $1 + 1 ))" "$api_log" | grep -vc 'bench_mark=' || true
}
log_size() { if [[ -f "$api_log" ]]; then stat -c %s "$api_log"; else echo 0; fi; }

# One client run under callgrind (tool "callgrind": prints "IR CALLS") or strace (tool "strace": prints
# "SYSCALLS CALLS").
measure() {
    local tool=$1 client=$2 flow=$3 n=$4 out=$5
    local cmd
    case $client in
        floor) cmd=("$tmp/floor") ;;
        ext) cmd=(php -n -d "extension=curl" -d "extension=$tmp/runcloud.so" "$bench_dir/drivers/ext.php") ;;
        *) cmd=(php -n -d "extension=curl" "$bench_dir/drivers/$client.php") ;;
    esac
    local from
    from=$(log_size)
    local under
    if [[ $tool == strace ]]; then under=(strace -f -c -o "$out"); else under=(valgrind --tool=callgrind "--callgrind-out-file=$out"); fi
    "${under[@]}" "${cmd[@]}" \
        "--base=$base" "--token=$token" "--flow=$flow" "--n=$n" --warmup=3 --name=shop.example.com \
        > "$tmp/run.out" 2> "$tmp/run.err" || { log "$client $flow failed:"; tail -n 20 "$tmp/run.err" >&2; exit 1; }
    sleep 0.2   # lets nginx write its log line for the last answer
    local count
    if [[ $tool == strace ]]; then
        count=$(awk '$NF == "total" { print $4 }' "$out")   # the "calls" column of strace's summary
    else
        count=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out")
        [[ -n "$count" ]] || count=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out")
    fi
    echo "$count $(calls_since "$from")"
}

# The extension and PHP's curl as shared objects: `php -n` keeps the system's php.ini (and whatever
# it loads, opcache included) out, so every PHP client runs the same PHP.
php -n -d extension=curl -r 'exit(function_exists("curl_init") ? 0 : 1);' 2>/dev/null || {
    log "PHP's curl does not load as a shared extension (php8.2-curl)"; exit 1; }

results=()
for flow in $flows; do
    for client in $clients; do
        log "$client $flow: $n1 and $n2 flows under callgrind"
        read -r ir1 c1 < <(measure callgrind "$client" "$flow" "$n1" "$tmp/short.out")
        read -r ir2 c2 < <(measure callgrind "$client" "$flow" "$n2" "$tmp/long.out")
        if [[ -n "$keep" ]]; then
            mkdir -p "$keep"
            cp "$tmp/short.out" "$keep/callgrind.$client-$flow.$n1.out"
            cp "$tmp/long.out" "$keep/callgrind.$client-$flow.$n2.out"
        fi
        sys="- 0 - 0"
        if [[ -n "$syscalls" ]]; then
            read -r s1 d1 < <(measure strace "$client" "$flow" "$n1" "$tmp/short.strace")
            read -r s2 d2 < <(measure strace "$client" "$flow" "$n2" "$tmp/long.strace")
            sys="$s1 $d1 $s2 $d2"
        fi
        results+=("$flow $client $ir1 $c1 $ir2 $c2 $sys")
    done
done

# --- the table --------------------------------------------------------------------------------------------
php -r '
    [$n1, $n2] = [(int) $argv[1], (int) $argv[2]];
    $rows = [];
    foreach (array_slice($argv, 3) as $line) {
        [$flow, $client, $ir1, $c1, $ir2, $c2, $s1, $d1, $s2, $d2] = explode(" ", $line);
        $calls = (int) $c2 - (int) $c1;
        $sysCalls = (int) $d2 - (int) $d1;
        $rows[$flow][$client] = ["call" => ((int) $ir2 - (int) $ir1) / max(1, $calls),
                                 "flow" => ((int) $ir2 - (int) $ir1) / ($n2 - $n1), "cpf" => $calls / ($n2 - $n1),
                                 "sys" => $s1 === "-" ? "-" : sprintf("%.2f", ((int) $s2 - (int) $s1) / max(1, $sysCalls))];
    }
    printf("Instructions (Ir) per API call over plain HTTP, steady state (runs of %d and %d flows, difference)\n\n", $n1, $n2);
    echo "| flow | client | calls/flow | Ir/call | Ir/flow | ext/client per call | ext/client per flow | syscalls/call |\n";
    echo "|---|---|--:|--:|--:|--:|--:|--:|\n";
    foreach ($rows as $flow => $byClient) {
        foreach ($byClient as $client => $r) {
            $e = $byClient["ext"] ?? null;
            printf("| %s | %s | %.2f | %s | %s | %s | %s | %s |\n", $flow, $client, $r["cpf"],
                number_format($r["call"]), number_format($r["flow"]),
                $e ? sprintf("%.2f", $e["call"] / $r["call"]) : "-", $e ? sprintf("%.2f", $e["flow"] / $r["flow"]) : "-",
                $r["sys"]);
        }
    }
' "$n1" "$n2" "${results[@]}"
