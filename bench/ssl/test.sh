#!/usr/bin/env bash
# The SSL benchmark's smoke test: runs `run.sh --smoke` (20 domains, about a minute) and checks what
# it measured (check.php), so the benchmark cannot rot unnoticed. Last line:
#   bench-ssl smoke: N passed, N failed
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp -d "${TMPDIR:-/tmp}/rcb-ssl-smoke.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
BENCH_RESULTS="$OUT/results" bash "$HERE/run.sh" --smoke >"$OUT/report.md" 2>"$OUT/run.err"
STATUS=$?
cat "$OUT/report.md"
if [ "$STATUS" -ne 0 ]; then
	tail -n 20 "$OUT/run.err" >&2
	echo "bench-ssl smoke: 0 passed, 1 failed"
	exit 1
fi
${PHP:-php} "$HERE/check.php" "$OUT/results" "$OUT/report.md"
