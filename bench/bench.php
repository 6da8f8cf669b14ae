<?php
// Runs every driver against the servers run.sh started and prints the raw results as JSON on stdout
// (progress goes to stderr). report.php turns them into the table. Not meant to be run by hand: run.sh
// passes the servers' addresses in BENCH_* variables.
//
// Connections and TLS handshakes are counted at the server, never by the client: nginx logs nginx's
// connection serial number and whether the TLS session was resumed, and the sandbox's journal names the
// connection of every call. Each driver run is one process; its slice of the log is its share.

declare(strict_types=1);

const DRIVERS = ['ext', 'floor', 'curl-reuse', 'curl-new', 'guzzle', 'requests'];
const RUN_TIMEOUT_S = 300;   // no single driver run may take longer than this

$cfg = [
    'tmp' => env('BENCH_TMP'),
    'floor' => env('BENCH_FLOOR'),
    'ext' => env('BENCH_EXT', ''),
    'token' => env('BENCH_TOKEN'),
    'ca' => env('BENCH_CA'),
    'http' => env('BENCH_HTTP'),
    'https' => env('BENCH_HTTPS'),
    'front' => env('BENCH_FRONT'),
    'api_log' => env('BENCH_API_LOG'),
    'sandbox' => json_decode(env('BENCH_SANDBOX', '') ?: 'null', true),
    'sandbox_mode' => env('BENCH_SANDBOX_MODE', ''),
    'rtt_port' => (int) env('BENCH_RTT_PORT', '0'),
    'n' => max(1, (int) env('BENCH_N', '100')),
    'rounds' => max(1, (int) env('BENCH_ROUNDS', '9')),
    'lat_n' => max(1, (int) env('BENCH_LAT_N', '8')),
    'lat_rounds' => max(1, (int) env('BENCH_LAT_ROUNDS', '3')),
    'latency_ms' => (int) env('BENCH_LATENCY_MS', '20'),
    'sync_names' => max(1, (int) env('BENCH_SYNC_NAMES', '500')),
    'fpm_requests' => max(1, (int) env('BENCH_FPM_REQUESTS', '100')),
];
$drivers = array_values(array_filter(DRIVERS, static fn ($d) => $d !== 'ext' || $cfg['ext'] !== ''));

$results = [
    'meta' => meta($cfg),
    'canned' => [],
    'fpm' => [],
    'latency' => [],
    'sync' => [],
];
$log = new ApiLog($cfg['api_log']);
progress('running ' . implode(', ', $drivers));

// --- 1. the canned server: CPU per call, connections and handshakes -------------------------------------
// Interleaved rounds, every driver once per round, in alternating order, so slow drift of a noisy machine
// hits every driver alike; the report takes medians of per-round ratios.
for ($round = 1; $round <= $cfg['rounds']; $round++) {
    $order = $round % 2 === 1 ? $drivers : array_reverse($drivers);
    foreach (['http', 'https'] as $proto) {
        foreach (['add', 'remove'] as $flow) {
            foreach ($order as $driver) {
                $from = $log->size();
                $run = run_driver($cfg, $driver, [
                    'base' => $cfg[$proto], 'ca' => $proto === 'https' ? $cfg['ca'] : '',
                    'flow' => $flow, 'n' => $cfg['n'], 'warmup' => 3, 'name' => 'shop.example.com',
                ]);
                $results['canned'][] = ['round' => $round, 'proto' => $proto, 'flow' => $flow] + $run
                    + ['server' => $log->stats($from)];
            }
        }
    }
    progress("canned server: round $round of {$cfg['rounds']} done");
}

// --- 2. PHP-FPM: separate PHP requests served by one worker ----------------------------------------------
foreach (array_merge($cfg['ext'] !== '' ? ['ext'] : [], ['curl-reuse', 'curl-new']) as $client) {
    $from = $log->size();
    $results['fpm'][] = ['client' => $client] + fpm_requests($cfg, $client) + ['server' => $log->stats($from)];
}
progress('PHP-FPM test done');

// --- 3. the sandbox with latency ---------------------------------------------------------------------------
// Two models of the same latency L. "answer": the sandbox holds every answer L ms (its latency_ms), which
// costs a new connection nothing extra on loopback. "rtt": the sandbox answers at once but every byte
// crosses rttproxy half of L late each way, so a new TCP connection costs L and a TLS handshake L more,
// as on a network.
if ($cfg['sandbox'] !== null) {
    $sandbox = new Sandbox($cfg['sandbox'], $cfg['tmp'] . '/seed.json');
    $models = [
        'answer' => ['latency_ms' => $cfg['latency_ms'], 'base' => $sandbox->api],
        'rtt' => ['latency_ms' => 0, 'base' => preg_replace('#^(https?://[^/:]+):\d+#', '${1}:' . $cfg['rtt_port'], $sandbox->api)],
    ];
    foreach ($models as $model => $m) {
        $sandbox->reset($m['latency_ms']);
        for ($round = 1; $round <= $cfg['lat_rounds']; $round++) {
            $order = $round % 2 === 1 ? $drivers : array_reverse($drivers);
            foreach ($order as $driver) {
                // The add flow makes the names; the remove flow then removes the same ones.
                foreach (['add', 'remove'] as $flow) {
                    $sandbox->clearJournal();
                    $run = run_driver($cfg, $driver, [
                        'base' => $m['base'], 'ca' => $sandbox->ca, 'flow' => $flow,
                        'n' => $cfg['lat_n'], 'warmup' => 1, 'name' => "lat-$model-$round-$driver-%d.test",
                    ]);
                    $results['latency'][] = ['model' => $model, 'round' => $round, 'flow' => $flow] + $run
                        + ['server' => $sandbox->stats()];
                }
            }
            progress("sandbox, $model latency: round $round of {$cfg['lat_rounds']} done");
        }
        // syncDomains of many names against adding them one by one, with the sandbox's answer latency
        // only (one connection serves it all, so the network model would tell nothing more); a fresh web
        // app for each.
        if ($cfg['ext'] === '' || $model !== 'answer') {
            continue;
        }
        foreach (['onebyone', 'sync', 'bulk'] as $flow) {
            $sandbox->reset($m['latency_ms']);
            $sandbox->clearJournal();
            $run = run_driver($cfg, 'ext', [
                'base' => $m['base'], 'ca' => $sandbox->ca, 'flow' => $flow,
                'n' => $cfg['sync_names'], 'warmup' => $flow === 'onebyone' ? 1 : 0, 'name' => "$flow-%d.test",
            ]);
            $results['sync'][] = ['model' => $model, 'flow' => $flow, 'names' => $cfg['sync_names']] + $run
                + ['server' => $sandbox->stats()];
            progress("sandbox, $model latency: $flow of {$cfg['sync_names']} names done");
        }
    }
}

echo json_encode($results, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";

// ---------------------------------------------------------------------------------------------------------

function env(string $name, ?string $default = null): string
{
    $v = getenv($name);
    if ($v === false) {
        if ($default === null) {
            fwrite(STDERR, "bench.php: $name is not set (run bench/run.sh)\n");
            exit(2);
        }
        return $default;
    }
    return $v;
}

function progress(string $line): void
{
    static $t0 = null;
    $t0 ??= microtime(true);
    fprintf(STDERR, "bench: [%3.0fs] %s\n", microtime(true) - $t0, $line);
}

/** Runs one driver process; returns its result line, or an error. */
function run_driver(array $cfg, string $driver, array $args): array
{
    $cmd = match ($driver) {
        'floor' => [$cfg['floor']],
        'ext' => [PHP_BINARY, '-d', 'extension=' . $cfg['ext'], __DIR__ . '/drivers/ext.php'],
        default => [PHP_BINARY, __DIR__ . "/drivers/$driver.php"],
    };
    $args += ['token' => $cfg['token']];
    foreach ($args as $k => $v) {
        $cmd[] = "--$k=$v";
    }
    [$rc, $out, $err] = run_command($cmd, RUN_TIMEOUT_S);
    $line = json_decode(trim((string) strrchr("\n" . trim($out), "\n")), true);
    if ($rc !== 0 || !is_array($line)) {
        $error = trim($err) !== '' ? trim($err) : "exit code $rc";
        progress("$driver {$args['flow']} failed: $error");
        return ['driver' => $driver, 'error' => mb_substr($error, 0, 500)];
    }
    usleep(20000);   // lets the server write its log line for the last answer
    return $line;
}

/** @return array{int,string,string} exit code, stdout, stderr; the process is killed after $timeout s */
function run_command(array $cmd, int $timeout): array
{
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($p)) {
        return [127, '', 'cannot start ' . $cmd[0]];
    }
    $out = $err = '';
    $end = microtime(true) + $timeout;
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    while (!feof($pipes[1]) || !feof($pipes[2])) {
        if (microtime(true) > $end) {
            proc_terminate($p, 9);
            $err .= "\nkilled after {$timeout}s";
            break;
        }
        $r = array_filter([$pipes[1], $pipes[2]], static fn ($s) => !feof($s));
        $w = $x = null;
        if (stream_select($r, $w, $x, 1) > 0) {
            foreach ($r as $s) {
                $chunk = (string) fread($s, 65536);
                $s === $pipes[1] ? $out .= $chunk : $err .= $chunk;
            }
        }
    }
    fclose($pipes[1]);
    fclose($pipes[2]);
    return [proc_close($p), $out, $err];
}

/** Sends the PHP-FPM test's separate requests through nginx to the one worker. */
function fpm_requests(array $cfg, string $client): array
{
    $h = curl_init();
    $ok = 0;
    $pids = [];
    $errors = [];
    $t0 = hrtime(true);
    for ($i = 0; $i < $cfg['fpm_requests']; $i++) {
        curl_setopt_array($h, [CURLOPT_URL => $cfg['front'] . '?client=' . $client, CURLOPT_RETURNTRANSFER => true,
                               CURLOPT_TIMEOUT => 30]);
        $answer = json_decode((string) curl_exec($h), true);
        if (is_array($answer)) {
            $pids[$answer['pid'] ?? 0] = true;
            ($answer['ok'] ?? false) ? $ok++ : $errors[] = $answer['error'] ?? 'failed';
        } else {
            $errors[] = 'HTTP ' . curl_getinfo($h, CURLINFO_RESPONSE_CODE) . ' ' . curl_error($h);
        }
    }
    return ['requests' => $cfg['fpm_requests'], 'ok' => $ok, 'workers' => count($pids),
            'wall_s' => round((hrtime(true) - $t0) / 1e9, 6), 'errors' => array_slice(array_unique($errors), 0, 3)];
}

/** The canned API's access log (format "bench" in canned/nginx.conf.in). */
final class ApiLog
{
    public function __construct(private string $file)
    {
    }

    public function size(): int
    {
        clearstatcache(true, $this->file);
        return is_file($this->file) ? filesize($this->file) : 0;
    }

    /**
     * Requests, distinct connections and TLS handshakes in the log after byte $from, leaving out the
     * drivers' marker requests and their connections; "measured" counts the requests between the markers.
     */
    public function stats(int $from): array
    {
        $text = (string) file_get_contents($this->file, false, null, $from);
        $rows = [];
        foreach (explode("\n", trim($text)) as $line) {
            if (preg_match('/^(\d+) \d+ \d+ "([^"]*)" "([^"]*)" (\S+) \S+ (\d+) (\S*)/', $line, $m)) {
                $rows[] = ['conn' => $m[1], 'tls' => $m[2] !== '' && $m[2] !== '-' ? $m[2] : null,
                           'full' => $m[3] === '.', 'protocol' => $m[4], 'status' => (int) $m[5], 'uri' => $m[6]];
            }
        }
        return server_stats($rows);
    }
}

/**
 * Counts over one run's requests, each ['conn', 'status', 'uri', and for TLS 'tls' (version), 'full',
 * 'protocol']. The marker requests split the run: requests between them are the measured loop's.
 */
function server_stats(array $rows): array
{
    $markerConns = [];
    foreach ($rows as $row) {
        if (str_contains($row['uri'], 'bench_mark=')) {
            $markerConns[$row['conn']] = true;
        }
    }
    $conns = $tls = $full = $protocols = [];
    $requests = $errors = 0;
    $measured = null;
    $inside = false;
    foreach ($rows as $row) {
        if (preg_match('/bench_mark=(start|end)/', $row['uri'], $m)) {
            $inside = $m[1] === 'start';
            $measured ??= 0;
            continue;
        }
        if (isset($markerConns[$row['conn']])) {
            continue;
        }
        $requests++;
        if ($inside) {
            $measured++;
        }
        $errors += $row['status'] === 200 ? 0 : 1;
        $conns[$row['conn']] = true;
        if (isset($row['protocol'])) {
            $protocols[$row['protocol']] = ($protocols[$row['protocol']] ?? 0) + 1;
        }
        if (($row['tls'] ?? null) !== null) {
            $tls[$row['conn']] = $row['tls'];
            if ($row['full']) {
                $full[$row['conn']] = true;
            }
        }
    }
    return ['requests' => $requests, 'measured' => $measured, 'non_200' => $errors, 'connections' => count($conns),
            'tls_handshakes' => count($tls), 'tls_full' => count($full),
            'tls_versions' => array_count_values(array_values($tls)), 'protocols' => $protocols];
}

/** The repository's sandbox, driven through its admin API (sandbox/INTERFACE.md). */
final class Sandbox
{
    public string $api;
    public string $ca;
    private string $url;
    private string $secret;
    private string $seed;

    public function __construct(array $info, string $seedFile)
    {
        $this->api = $info['api_v3'];
        $this->url = $info['url'];
        $this->ca = (string) ($info['ca'] ?? '');
        $this->secret = $info['admin_secret'];
        $this->seed = (string) file_get_contents($seedFile);
    }

    /** An empty web app (primary domain and certificate only), a high rate limit, this latency. */
    public function reset(int $latencyMs): void
    {
        $this->admin('POST', '/__sandbox/reset', '{}');
        $this->admin('POST', '/__sandbox/seed', $this->seed);
        $this->admin('POST', '/__sandbox/config', json_encode(['latency_ms' => $latencyMs]));
    }

    public function clearJournal(): void
    {
        $this->admin('DELETE', '/__sandbox/journal');
    }

    /** Requests and distinct connections the sandbox saw on the API since the journal was cleared. */
    public function stats(): array
    {
        $entries = $this->admin('GET', '/__sandbox/journal')['data'] ?? [];
        usort($entries, static fn ($a, $b) => ($a['id'] ?? 0) <=> ($b['id'] ?? 0));
        $rows = [];
        foreach ($entries as $e) {
            $path = (string) ($e['path'] ?? '');
            if (str_starts_with($path, '/api/')) {
                $rows[] = ['conn' => (string) ($e['connection'] ?? ''), 'status' => (int) ($e['status'] ?? 0),
                           'uri' => $path . '?' . http_build_query((array) ($e['query'] ?? []))];
            }
        }
        return server_stats($rows);
    }

    private function admin(string $method, string $path, ?string $body = null): array
    {
        $h = curl_init($this->url . $path);
        $headers = ['X-Sandbox-Admin: ' . $this->secret, 'Accept: application/json'];
        $options = [CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 60];
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            $options[CURLOPT_POSTFIELDS] = $body;
        }
        if ($this->ca !== '') {
            $options[CURLOPT_CAINFO] = $this->ca;
        }
        curl_setopt_array($h, $options + [CURLOPT_HTTPHEADER => $headers]);
        $raw = curl_exec($h);
        $status = curl_getinfo($h, CURLINFO_RESPONSE_CODE);
        if ($raw === false || $status !== 200) {
            throw new RuntimeException("sandbox $method $path: " . ($raw === false ? curl_error($h) : "HTTP $status $raw"));
        }
        return json_decode($raw, true) ?? [];
    }
}

function meta(array $cfg): array
{
    $cpu = preg_match('/^model name\s*:\s*(.+)$/m', (string) @file_get_contents('/proc/cpuinfo'), $m) ? $m[1] : php_uname('m');
    $extVersion = null;
    if ($cfg['ext'] !== '') {
        [, $out] = run_command([PHP_BINARY, '-d', 'extension=' . $cfg['ext'], '-r', 'echo phpversion("runcloud");'], 30);
        $extVersion = trim($out);
    }
    return [
        'date' => gmdate('Y-m-d H:i') . ' UTC',
        'cpu' => $cpu,
        'cores' => (int) trim((string) shell_exec('nproc')),
        'php' => PHP_VERSION,
        'curl' => curl_version()['version'] . ' ' . curl_version()['ssl_version'],
        'nginx' => trim((string) shell_exec('nginx -v 2>&1')),
        'extension' => $extVersion,
        'sandbox_mode' => $cfg['sandbox'] !== null ? $cfg['sandbox_mode'] : null,
        'settings' => array_intersect_key($cfg, array_flip(
            ['n', 'rounds', 'lat_n', 'lat_rounds', 'latency_ms', 'sync_names', 'fpm_requests'])),
    ];
}
