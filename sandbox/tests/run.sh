#!/usr/bin/env bash
# Runs every sandbox test file, several at once (each starts its own sandboxes on its own ports
# and databases), prints their output, and ends with the line "sandbox: N passed, N failed".
# Exit status is 0 only when no test failed and every file finished.
set -u

here="$(cd "$(dirname "$0")" && pwd)"
jobs="${SANDBOX_TEST_JOBS:-4}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

missing=""
for ext in curl pdo_sqlite pcntl posix; do
    php -r "exit(extension_loaded('$ext') ? 0 : 1);" || missing="$missing php-$ext"
done
for tool in nginx openssl curl setsid; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
[ -r "${SANDBOX_PSL:-/usr/share/publicsuffix/public_suffix_list.dat}" ] || missing="$missing publicsuffix"
if [ -n "$missing" ]; then
    echo "missing:$missing (install the packages in sandbox/debian-packages.txt)"
    echo "sandbox: 0 passed, 1 failed"
    exit 1
fi

# A file that hangs is stopped after 5 minutes and counted as failed.
# shellcheck disable=SC2016
printf '%s\n' "$here"/*_test.php | xargs -P "$jobs" -I{} sh -c \
    'name="$(basename "$1" .php)"; timeout 300 php "$1" > "$2/$name.log" 2>&1; echo $? > "$2/$name.rc"' _ {} "$out"

passed=0
failed=0
for log in "$out"/*.log; do
    name="$(basename "$log" .log)"
    cat "$log"
    summary="$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)"
    if [ -z "$summary" ]; then
        echo "FAIL $name: the file stopped before its summary (exit $(cat "$out/$name.rc"))"
        failed=$((failed + 1))
        continue
    fi
    p="$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')"
    f="$(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -eq 0 ] && [ "$(cat "$out/$name.rc")" != "0" ]; then
        echo "FAIL $name: exited with $(cat "$out/$name.rc") after its summary"
        failed=$((failed + 1))
    fi
done

echo "sandbox: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
