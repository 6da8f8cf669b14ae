#!/usr/bin/env bash
# Debian chroots for the other PHP versions CI tests: Debian 13 (trixie, PHP 8.4) and Debian experimental on
# sid (PHP 8.5 and 8.6 RC side by side). Needs root and the package debootstrap.
#
#   scripts/chroot.sh prepare SUITE       build the chroot (once; cached) and install the packages it lacks
#   scripts/chroot.sh test VERSION STAGE… copy this tree into the chroot of that PHP and run scripts/test.sh
#                                         STAGE… there, with that PHP first on PATH and warnings as errors
#
# SUITE is trixie or sid; VERSION is 8.4 (trixie), 8.5 or 8.6 (sid). Chroots are cached in
# $RUNCLOUD_CHROOTS (default /var/cache/runcloud-chroots) so a second run on a machine is fast; a fresh
# machine builds them. The mirror is the one this machine's apt uses (never written into the project).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${RUNCLOUD_CHROOTS:-/var/cache/runcloud-chroots}

suite_of() {  # the Debian suite that ships a PHP version
  case $1 in
    8.4) echo trixie ;;
    8.5|8.6) echo sid ;;
    *) echo "no chroot for PHP $1" >&2; exit 2 ;;
  esac
}

versions_of() {  # the PHP versions a suite's chroot holds
  case $1 in
    trixie) echo 8.4 ;;
    sid) echo 8.5 8.6 ;;
    *) echo "unknown suite $1" >&2; exit 2 ;;
  esac
}

mirror() {  # the first Debian archive of this machine's apt sources (deb822 or one-line format)
  local m
  m=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1)
  [ -n "$m" ] || m=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\(http[^[:space:]]*\).*/\2/p' /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1)
  [ -n "$m" ] || { echo "chroot: no Debian mirror found in this machine's apt sources" >&2; exit 1; }
  echo "$m"
}

# The packages a PHP version needs in a chroot: the extension's and the sandbox's lists (and the
# integration's on trixie, the one chroot that runs it), with Debian 12's php8.2-* renamed.
packages() {  # packages SUITE
  local lists=("$root/scripts/debian-packages.txt" "$root/sandbox/debian-packages.txt")
  [ "$1" = trixie ] && lists+=("$root/integration/debian-packages.txt")
  local v
  {
    # What a minimal debootstrap lacks and a Debian installation has: libcurl's default CA store (a client
    # without ca_info uses it) and xz for the third-party tarballs.
    echo ca-certificates
    echo xz-utils
    for v in $(versions_of "$1"); do
      cat "${lists[@]}" 2>/dev/null | sed 's/#.*//' | awk 'NF' | sed "s/^php8\.2-/php$v-/"
    done
  } | grep -vxE "debootstrap|php-pear|clang-tidy" | sort -u  # the host's tools: chroots, pecl check, clang-tidy
}

mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  mounted=()
}
trap unmount_all EXIT

mount_all() {  # mount_all DIR: the kernel file systems a chroot needs, unmounted on exit whatever happens
  local d
  for d in proc sys dev dev/pts; do
    mountpoint -q "$1/$d" && continue
    mkdir -p "$1/$d"
    mount --bind "/$d" "$1/$d"
    mounted+=("$1/$d")
  done
}

in_chroot() {  # in_chroot DIR COMMAND…
  local dir=$1; shift
  chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

prepare() {  # prepare SUITE
  local suite=$1 dir="$cache/$1" m
  m=$(mirror)
  # One preparation of a chroot at a time (CI may start it while another stage waits for it).
  mkdir -p "$cache"
  exec 9>"$cache/$suite.lock"
  flock 9
  if [ ! -f "$dir/.base-ready" ]; then
    command -v debootstrap >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null
    rm -rf "$dir"
    echo "chroot: debootstrap $suite"
    debootstrap --variant=minbase "$suite" "$dir" "$m" >"$cache/$suite.debootstrap.log" 2>&1 \
      || { tail -n 20 "$cache/$suite.debootstrap.log"; exit 1; }
    printf 'deb %s %s main\n' "$m" "$suite" >"$dir/etc/apt/sources.list"
    [ "$suite" = sid ] && printf 'deb %s experimental main\n' "$m" >>"$dir/etc/apt/sources.list"
    # Tests need a resolvable localhost and a machine id nothing else provides in a minimal chroot.
    cp /etc/hosts "$dir/etc/hosts"
    touch "$dir/.base-ready"
  fi
  mount_all "$dir"
  local want missing=() p
  mapfile -t want < <(packages "$suite")
  for p in "${want[@]}"; do
    in_chroot "$dir" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "chroot: $suite: installing ${missing[*]}"
    # Experimental's Release file outlives its Valid-Until date. Its newest php-common (2:102~) breaks
    # php8.5-common; 2:101 serves 8.5 and 8.6 alike, so it is installed first and held.
    in_chroot "$dir" apt-get -o Acquire::Check-Valid-Until=false -qq update
    local apt=(apt-get -o DPkg::Lock::Timeout=600 -o APT::Install-Recommends=false -y -qq)
    if [ "$suite" = sid ]; then
      in_chroot "$dir" "${apt[@]}" install --allow-downgrades php-common=2:101 >/dev/null
      in_chroot "$dir" apt-mark hold php-common >/dev/null
      # Only PHP comes from experimental (pkg/experimental; apt takes the dependencies that only
      # experimental has from there too): `-t experimental` would move half of sid ahead of its base.
      in_chroot "$dir" "${apt[@]}" install $(printf '%s\n' "${missing[@]}" | sed 's,^\(php.*\),\1/experimental,') >/dev/null
    else
      in_chroot "$dir" "${apt[@]}" install "${missing[@]}" >/dev/null
    fi
    in_chroot "$dir" apt-get clean
  fi
  # One directory per PHP version whose php, phpize and php-config are that version's.
  local v t
  for v in $(versions_of "$suite"); do
    mkdir -p "$dir/opt/php$v/bin"
    for t in php phpize php-config; do ln -sfn "/usr/bin/$t$v" "$dir/opt/php$v/bin/$t"; done
  done
  unmount_all
  echo "chroot: $suite ready ($(in_chroot "$dir" sh -c 'ls /usr/bin/php[0-9]*' | tr '\n' ' '))"
}

run_test() {  # run_test VERSION STAGE…
  local v=$1; shift
  local suite
  suite=$(suite_of "$v"); dir="$cache/$suite"
  [ -x "$dir/usr/bin/php$v" ] || { echo "chroot: PHP $v is not in the $suite chroot (scripts/chroot.sh prepare $suite)"; exit 1; }
  # One copy per run: two runs on one machine (two checkouts) never share a build directory.
  work="/build/runcloud-php$v-$$"
  trap 'unmount_all; rm -rf "${dir:?}$work"' EXIT
  mkdir -p "$dir$work"
  # A copy of the tree as git sees it (tracked and new files, nothing ignored): builds never collide.
  (cd "$root" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$dir$work"
  # Tests may use the third-party tarballs beside the repository (../shared/thirdparty): a read-only view.
  if [ -d "$root/../shared/thirdparty" ]; then
    mkdir -p "$dir/build/shared/thirdparty"
    mount --bind "$root/../shared/thirdparty" "$dir/build/shared/thirdparty"
    mount -o remount,bind,ro "$dir/build/shared/thirdparty" 2>/dev/null || true
    mounted+=("$dir/build/shared/thirdparty")
  fi
  mount_all "$dir"
  in_chroot "$dir" env PATH="/opt/php$v/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    RUNCLOUD_SETUP=skip EXTRA_CXXFLAGS="${EXTRA_CXXFLAGS--Wall -Wextra -Wno-unused-parameter -Werror}" \
    RCI_GENERATIONS="${RCI_GENERATIONS:-}" \
    bash -c "cd $work && php -v | head -n 1 && bash scripts/test.sh \"\$@\"" test "$@"
}

cmd=${1:-}; shift || true
case $cmd in
  prepare) prepare "${1:?usage: chroot.sh prepare trixie|sid}" ;;
  test) run_test "${1:?usage: chroot.sh test VERSION STAGE...}" "${@:2}" ;;
  *) echo "usage: chroot.sh prepare SUITE | test VERSION STAGE..."; exit 2 ;;
esac
