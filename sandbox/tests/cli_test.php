<?php

declare(strict_types=1);

// The command line: serve from anywhere, loopback only, ports, databases, seeding, clean stops.
require __DIR__ . '/lib/harness.php';

$work = sys_get_temp_dir() . '/runcloud-sandbox-cli-test-' . getmypid();
mkdir($work);
register_shutdown_function(static function () use ($work): void {
    array_map('unlink', glob("$work/*") ?: []);
    @rmdir($work);
});

/** Runs a short CLI command. @return array{int,string,string} exit code, stdout, stderr */
function cli(array $args, ?string $cwd = null): array
{
    $process = proc_open([PHP_BINARY, realpath(SANDBOX_BIN), ...$args], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $cwd);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    return [proc_close($process), $out, $err];
}

function listening(string $host, int $port): bool
{
    $socket = @stream_socket_client("tcp://$host:$port", $errno, $error, 0.5);
    if ($socket === false) {
        return false;
    }
    fclose($socket);
    return true;
}

function freePort(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($server, false);
    fclose($server);
    return (int) substr($name, strrpos($name, ':') + 1);
}

test('serve works from any folder; the first line is the documented JSON', function () {
    $sb = Sandbox::start(['--seed=demo'], '/');
    same(['url', 'api_v3', 'api_v2', 'admin_secret', 'db', 'ca', 'pid'], array_slice(array_keys($sb->info), 0, 7));
    check((bool) preg_match('#^http://127\.0\.0\.1:\d+$#', $sb->info['url']), 'url ' . $sb->info['url']);
    same([$sb->info['url'] . '/api/v3', $sb->info['url'] . '/api/v2', 'sandbox-admin', null],
        [$sb->info['api_v3'], $sb->info['api_v2'], $sb->info['admin_secret'], $sb->info['ca']]);
    check(is_file($sb->info['db']), 'db file exists');
    same(['message' => 'pong'], $sb->api('GET', '/ping')->json());
    $sb->stop();
});

test('without --json the first line is for people and contains the URL', function () {
    $process = proc_open([PHP_BINARY, realpath(SANDBOX_BIN), 'serve', '--seed=demo', '--watch-pid=' . getmypid()], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $line = Sandbox::readLine($pipes[1], 20);
    check((bool) preg_match('#(http://127\.0\.0\.1:\d+)#', $line, $m), "URL in: $line");
    same(200, http('GET', $m[1] . '/api/v3/ping', ['Authorization: Bearer demo-token'])->status);
    proc_terminate($process, SIGTERM);
    fclose($pipes[1]);
    same(0, proc_close($process));
});

test('SIGTERM stops every server process, frees the port and removes the temp database', function () {
    $sb = Sandbox::start(['--seed=demo', '--workers=3']);
    $port = (int) parse_url($sb->info['url'], PHP_URL_PORT);
    $db = $sb->info['db'];
    check(listening('127.0.0.1', $port), 'listening while running');
    same(0, $sb->stop(), 'exit code');
    check(!listening('127.0.0.1', $port), 'port closed: no php -S worker left behind');
    clearstatcache();
    check(!file_exists($db) && !is_dir(dirname($db)), 'temp files removed');
});

test('even a SIGKILLed serve leaves no server, port or temp file behind (its watchdog cleans up)', function () {
    $sb = Sandbox::start(['--tls']);
    $ports = [(int) parse_url($sb->info['url'], PHP_URL_PORT), (int) parse_url($sb->info['backend'], PHP_URL_PORT)];
    $dir = dirname($sb->info['db']);
    posix_kill($sb->info['pid'], SIGKILL);
    $deadline = microtime(true) + 8;
    while (($sb->running() || is_dir($dir) || listening('127.0.0.1', $ports[0]) || listening('127.0.0.1', $ports[1])) && microtime(true) < $deadline) {
        usleep(100000);
        clearstatcache();  // is_dir() answers from PHP's stat cache otherwise
    }
    check(!listening('127.0.0.1', $ports[0]) && !listening('127.0.0.1', $ports[1]), 'nginx and php -S are gone');
    check(!is_dir($dir), 'temp folder removed');
});

test('only loopback addresses are accepted for --host', function () {
    foreach (['0.0.0.0', '192.168.1.10', '::', 'example.com', '10.0.0.1'] as $host) {
        [$code, $out, $err] = cli(['serve', "--host=$host"]);
        same(2, $code, $host);
        same('', $out, "nothing on stdout for $host");
        check(str_contains($err, 'loopback'), "says why for $host: $err");
    }
    $sb = Sandbox::start(['--host=127.0.0.5']);
    check(str_starts_with($sb->info['url'], 'http://127.0.0.5:'), $sb->info['url']);
    status(401, http('GET', $sb->url('/api/v3/ping')));
    $sb->stop();
});

test('IPv6 loopback works too, with and without TLS', function () {
    foreach ([[], ['--tls']] as $extra) {
        $sb = Sandbox::start(['--host=::1', '--seed=demo', ...$extra]);
        check((bool) preg_match('#^https?://\[::1\]:\d+$#', $sb->info['url']), $sb->info['url']);
        same(['message' => 'pong'], $sb->api('GET', '/ping')->json(), implode(' ', $extra));
        $sb->stop();
    }
});

test('--port is used when given; a port already taken is an error, not a silent other port', function () {
    $port = freePort();
    $sb = Sandbox::start(['--port=' . $port]);
    same("http://127.0.0.1:$port", $sb->info['url']);
    [$code, $out, $err] = cli(['serve', '--json', "--port=$port"]);
    same(1, $code, 'second sandbox on the same port');
    same('', $out);
    check(str_contains($err, 'could not start'), $err);
    $sb->stop();
});

test('usage errors exit 2 with the usage text', function () {
    foreach ([['serve', '--bogus=1'], ['serve', '--port=70000'], ['serve', '--workers=0'], ['frobnicate'], ['seed', '--demo']] as $args) {
        [$code, , $err] = cli($args);
        same(2, $code, implode(' ', $args));
        check(str_contains($err, 'Usage:'), 'usage shown');
    }
    [$code, $out] = cli(['help']);
    same([0, true], [$code, str_contains($out, 'runcloud-sandbox serve')]);
});

test('seed on the command line, then serve --db keeps that state across restarts', function () use ($work) {
    [$code, $out] = cli(['seed', '--db=state.sqlite', '--demo'], $work);
    same(0, $code);
    same(1, json_decode($out, true)['domains']);
    file_put_contents("$work/more.json", json_encode(['servers' => [['id' => 1, 'webapps' => [['id' => 1, 'bulk' => ['count' => 3, 'pattern' => 'cli-%d.test']]]]]]));
    [$code, $out] = cli(['seed', '--db=state.sqlite', '--file=more.json'], $work);
    same([0, 3], [$code, json_decode($out, true)['domains']]);
    $sb = Sandbox::start(["--db=$work/state.sqlite"]);
    same("$work/state.sqlite", $sb->info['db']);
    same(4, $sb->api('GET', '/servers/1/webapps/1/domains')->json()['meta']['pagination']['total']);
    $sb->api('POST', '/servers/1/webapps/1/domains', ['body' => ['name' => 'kept.test']]);
    $sb->stop();
    check(is_file("$work/state.sqlite"), 'a given --db is kept');
    $again = Sandbox::start(['--db=state.sqlite'], $work);
    same(5, $again->api('GET', '/servers/1/webapps/1/domains')->json()['meta']['pagination']['total'], 'state survived');
    $again->stop();
});

test('serve --seed=FILE.json seeds that document; bad documents stop with exit 1', function () use ($work) {
    file_put_contents("$work/doc.json", json_encode(['credentials' => [['token' => 'file-token']], 'servers' => [['id' => 4, 'webapps' => [['id' => 40, 'primary' => 'file.test']]]]]));
    $sb = Sandbox::start(['--seed=doc.json'], $work);
    status(200, $sb->api('GET', '/servers/4/webapps/40/domains', ['token' => 'file-token']));
    $sb->stop();
    file_put_contents("$work/bad.json", json_encode(['servers' => [['webapps' => [['primary' => '???']]]]]));
    [$code, $out, $err] = cli(['serve', '--json', '--seed=bad.json'], $work);
    same([1, ''], [$code, $out]);
    check(str_contains($err, 'servers.0.webapps.0.primary'), $err);
    [$code] = cli(['seed', '--db=x.sqlite', '--file=bad.json'], $work);
    same(1, $code);
});

test('a missing Public Suffix List stops serve with exit 1 and a message naming the package', function () use ($work) {
    putenv("SANDBOX_PSL=$work/no-such-list.dat");
    try {
        [$code, $out, $err] = cli(['serve', '--json']);
    } finally {
        putenv('SANDBOX_PSL');
    }
    same([1, ''], [$code, $out]);
    check(str_contains($err, 'publicsuffix'), $err);
});

test('--watch-pid ends the sandbox when that process is gone', function () {
    $sleeper = proc_open(['sleep', '1'], [], $pipes);
    $pid = proc_get_status($sleeper)['pid'];
    $sb = Sandbox::start(["--watch-pid=$pid"]);
    $port = (int) parse_url($sb->info['url'], PHP_URL_PORT);
    proc_close($sleeper);
    $deadline = microtime(true) + 5;
    while ($sb->running() && microtime(true) < $deadline) {
        usleep(50000);
    }
    check(!$sb->running(), 'stopped by itself');
    check(!listening('127.0.0.1', $port), 'port closed');
});

test('two sandboxes run side by side with separate state', function () {
    $a = Sandbox::start();
    $b = Sandbox::start();
    check($a->info['url'] !== $b->info['url'] && $a->info['db'] !== $b->info['db'], 'own port and database');
    $a->api('POST', '/servers/1/webapps/1/domains', ['body' => ['name' => 'only-a.test']]);
    same([2, 1], [
        $a->api('GET', '/servers/1/webapps/1/domains')->json()['meta']['pagination']['total'],
        $b->api('GET', '/servers/1/webapps/1/domains')->json()['meta']['pagination']['total'],
    ]);
});

run_tests('cli');
