#!/usr/bin/env bash
# One command on a fresh machine: installs what is missing, builds the extension, starts the local RunCloud
# sandbox with its demo data, and runs examples/demo.php against it (add a domain, redeploy SSL, list, remove).
#   scripts/demo.sh [domain]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh" >/dev/null
bash "$root/scripts/build.sh" >/dev/null
fifo=$(mktemp -u); mkfifo "$fifo"
php "$root/sandbox/bin/runcloud-sandbox" serve --json --seed=demo >"$fifo" 2>/dev/null &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -f "$fifo"' EXIT
exec 3<"$fifo"
read -r info <&3
url=$(php -r 'echo json_decode($argv[1], true)["api_v3"];' "$info")
echo "sandbox: $url (demo token, server 1, web app 1)"
RUNCLOUD_API_URL="$url" php -n -d extension="$root/modules/runcloud.so" "$root/examples/demo.php" "$@"
