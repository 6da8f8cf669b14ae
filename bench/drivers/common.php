<?php
// What every PHP driver shares: the two Ultimate Multisite flows written once against a small transport
// interface, the command line, and the measurement.
//
//   php DRIVER.php --base=URL --token=T [--ca=FILE] --flow=add|remove --n=N [--warmup=W] [--name=PATTERN]
//
// Prints one JSON object: driver, flow, flows (measured), calls (measured, as counted by the driver or null),
// cpu_us (user+sys of this process over the measured loop) and wall_s. The warm-up flows before the loop
// open connections and load classes, so the loop shows the steady state of a long-lived process; the
// connections they open are still counted at the server. Just before and just after the loop a marker
// request (GET /ping?bench_mark=start|end, on a connection of its own) tells the server's log which calls
// the loop made, so calls are counted at the server for every client alike.

declare(strict_types=1);

// Requests 1.8 and Guzzle 7.4 as Debian ships them raise deprecations on PHP 8.2; they are not the
// subject here, and printing them would cost time inside the loop.
error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED);

interface BenchTransport
{
    /**
     * Sends one API call; $path is relative to the base URL (starts with /), $body null or an array sent
     * as JSON. Returns [status, decoded JSON body as an array or null].
     */
    public function send(string $method, string $path, ?array $body = null): array;
}

final class BenchApiError extends RuntimeException
{
}

/** The flows as today's integration does them, with the status checks and paging it lacks. */
final class BenchFlows
{
    public int $calls = 0;
    private const APP = '/servers/1/webapps/1';

    public function __construct(private BenchTransport $http)
    {
    }

    /** POST domains, then GET ssl and PUT ssl/{id} (the basic certificate's redeploy). */
    public function add(string $name): void
    {
        $domain = $this->call('POST', self::APP . '/domains',
            ['name' => $name, 'www' => false, 'redirection' => 'none', 'type' => 'alias']);
        self::objectId($domain);
        [$status, $ssl] = $this->send('GET', self::APP . '/ssl');
        if ($status === 404) {
            return;   // no certificate to redeploy
        }
        self::check('GET', '/ssl', $status);
        $this->call('PUT', self::APP . '/ssl/' . self::objectId($ssl));
    }

    /** Finds the id by name (search, walking pages in case the server ignores it), then DELETE. */
    public function remove(string $name): bool
    {
        $want = strtolower(rtrim($name, '.'));
        for ($page = 1; $page <= 1000; $page++) {
            $list = $this->call('GET', self::APP . '/domains?' . http_build_query(
                ['perPage' => 40, 'page' => $page, 'search' => $want]));
            foreach ($list['data'] ?? [] as $domain) {
                if (strtolower((string) ($domain['name'] ?? '')) === $want) {
                    $this->call('DELETE', self::APP . '/domains/' . self::objectId($domain));
                    return true;
                }
            }
            if ($page >= (int) ($list['meta']['pagination']['total_pages'] ?? 1)) {
                break;
            }
        }
        return false;
    }

    private function send(string $method, string $path, ?array $body = null): array
    {
        $this->calls++;
        return $this->http->send($method, $path, $body);
    }

    private function call(string $method, string $path, ?array $body = null): array
    {
        [$status, $json] = $this->send($method, $path, $body);
        self::check($method, $path, $status);
        if (!is_array($json)) {
            throw new BenchApiError("$method $path: the answer is not a JSON object");
        }
        return $json;
    }

    private static function check(string $method, string $path, int $status): void
    {
        if ($status !== 200) {
            throw new BenchApiError("$method $path: HTTP $status");
        }
    }

    private static function objectId(?array $object): int
    {
        $id = $object['id'] ?? null;
        if (!is_int($id) || $id <= 0) {
            throw new BenchApiError('answer without a valid id');
        }
        return $id;
    }
}

/** @return array<string,string> the --key=value options */
function bench_options(array $argv): array
{
    $opt = ['ca' => '', 'flow' => 'add', 'n' => '100', 'warmup' => '3', 'name' => 'shop.example.com'];
    foreach (array_slice($argv, 1) as $arg) {
        if (!preg_match('/^--([a-z_]+)=(.*)$/s', $arg, $m)) {
            throw new InvalidArgumentException("bad argument: $arg");
        }
        $opt[$m[1]] = $m[2];
    }
    foreach (['base', 'token'] as $required) {
        if (($opt[$required] ?? '') === '') {
            throw new InvalidArgumentException("--$required is required");
        }
    }
    return $opt;
}

function bench_name(string $pattern, int $i): string
{
    return str_replace('%d', (string) $i, $pattern);
}

/** user+sys CPU of this process, in microseconds */
function bench_cpu_us(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
}

/**
 * Runs warm-up then measured flows and prints the result line.
 * $one(int $i) runs flow number $i; $calls() tells how many API calls were made so far (or null).
 */
function bench_measure(string $driver, array $opt, callable $one, callable $calls): void
{
    $n = max(1, (int) $opt['n']);
    $warmup = max(0, (int) $opt['warmup']);
    for ($i = 0; $i < $warmup; $i++) {
        $one($i);
    }
    bench_mark($opt, 'start');
    $callsBefore = $calls();
    $cpu0 = bench_cpu_us();
    $t0 = hrtime(true);
    for ($i = $warmup; $i < $warmup + $n; $i++) {
        $one($i);
    }
    $wall = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_us() - $cpu0;
    $after = $calls();
    bench_mark($opt, 'end');
    echo json_encode([
        'driver' => $driver, 'flow' => $opt['flow'], 'flows' => $n, 'warmup' => $warmup,
        'calls' => $after === null ? null : $after - $callsBefore,
        'cpu_us' => round($cpu), 'wall_s' => round($wall, 6),
    ]), "\n";
}

/** The marker request: outside the client under test and outside the measured time. */
function bench_mark(array $opt, string $which): void
{
    $h = curl_init($opt['base'] . '/ping?bench_mark=' . $which);
    $options = [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10,
                CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $opt['token'], 'Accept: application/json']];
    if ($opt['ca'] !== '') {
        $options[CURLOPT_CAINFO] = $opt['ca'];
    }
    curl_setopt_array($h, $options);
    if (curl_exec($h) === false || curl_getinfo($h, CURLINFO_RESPONSE_CODE) !== 200) {
        throw new BenchApiError("marker request failed: HTTP " . curl_getinfo($h, CURLINFO_RESPONSE_CODE) . ' ' . curl_error($h));
    }
}

/** Main of a driver built on a BenchTransport: runs the chosen flow with it. */
function bench_run_transport(string $driver, callable $makeTransport): void
{
    try {
        $opt = bench_options($GLOBALS['argv']);
        $flows = new BenchFlows($makeTransport($opt));
        $one = match ($opt['flow']) {
            'add' => static fn (int $i) => $flows->add(bench_name($opt['name'], $i)),
            'remove' => static function (int $i) use ($flows, $opt): void {
                if (!$flows->remove(bench_name($opt['name'], $i))) {
                    throw new BenchApiError('domain not found: ' . bench_name($opt['name'], $i));
                }
            },
            default => throw new InvalidArgumentException("flow {$opt['flow']} is not done by $driver"),
        };
        bench_measure($driver, $opt, $one, static fn () => $flows->calls);
    } catch (Throwable $e) {
        fwrite(STDERR, "$driver: " . get_class($e) . ': ' . $e->getMessage() . "\n");
        exit(1);
    }
}

/** True when the file defining a driver is the script being run (not required by the FPM app). */
function bench_is_main(string $file): bool
{
    return PHP_SAPI === 'cli' && isset($GLOBALS['argv'][0]) && realpath($GLOBALS['argv'][0]) === $file;
}
