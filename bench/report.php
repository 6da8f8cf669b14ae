<?php
// Turns the raw results of bench.php into the tables (Markdown, so they can go into the README as they
// are) and checks the targets, printing PASS or MISS for each. A miss is reported, not fatal: this is a
// measurement. Only ratios taken inside one run mean anything on a shared machine, so every ratio is the
// median over rounds of the ratio measured within a round.
//
//   php report.php RESULTS.json

declare(strict_types=1);

$file = $argv[1] ?? null;
$r = $file !== null ? json_decode((string) file_get_contents($file), true) : null;
if (!is_array($r)) {
    fwrite(STDERR, "usage: php report.php RESULTS.json (as written by bench.php)\n");
    exit(2);
}
$meta = $r['meta'];
$set = $meta['settings'];
$hasExt = $meta['extension'] !== null;
$ref = $hasExt ? 'ext' : 'floor';   // what the ratios are taken against
$checks = [];

echo "## RunCloud client benchmark\n\n";
printf("%s; %s, %d cores; PHP %s; libcurl %s; %s; extension %s.\n\n", $meta['date'], $meta['cpu'], $meta['cores'],
    $meta['php'], $meta['curl'], $meta['nginx'], $hasExt ? ($meta['extension'] ?: 'loaded') : 'NOT AVAILABLE');
$defaults = ['n' => 100, 'rounds' => 9, 'lat_n' => 8, 'lat_rounds' => 3, 'latency_ms' => 20, 'sync_names' => 500,
             'fpm_requests' => 100];
$envNames = ['n' => 'BENCH_N', 'rounds' => 'BENCH_ROUNDS', 'lat_n' => 'BENCH_LAT_N', 'lat_rounds' => 'BENCH_LAT_ROUNDS',
             'latency_ms' => 'BENCH_LATENCY_MS', 'sync_names' => 'BENCH_SYNC_NAMES', 'fpm_requests' => 'BENCH_FPM_REQUESTS'];
$changed = '';
foreach ($defaults as $k => $v) {
    if (($set[$k] ?? $v) !== $v) {
        $changed .= "{$envNames[$k]}={$set[$k]} ";
    }
}
echo "Command: `{$changed}bench/run.sh`\n\n";
if (!$hasExt) {
    echo "**The extension was not available: ratios are to the C++ floor and its targets are not checked.**\n\n";
}

// --- canned server ---------------------------------------------------------------------------------------
printf("### Canned API (nginx on loopback): %d measured flows per run after 3 warm-up flows, %d interleaved rounds\n\n",
    $set['n'], $set['rounds']);
echo "CPU is the client process's user+sys time over the measured flows, divided by the API calls. Connections\n"
   . "and TLS handshakes are counted by the server over the whole run (warm-up included); \"full\" handshakes\n"
   . "are those without session resumption. Ratios are to `$ref` (medians of per-round ratios).\n\n";
$canned = group($r['canned'], static fn ($x) => "{$x['proto']} {$x['flow']}");
$cpuRatio = [];   // [proto flow][driver] => median of cpu ratio to ref
$notes = [];
$cpuFlowRatio = [];   // the same per flow: the extension may need fewer calls for a flow
$cpuVsFloor = [];     // CPU per call to the floor's: what the floor itself would score on a target
foreach ($canned as $key => $runs) {
    [$proto, $flow] = explode(' ', $key);
    $label = ($flow === 'add' ? 'add a domain + redeploy SSL' : 'find + remove a domain') . ' over ' . strtoupper($proto);
    echo "#### $label\n\n";
    echo "| client | calls/flow | CPU µs/call | CPU × $ref | CPU µs/flow | wall ms/flow | wall × $ref | TCP conns/run | TLS handshakes/run (full) | HTTP |\n";
    echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n";
    $byDriver = group($runs, static fn ($x) => $x['driver']);
    foreach (driver_order(array_keys($byDriver)) as $driver) {
        $ok = array_values(array_filter($byDriver[$driver], static fn ($x) => !isset($x['error'])));
        if ($ok === []) {
            echo "| $driver | failed: " . cell($byDriver[$driver][0]['error']) . " ||||||||| \n";
            continue;
        }
        $cpu = median(array_map('cpu_per_call', $ok));
        $cpuFlow = median(array_map(static fn ($x) => $x['cpu_us'] / $x['flows'], $ok));
        $wall = median(array_map(static fn ($x) => $x['wall_s'] * 1000 / $x['flows'], $ok));
        $cr = round_ratio($runs, $driver, $ref, 'cpu_per_call');
        $wr = round_ratio($runs, $driver, $ref, static fn ($x) => $x['wall_s'] / $x['flows']);
        $cpuRatio[$key][$driver] = $cr;
        $cpuFlowRatio[$key][$driver] = round_ratio($runs, $driver, $ref, static fn ($x) => $x['cpu_us'] / $x['flows']);
        $cpuVsFloor[$key][$driver] = round_ratio($runs, $driver, 'floor', 'cpu_per_call');
        $s = $ok[0]['server'];
        $tls = $proto === 'https' ? median(array_column(array_column($ok, 'server'), 'tls_handshakes'))
            . ' (' . median(array_column(array_column($ok, 'server'), 'tls_full')) . ')' : '–';
        printf("| %s | %s | %.1f | %s | %.0f | %.3f | %s | %s | %s | %s |\n", $driver, fmt(calls_per_flow($ok[0]), 2), $cpu,
            ratio($cr), $cpuFlow, $wall, ratio($wr), median(array_column(array_column($ok, 'server'), 'connections')), $tls,
            implode(', ', array_keys($s['protocols'])));
        foreach ($ok as $x) {
            if ($x['calls'] !== null && $x['calls'] !== measured_calls($x)) {
                $notes[] = "(!) $label: $driver counted {$x['calls']} calls, the server saw " . measured_calls($x);
                break;
            }
        }
    }
    echo "\n";
}

if ($notes !== []) {
    echo implode("\n", array_unique($notes)), "\n\n";
}

// --- PHP-FPM -------------------------------------------------------------------------------------------
if ($r['fpm'] !== []) {
    printf("### %d separate PHP requests served by one PHP-FPM worker, each doing the add-domain flow over HTTPS\n\n",
        $set['fpm_requests']);
    echo "| client | PHP requests ok | FPM workers seen | API calls | TCP conns | TLS handshakes (full) |\n|---|--:|--:|--:|--:|--:|\n";
    foreach ($r['fpm'] as $x) {
        $s = $x['server'];
        printf("| %s | %d of %d | %d | %d | %d | %d (%d) |\n", $x['client'], $x['ok'], $x['requests'], $x['workers'],
            $s['requests'], $s['connections'], $s['tls_handshakes'], $s['tls_full']);
        if ($x['errors'] !== []) {
            echo "\n(!) {$x['client']}: " . cell(implode('; ', $x['errors'])) . "\n\n";
        }
    }
    echo "\n";
}

// --- sandbox with latency ----------------------------------------------------------------------------
$lat = $set['latency_ms'];
$modelLabel = [
    'answer' => "$lat ms added by the sandbox to every answer",
    'rtt' => "$lat ms network round trip (every byte delayed by a proxy, so connecting and TLS cost round trips too)",
];
$latRatio = [];   // [model][flow][driver] => ratio to ref, ms over the floor
foreach (group($r['latency'], static fn ($x) => $x['model']) as $model => $modelRuns) {
    printf("### Sandbox (%s), %s: %d measured flows per run after 1 warm-up flow, %d rounds\n\n",
        $meta['sandbox_mode'] === 'tls' ? 'HTTPS through its nginx, keep-alive' : 'plain php -S, which closes every connection',
        $modelLabel[$model] ?? $model, $set['lat_n'], $set['lat_rounds']);
    echo "| flow | client | calls/flow | wall ms/flow | wall × $ref | over the floor, in round trips | TCP conns/run |\n|---|---|--:|--:|--:|--:|--:|\n";
    foreach (group($modelRuns, static fn ($x) => $x['flow']) as $flow => $runs) {
        $byDriver = group($runs, static fn ($x) => $x['driver']);
        foreach (driver_order(array_keys($byDriver)) as $driver) {
            $ok = array_values(array_filter($byDriver[$driver], static fn ($x) => !isset($x['error'])));
            if ($ok === []) {
                echo "| $flow | $driver | failed: " . cell($byDriver[$driver][0]['error']) . " |||||\n";
                continue;
            }
            $wall = median(array_map(static fn ($x) => $x['wall_s'] * 1000 / $x['flows'], $ok));
            $wr = round_ratio($runs, $driver, $ref, static fn ($x) => $x['wall_s'] / $x['flows']);
            $over = round_diff($runs, $driver, 'floor', static fn ($x) => $x['wall_s'] * 1000 / $x['flows']);
            $latRatio[$model][$flow][$driver] = ['ratio' => $wr, 'over_ms' => $over];
            printf("| %s | %s | %s | %.1f | %s | %s | %s |\n", $flow, $driver, fmt(calls_per_flow($ok[0]), 2),
                $wall, ratio($wr), $over === null ? '–' : sprintf('%+.2f', $over / max(1, $lat)),
                median(array_column(array_column($ok, 'server'), 'connections')));
        }
    }
    echo "\n";
}
$syncWall = [];   // [model][flow] => wall s
foreach (group($r['sync'], static fn ($x) => $x['model']) as $model => $runs) {
    printf("### %d names, the extension alone, a fresh web app each time; %s\n\n", $set['sync_names'],
        $modelLabel[$model] ?? $model);
    echo "| operation | API calls | TCP conns | wall s | × syncDomains |\n|---|--:|--:|--:|--:|\n";
    foreach ($runs as $x) {
        if (!isset($x['error'])) {
            $syncWall[$model][$x['flow']] = $x['wall_s'];
        }
    }
    $labels = ['onebyone' => 'addDomain() one by one', 'sync' => 'syncDomains()', 'bulk' => 'addDomains()'];
    foreach ($runs as $x) {
        $label = $labels[$x['flow']] ?? $x['flow'];
        if (isset($x['error'])) {
            echo "| $label | failed: " . cell($x['error']) . " ||||\n";
            continue;
        }
        $base = $syncWall[$model]['sync'] ?? null;
        printf("| %s | %d | %d | %.2f | %s |\n", $label, $x['server']['requests'], $x['server']['connections'],
            $x['wall_s'], $base ? ratio($x['wall_s'] / $base) : '–');
    }
    echo "\n";
}

// --- targets ------------------------------------------------------------------------------------------
echo "### Targets\n\n";
$target = static function (string $what, ?bool $pass, string $figure) use (&$checks): void {
    $checks[] = [$what, $pass, $figure];
};
foreach ($cpuRatio as $key => $ratios) {
    $ext = $ratios['ext'] ?? null;
    if (!$hasExt) {
        $target("extension CPU/call ≤ 1.15 × floor ($key)", null, 'no extension');
        continue;
    }
    $perFlow = $cpuFlowRatio[$key] ?? [];
    $floor = isset($ratios['floor']) ? 1 / $ratios['floor'] : null;   // ratios are driver/ext; want ext/floor
    $target("extension CPU/call ≤ 1.15 × floor ($key)", $floor === null ? null : $floor <= 1.15,
        $floor === null ? 'no floor figure' : sprintf('%.3f× (per flow: %.2f×)', $floor, 1 / $perFlow['floor']));
    foreach (['requests' => 5, 'guzzle' => 3] as $other => $times) {
        $x = $ratios[$other] ?? null;
        $target("≥ {$times}× less CPU/call than $other ($key)", $x === null ? null : $x >= $times,
            $x === null ? 'no figure' : sprintf('%.2f× (per flow: %.2f×; the floor itself: %.2f×)', $x, $perFlow[$other],
                $cpuVsFloor[$key][$other] ?? NAN));
    }
}
$fpmExt = array_values(array_filter($r['fpm'], static fn ($x) => $x['client'] === 'ext'))[0] ?? null;
$target("one TLS handshake across {$set['fpm_requests']} PHP-FPM requests", $fpmExt === null ? null
    : $fpmExt['server']['tls_handshakes'] === 1 && $fpmExt['ok'] === $fpmExt['requests'] && $fpmExt['workers'] === 1,
    $fpmExt === null ? 'no extension' : "{$fpmExt['server']['tls_handshakes']} handshakes, {$fpmExt['server']['connections']} connections, {$fpmExt['ok']}/{$fpmExt['requests']} ok");
foreach (['answer' => 'answer latency', 'rtt' => 'network RTT'] as $model => $how) {
    $add = $latRatio[$model]['add'] ?? [];
    $over = $hasExt ? ($add['ext']['over_ms'] ?? null) : null;
    $target("add-domain at {$lat} ms $how: ≤ 2 round trips over the floor", $over === null ? null : $over <= 2 * $lat,
        $over === null ? 'not measured' : sprintf('%+.1f ms = %+.2f round trips', $over, $over / max(1, $lat)));
    $vsNew = $hasExt ? ($add['curl-new']['ratio'] ?? null) : null;
    $target("add-domain at {$lat} ms $how: ≥ 3× faster than a new handle per call", $vsNew === null ? null : $vsNew >= 3,
        $vsNew === null ? 'not measured' : sprintf('%.2f×', $vsNew));
    $w = $syncWall[$model] ?? null;
    if ($w === null) {
        continue;   // the sync comparison runs with the answer latency only
    }
    $syncX = isset($w['onebyone'], $w['sync']) ? $w['onebyone'] / $w['sync'] : null;
    $target("syncDomains of {$set['sync_names']} names at {$lat} ms $how: ≥ 5× faster than one by one",
        $syncX === null ? null : $syncX >= 5, $syncX === null ? 'not measured' : sprintf('%.2f×', $syncX));
}

echo "| target | result | figure |\n|---|---|---|\n";
foreach ($checks as [$what, $pass, $figure]) {
    printf("| %s | %s | %s |\n", $what, $pass === null ? 'n/a' : ($pass ? 'PASS' : 'MISS'), $figure);
}
echo "\n";

// --- helpers ---------------------------------------------------------------------------------------------

function group(array $rows, callable $key): array
{
    $out = [];
    foreach ($rows as $row) {
        $out[$key($row)][] = $row;
    }
    return $out;
}

function driver_order(array $drivers): array
{
    $order = ['ext', 'floor', 'curl-reuse', 'curl-new', 'guzzle', 'requests'];
    usort($drivers, static fn ($a, $b) => (array_search($a, $order, true) ?? 99) <=> (array_search($b, $order, true) ?? 99));
    return $drivers;
}

/** API calls the server saw during the measured loop (between the driver's markers), per flow. */
function calls_per_flow(array $x): float
{
    return measured_calls($x) / max(1, $x['flows']);
}

function measured_calls(array $x): int
{
    return $x['server']['measured'] ?? (int) round($x['server']['requests'] * $x['flows'] / max(1, $x['flows'] + $x['warmup']));
}

function cpu_per_call(array $x): float
{
    return $x['cpu_us'] / max(1, measured_calls($x));
}

function median(array $v): float|int|null
{
    $v = array_values(array_filter($v, static fn ($x) => $x !== null));
    if ($v === []) {
        return null;
    }
    sort($v);
    $n = count($v);
    return $n % 2 ? $v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
}

/** Median over rounds of metric(driver) / metric(ref), both taken in the same round. */
function round_ratio(array $runs, string $driver, string $ref, callable $metric): ?float
{
    $per = [];
    foreach (group($runs, static fn ($x) => $x['round']) as $round) {
        $d = array_values(array_filter($round, static fn ($x) => $x['driver'] === $driver && !isset($x['error'])))[0] ?? null;
        $b = array_values(array_filter($round, static fn ($x) => $x['driver'] === $ref && !isset($x['error'])))[0] ?? null;
        if ($d !== null && $b !== null && $metric($b) > 0) {
            $per[] = $metric($d) / $metric($b);
        }
    }
    return median($per);
}

/** Median over rounds of metric(driver) - metric(ref), both taken in the same round. */
function round_diff(array $runs, string $driver, string $ref, callable $metric): ?float
{
    $per = [];
    foreach (group($runs, static fn ($x) => $x['round']) as $round) {
        $d = array_values(array_filter($round, static fn ($x) => $x['driver'] === $driver && !isset($x['error'])))[0] ?? null;
        $b = array_values(array_filter($round, static fn ($x) => $x['driver'] === $ref && !isset($x['error'])))[0] ?? null;
        if ($d !== null && $b !== null) {
            $per[] = $metric($d) - $metric($b);
        }
    }
    return median($per);
}

function ratio(?float $x): string
{
    return $x === null ? '–' : sprintf('%.2f', $x);
}

function fmt(float $x, int $decimals): string
{
    return rtrim(rtrim(number_format($x, $decimals, '.', ''), '0'), '.');
}

function cell(string $s): string
{
    return str_replace(['|', "\n"], ['\\|', ' '], mb_substr($s, 0, 200));
}
