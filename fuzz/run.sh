#!/usr/bin/env bash
# Builds the fuzzer with clang (libFuzzer, ASan, UBSan) and runs it over the committed seed corpus.
#   fuzz/run.sh --ci         a short run (FUZZ_SECONDS, default 60)
#   fuzz/run.sh 3600         a longer one, in seconds
# New interesting inputs go to a scratch corpus, never into the committed one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-600}
[ "$seconds" = "--ci" ] && seconds=${FUZZ_SECONDS:-60}
build="$here/build"
mkdir -p "$build" "$build/corpus"
flags="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -g -O1 -std=c++17"
clang++ $flags $(pkg-config --cflags simdjson libidn2 libcurl) "$here/decode_fuzzer.cpp" "$here/../src/engine/json.cpp" "$here/../src/engine/names.cpp" \
  "$here/../src/engine/transport/http.cpp" "$here/../src/engine/transport/pacing.cpp" "$here/../src/engine/redact.cpp" $(pkg-config --libs simdjson libidn2 libcurl) -o "$build/decode_fuzzer"
log="$build/fuzz.log"
if "$build/decode_fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
     "$build/corpus" "$here/corpus" >"$log" 2>&1; then
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz: ${runs:-?} executions in ${seconds}s, no crash, no leak"
  echo "fuzz: 1 passed, 0 failed"
else
  tail -n 40 "$log"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi
