<?php

declare(strict_types=1);

/*
 * A small test harness: sandboxes started through the real CLI, HTTP through the curl extension,
 * and a runner that prints one line per test and ends with "N passed, N failed".
 */

const SANDBOX_BIN = __DIR__ . '/../../bin/runcloud-sandbox';
const DEMO_TOKEN = 'demo-token';

final class AssertionFailed extends RuntimeException
{
}

/** One HTTP answer, or the transport error that stopped it. */
final class Reply
{
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
        public readonly int $errno,
        public readonly string $error,
        public readonly array $info,
    ) {
    }

    public function json(): mixed
    {
        return json_decode($this->body, true);
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }
}

/** Sends one request; pass a curl handle to reuse its connection. */
function http(string $method, string $url, array $headers = [], ?string $body = null, array $options = [], ?CurlHandle $handle = null): Reply
{
    $ch = $handle ?? curl_init();
    $received = [];
    $content = '';
    // The method is reset first (a reused handle keeps its last one), then named.
    $reset = $body === null ? [CURLOPT_HTTPGET => true] : [CURLOPT_POSTFIELDS => $body];
    curl_setopt_array($ch, $reset + [
        CURLOPT_NOBODY => $method === 'HEAD',
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_URL => $url,
        // Collected chunk by chunk so that a cut answer still shows what did arrive.
        CURLOPT_WRITEFUNCTION => static function ($ch, string $chunk) use (&$content): int {
            $content .= $chunk;
            return strlen($chunk);
        },
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_FOLLOWLOCATION => false,
        CURLOPT_TIMEOUT => 30,
        CURLOPT_HEADERFUNCTION => static function ($ch, string $line) use (&$received): int {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $received[strtolower(trim($name))] = trim($value);
            }
            return strlen($line);
        },
    ] + $options);
    curl_exec($ch);
    $reply = new Reply(
        (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE),
        $received,
        $content,
        curl_errno($ch),
        curl_error($ch),
        curl_getinfo($ch) + ['num_connects' => curl_getinfo($ch, CURLINFO_NUM_CONNECTS)],
    );
    if ($handle === null) {
        curl_close($ch);
    }
    return $reply;
}

/** A sandbox started with `serve --json`, stopped when the test file ends. */
final class Sandbox
{
    /** @var list<self> */
    private static array $running = [];

    public readonly array $info;
    /** @var resource */
    private $process;
    /** @var resource */
    private $stdout;
    private bool $stopped = false;

    private function __construct(array $args, ?string $cwd)
    {
        $command = [PHP_BINARY, realpath(SANDBOX_BIN), 'serve', '--json', '--watch-pid=' . getmypid(), ...$args];
        // Its stderr goes to a file of its own: shown only if it fails to start.
        $log = tempnam(sys_get_temp_dir(), 'sandbox-stderr-');
        $this->process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'w']], $pipes, $cwd);
        $this->stdout = $pipes[1];
        $line = self::readLine($this->stdout, 30.0);
        $info = json_decode($line, true);
        $stderr = (string) file_get_contents($log);
        unlink($log);
        if (!is_array($info)) {
            throw new RuntimeException('sandbox did not start: ' . $line . ' ' . $stderr);
        }
        $this->info = $info;
        self::$running[] = $this;
    }

    public static function start(array $args = ['--seed=demo'], ?string $cwd = null): self
    {
        return new self($args, $cwd);
    }

    public function running(): bool
    {
        return !$this->stopped && proc_get_status($this->process)['running'];
    }

    public static function stopAll(): void
    {
        foreach (self::$running as $sandbox) {
            $sandbox->stop();
        }
    }

    /** SIGTERM, then waits for the serve command to finish its cleanup. Returns its exit code. */
    public function stop(): int
    {
        if ($this->stopped) {
            return 0;
        }
        $this->stopped = true;
        proc_terminate($this->process, SIGTERM);
        $deadline = microtime(true) + 10;
        // The exit code is reported once, by the first status call that sees the process gone.
        while (($status = proc_get_status($this->process))['running'] && microtime(true) < $deadline) {
            usleep(20000);
        }
        fclose($this->stdout);
        proc_close($this->process);
        return $status['exitcode'];
    }

    public function url(string $path = ''): string
    {
        return $this->info['url'] . $path;
    }

    /**
     * An API call. $o: version (v3), token, basic [key, secret], body (array = JSON, string = raw),
     * headers, curl (options), handle (curl handle to reuse).
     */
    public function api(string $method, string $path, array $o = []): Reply
    {
        $headers = array_merge(['Accept: application/json'], $o['headers'] ?? []);
        if (isset($o['basic'])) {
            $headers[] = 'Authorization: Basic ' . base64_encode(implode(':', $o['basic']));
        } elseif (($o['token'] ?? DEMO_TOKEN) !== '') {
            $headers[] = 'Authorization: Bearer ' . ($o['token'] ?? DEMO_TOKEN);
        }
        $body = $o['body'] ?? null;
        if (is_array($body)) {
            $body = json_encode($body);
            $headers[] = 'Content-Type: application/json';
        }
        $url = $this->url('/api/' . ($o['version'] ?? 'v3') . $path);
        return http($method, $url, $headers, $body, $this->tlsOptions() + ($o['curl'] ?? []), $o['handle'] ?? null);
    }

    public function admin(string $method, string $path, mixed $body = null, ?string $secret = null): Reply
    {
        $headers = ['X-Sandbox-Admin: ' . ($secret ?? $this->info['admin_secret']), 'Content-Type: application/json'];
        return http($method, $this->url('/__sandbox' . $path), $headers, $body === null ? null : json_encode($body), $this->tlsOptions());
    }

    /** Admin call that must succeed; returns its JSON. */
    public function adminOk(string $method, string $path, mixed $body = null): array
    {
        $reply = $this->admin($method, $path, $body);
        if ($reply->status !== 200) {
            throw new AssertionFailed("admin $method $path gave {$reply->status}: {$reply->body}");
        }
        return $reply->json();
    }

    public function journal(int $since = 0): array
    {
        return $this->adminOk('GET', '/journal?since=' . $since)['data'];
    }

    public function fault(array $spec): int
    {
        return $this->adminOk('POST', '/faults', $spec)['id'];
    }

    public function tlsOptions(): array
    {
        return $this->info['ca'] === null ? [] : [CURLOPT_CAINFO => $this->info['ca']];
    }

    public static function readLine($stream, float $timeout): string
    {
        $deadline = microtime(true) + $timeout;
        $line = '';
        stream_set_blocking($stream, false);
        while (!str_ends_with($line, "\n") && microtime(true) < $deadline) {
            $read = [$stream];
            $write = $except = null;
            if (@stream_select($read, $write, $except, 0, 100000) > 0) {
                $chunk = fgets($stream);
                if ($chunk === false && feof($stream)) {
                    break;
                }
                $line .= (string) $chunk;
            }
        }
        return trim($line);
    }
}

/* ---- tests and assertions ---- */

/** @var array<string,callable> */
$GLOBALS['__tests'] = [];

function test(string $name, callable $body): void
{
    $GLOBALS['__tests'][$name] = $body;
}

function check(bool $condition, string $message): void
{
    if (!$condition) {
        throw new AssertionFailed($message);
    }
}

function same(mixed $expected, mixed $actual, string $message = ''): void
{
    if ($expected !== $actual) {
        throw new AssertionFailed(($message !== '' ? "$message: " : '') . 'expected ' . export($expected) . ', got ' . export($actual));
    }
}

function status(int $expected, Reply $reply, string $message = ''): void
{
    if ($reply->status !== $expected) {
        $why = $reply->errno !== 0 ? "curl error {$reply->errno} {$reply->error}" : substr($reply->body, 0, 300);
        throw new AssertionFailed(($message !== '' ? "$message: " : '') . "expected HTTP $expected, got {$reply->status} ($why)");
    }
}

function export(mixed $value): string
{
    return is_string($value) && strlen($value) > 300 ? var_export(substr($value, 0, 300) . '...', true) : json_encode($value, JSON_UNESCAPED_SLASHES);
}

/** Runs the registered tests in order and exits 0 only when all passed. */
function run_tests(string $suite): never
{
    $passed = $failed = 0;
    foreach ($GLOBALS['__tests'] as $name => $body) {
        $started = microtime(true);
        try {
            $body();
            $passed++;
            printf("ok   %s: %s (%.2fs)\n", $suite, $name, microtime(true) - $started);
        } catch (Throwable $e) {
            $failed++;
            $where = $e instanceof AssertionFailed ? '' : ' [' . get_class($e) . ' at ' . basename($e->getFile()) . ':' . $e->getLine() . ']';
            printf("FAIL %s: %s: %s%s\n", $suite, $name, $e->getMessage(), $where);
        }
    }
    Sandbox::stopAll();
    printf("%s: %d passed, %d failed\n", $suite, $passed, $failed);
    exit($failed === 0 ? 0 : 1);
}

register_shutdown_function([Sandbox::class, 'stopAll']);
