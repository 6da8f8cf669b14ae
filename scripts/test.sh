#!/usr/bin/env bash
# The one test command: installs what is missing, builds, and runs every suite of the project.
#   scripts/test.sh              everything (what CI runs)
#   scripts/test.sh phpt sandbox only those stages; stages: checks phpt valgrind asan sandbox integration browser fuzz soak
#                                browser (the plugin's screens in Debian's chromium through nginx and PHP-FPM)
#                                bench-ssl (the SSL benchmark's smoke run: 20 domains through the plugin, checked)
#                                pecl (package, install, run-tests as a PECL user does)
#                                php84 php85 php86 (the same suites on other PHP versions, in Debian chroots)
# Environment: EXTRA_CXXFLAGS for the extension's own sources (default -Wall -Wextra -Werror, less
# -Wunused-parameter as php-src builds itself: every ZEND_METHOD receives return_value, used or not);
# RUNCLOUD_SETUP=skip when the packages are known to be there (the chroots).
# Ends with the line "all: N passed, N failed" and exits non-zero when anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(checks phpt valgrind asan sandbox integration browser bench-ssl fuzz soak pecl php84 php85 php86)
passed=0 failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
export TEST_PHP_EXECUTABLE=${TEST_PHP_EXECUTABLE:-$(command -v php)}
export EXTRA_CXXFLAGS=${EXTRA_CXXFLAGS--Wall -Wextra -Wno-unused-parameter -Werror}

# Every process a stage starts carries this run's token in its environment: what a stage left running is
# found by it, and never another run's processes (other runs may share the machine).
export RUNCLOUD_TEST_RUN=${RUNCLOUD_TEST_RUN:-run-$$-$RANDOM$RANDOM}

stage_start=$SECONDS
count() {  # count NAME PASSED FAILED, and the seconds since the previous count
  passed=$((passed + $2)); failed=$((failed + $3))
  echo "== $1: $2 passed, $3 failed ($((SECONDS - stage_start)) s)"
  stage_start=$SECONDS
}

# run-tests.php with the system php.ini kept out (-n); extra arguments go to run-tests. Environment for the
# PHP under test only (sanitizer runtimes, allocator) comes in the array phpt_env.
phpt_env=()
phpt() {
  local name=$1 so=$2; shift 2
  local out="$log/$name.out" p f
  env "${phpt_env[@]}" php "$run_tests" -n -d "extension=$so" -q --show-diff -j"$(nproc)" "$@" tests/ >"$out" 2>&1
  read -r p f < <(tally "$out")
  [ "$f" -eq 0 ] || tr '\r' '\n' <"$out" | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(FAIL|LEAK|SKIP|BORK|WARN|[0-9]{3}[+-])|\(warn: ' | head -n 200
  count "$name" "$p" "$f"
}

# tally OUT: "PASSED FAILED" of a run-tests output. Whatever did not pass (failed, leaked, warned, skipped,
# borked) counts as failed. run-tests has no switch to turn off its own second run of a test whose output
# looked like a load failure ("timed out", "connection refused", or any test calling sleep() or
# microtime()): a test that passed only then is a WARN, so it counts as failed too, and is named.
tally() {
  local p n
  p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$1" | head -n 1)
  n=$(sed -n 's/^Number of tests *: *\([0-9]*\).*/\1/p' "$1" | head -n 1)
  tr '\r' '\n' <"$1" | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^WARN \(.*\) (warn: Test passed on retry attempt)/  failed, then passed when run again (counted as failed): \1/p' >&2
  echo "${p:-0} $(( ${n:-1} - ${p:-0} ))"
}

# The counting above, proven on this PHP's run-tests: of a test that passes and one that fails at first and
# passes when run-tests runs it again, one passed and one failed.
retried_counts_as_failed() {
  local dir="$log/retried" p f
  mkdir -p "$dir/tests"
  printf '%s\n' '--TEST--' 'passes' '--FILE--' '<?php echo "ok\n";' '--EXPECT--' 'ok' >"$dir/tests/passes.phpt"
  # usleep() makes run-tests run the test again when it fails; the second run finds the first one's mark.
  printf '%s\n' '--TEST--' 'passes only when run again' '--FILE--' '<?php usleep(1);' \
    '$mark = __DIR__ . "/retried.mark";' \
    'if (is_file($mark)) { unlink($mark); echo "second\n"; } else { touch($mark); echo "first\n"; }' \
    '--EXPECT--' 'second' >"$dir/tests/retried.phpt"
  php "$run_tests" -n -q -j2 "$dir/tests" >"$dir/out" 2>&1
  read -r p f < <(tally "$dir/out" 2>"$dir/named")
  grep -q 'counted as failed): passes only when run again ' "$dir/named" && [ "$p" -eq 1 ] && [ "$f" -eq 1 ] ||
    { echo "passed $p, failed $f, expected 1 and 1 with the second test named:"; cat "$dir/named" "$dir/out"; return 1; }
}

suite() {  # a suite script ending with "N passed, N failed"
  local name=$1; shift
  local out="$log/$name.out"
  "$@" >"$out" 2>&1
  local rc=$? line
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
  local p f
  p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
  f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
  if [ -z "$line" ] || [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=$(( ${f:-0} + 1 )); fi
  [ "${f:-0}" -eq 0 ] || tail -n 60 "$out"
  grep -E '^(one process|php-fpm|fuzz|browser): ' "$out" | grep -v ' passed, ' || true   # the figures worth keeping
  count "$name" "${p:-0}" "${f:-0}"
}

chroot_stage() {  # chroot_stage NAME VERSION STAGE…: test.sh's stages on another PHP, summed into one line
  local name=$1 v=$2 suite; shift 2
  case $v in 8.4) suite=trixie ;; *) suite=sid ;; esac
  local out="$log/$name.out"
  if ! wait "${preparing[$suite]}"; then
    cat "$log/prepare-$suite.out"; count "$name" 0 1; return
  fi
  bash scripts/chroot.sh test "$v" "$@" >"$out" 2>&1
  local rc=$? p f
  # Each inner stage's line, then the inner total as this stage's figures.
  grep -E '^(PHP [0-9]|== )' "$out" | sed "s/^/  $name /"
  p=$(sed -n 's/^all: \([0-9]*\) passed.*/\1/p' "$out" | tail -n 1)
  f=$(sed -n 's/^all: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$out" | tail -n 1)
  if [ -z "$p" ] || { [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; }; then f=$(( ${f:-0} + 1 )); tail -n 40 "$out"
  elif [ "${f:-0}" -gt 0 ]; then grep -vE '^(PHP [0-9]|== |all: |total: |setup|build: |/|ok )|^ +[|^0-9]' "$out" | tail -n 80; fi
  count "$name" "${p:-0}" "${f:-0}"
}

left_behind() {  # pids of this run's processes that outlived their stage
  # Every process a stage starts inherits RUNCLOUD_TEST_RUN: the sandboxes and their watchdogs, MariaDB,
  # nginx, PHP-FPM, the browser. Whatever carries this run's token and is not this script or one of its
  # own children still at work (the chroots being prepared in the background) was left behind, daemons
  # that detached from their stage included.
  local e line pid ppid mine=" $$ "
  local -A parent=()
  for e in /proc/[0-9]*/stat; do
    { read -r line <"$e"; } 2>/dev/null || continue
    pid=${line%% *}; line=${line##*) }          # the command name may hold spaces: it ends at the last ')'
    ppid=${line#* }; parent[$pid]=${ppid%% *}
  done
  for pid in "${!parent[@]}"; do
    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "RUNCLOUD_TEST_RUN=$RUNCLOUD_TEST_RUN" || continue
    local up=$pid ours=0
    while [ -n "$up" ] && [ "$up" != 0 ] && [ "$up" != 1 ]; do
      case $mine in *" $up "*) ours=1; break ;; esac
      up=${parent[$up]:-}
    done
    [ $ours = 1 ] || echo "$pid"
  done
}

nothing_left() {  # nothing_left STAGE: one check that the stage left no process behind (they get 15 s to stop)
  local pids waited=0
  while pids=$(left_behind) && [ -n "$pids" ] && [ $waited -lt 15 ]; do sleep 1; waited=$((waited + 1)); done
  if [ -z "$pids" ]; then count "$1: no process left" 1 0; return; fi
  for pid in $pids; do echo "  left running: $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"; done
  kill $pids 2>/dev/null
  count "$1: no process left" 0 1
}

check() {  # a single check: a command that must succeed
  local name=$1; shift
  if "$@" >"$log/check.out" 2>&1; then count "$name" 1 0; else cat "$log/check.out"; count "$name" 0 1; fi
}

# Installing packages may start their services (and the chroots' may too): not this run's processes.
[ "${RUNCLOUD_SETUP:-}" = skip ] || env -u RUNCLOUD_TEST_RUN bash scripts/setup.sh || { echo "setup failed"; exit 1; }
# The chroots of the other PHP versions are prepared in the background while the host builds and runs its
# stages (after setup.sh: it installs debootstrap, and apt takes one installer at a time).
declare -A preparing=()
for stage in "${stages[@]}"; do
  case $stage in
    php84) suite=trixie ;; php85|php86) suite=sid ;; *) continue ;;
  esac
  [ -n "${preparing[$suite]:-}" ] && continue
  env -u RUNCLOUD_TEST_RUN bash scripts/chroot.sh prepare "$suite" >"$log/prepare-$suite.out" 2>&1 &
  preparing[$suite]=$!
done

bash scripts/build.sh || { echo "build failed"; echo "all: 0 passed, 1 failed"; exit 1; }
echo "setup and build: $SECONDS s"
stage_start=$SECONDS
so="$root/modules/runcloud.so"
run_tests="$root/run-tests.php"   # phpize copies the runner of the PHP it builds for

for stage in "${stages[@]}"; do
  case $stage in
    checks)
      check "stubs match the extension" php scripts/check-stub.php "$so"
      check "package.xml lists every file" php scripts/package.php --check
      check "IDE stub made from runcloud.stub.php" php scripts/ide-stub.php --check
      check "IDE stub: no problem in Intelephense" bash scripts/check-ide-stub.sh
      check "documents stand alone" bash scripts/check-docs.sh
      check "every PHPT has --EXTENSIONS-- and --SKIPIF--" bash scripts/check-phpt.sh
      check "clang-tidy: no finding" bash scripts/clang-tidy.sh
      check "plugin: PHPStan level 6 and phpcs (WordPress), no finding" bash scripts/php-qa.sh ;;
    phpt)
      phpt phpt "$so"
      check "phpt: a test that passes only when run-tests runs it again counts as failed" retried_counts_as_failed
      nothing_left phpt ;;
    valgrind)
      # -m: every test under valgrind memcheck; any error or leak fails it. The sandbox processes the tests
      # start are not ours to check (and PCRE's JIT confuses memcheck there): valgrind leaves them alone.
      phpt_env=(VALGRIND_OPTS="--trace-children-skip-by-arg=*runcloud-sandbox*" USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1)
      phpt valgrind "$so" -m
      phpt_env=()
      nothing_left valgrind ;;
    asan)
      bash scripts/build.sh --sanitize "$log/asan" >/dev/null || { count asan 0 1; continue; }
      phpt_env=(ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:verify_asan_link_order=0
                LSAN_OPTIONS=suppressions="$root/scripts/lsan.supp":print_suppressions=0
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1
                LD_PRELOAD="$log/asan/no-deepbind.so $(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)")
      phpt asan "$log/asan/modules/runcloud.so"
      phpt_env=()
      nothing_left asan ;;
    sandbox) suite sandbox bash sandbox/tests/run.sh; nothing_left sandbox ;;
    integration) suite integration env RUNCLOUD_EXT="$so" bash integration/tests/run.sh; nothing_left integration ;;
    browser) suite browser env RUNCLOUD_EXT="$so" bash integration/browser/run.sh; nothing_left browser ;;
    fuzz) suite fuzz bash fuzz/run.sh --ci ;;
    soak) suite soak env RUNCLOUD_EXT="$so" bash soak/run.sh; nothing_left soak ;;
    bench-ssl) suite bench-ssl env RUNCLOUD_EXT="$so" bash bench/ssl/test.sh; nothing_left bench-ssl ;;
    pecl) suite pecl bash scripts/pecl-check.sh; nothing_left pecl ;;
    # 8.4: the integration suite on two of the three Ultimate Multisite releases (every case on the
    # newest and on 2.4.13-beta.1; 2.4.10 runs on the host's 8.2), to keep CI's time in bounds.
    php84) RCI_GENERATIONS="new latest" chroot_stage php84 8.4 phpt sandbox integration ;;
    php85) chroot_stage php85 8.5 phpt ;;
    php86) chroot_stage php86 8.6 phpt valgrind ;;
    *) echo "unknown stage $stage"; exit 2 ;;
  esac
done
echo "total: $SECONDS s"
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
