#!/usr/bin/env bash
# The IDE stub reads cleanly in an IDE: stubs/runcloud.php opened in Intelephense (the PHP language server
# of VS Code and other editors, from the npm registry) shows no error, warning or information.
# Intelephense is installed once into $RUNCLOUD_NODE_CACHE (default /var/cache/runcloud-node), outside the
# repository; Node.js and npm come from Debian when missing (Debian 12's Node.js 18 and npm 9 do).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=1.18.5
cache=${RUNCLOUD_NODE_CACHE:-/var/cache/runcloud-node}/intelephense-$version
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
server="$cache/node_modules/intelephense/lib/intelephense.js"
if [ ! -f "$server" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund "intelephense@$version" >"$cache/npm.log" 2>&1 \
    || { tail -n 20 "$cache/npm.log"; echo "npm could not install intelephense@$version"; exit 1; }
fi
node "$root/scripts/intelephense-check.js" "$server" "$root/stubs/runcloud.php"
