<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use RunCloudSandbox\Admin\Seeder;
use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Serve\Server;

/** The command line: serve, seed, help. Paths given are taken relative to the caller's folder. */
final class Cli
{
    private const USAGE = <<<'TXT'
    RunCloud API sandbox

    Usage:
      runcloud-sandbox serve [--host=127.0.0.1] [--port=0] [--db=FILE] [--workers=4]
                             [--admin-secret=S] [--seed=demo|FILE.json] [--tls] [--tls-name=NAME] [--keepalive-requests=N]
                             [--sites=ADDR[:PORT]]
                             [--json] [--verbose] [--watch-pid=PID]
      runcloud-sandbox seed --db=FILE (--demo | --file=FILE.json)
      runcloud-sandbox help

    serve stays in the foreground; its first line on stdout tells where it listens (--json: as JSON).
    Loopback addresses only. --port=0 picks a free port. Without --db the state lives in a temp file
    removed at exit. --tls puts nginx with a fresh CA-signed certificate (HTTP/1.1 and HTTP/2) in front.
    --sites serves the web apps' names over HTTPS on a loopback address (port 443 unless given), each
    with the certificate the sandbox's model serves for it (valid, expired, or none), signed by its CA.

    TXT;

    private const SERVE_DEFAULTS = [
        'host' => '127.0.0.1', 'port' => '0', 'db' => null, 'workers' => '4', 'admin-secret' => 'sandbox-admin',
        'seed' => null, 'tls' => false, 'tls-name' => null, 'json' => false, 'verbose' => false, 'watch-pid' => null,
        'keepalive-requests' => '100000', 'sites' => null,
    ];

    private const FLAGS = ['tls', 'json', 'verbose', 'demo'];

    /** @param list<string> $argv without the script name */
    public static function main(array $argv): int
    {
        $command = $argv[0] ?? 'help';
        try {
            return match ($command) {
                'serve' => (new Server(self::serveOptions(self::parse(array_slice($argv, 1)))))->run(),
                'seed' => self::seed(self::parse(array_slice($argv, 1))),
                'help', '--help', '-h' => self::help(STDOUT, 0),
                default => throw new UsageError("unknown command: $command"),
            };
        } catch (UsageError $e) {
            fwrite(STDERR, 'runcloud-sandbox: ' . $e->getMessage() . "\n\n");
            return self::help(STDERR, 2);
        } catch (\RuntimeException $e) {
            fwrite(STDERR, 'runcloud-sandbox: ' . $e->getMessage() . "\n");
            return 1;
        }
    }

    /** @return array<string,string|bool> "--name=value", "--name value" and bare flags */
    private static function parse(array $args): array
    {
        $options = [];
        for ($i = 0; $i < count($args); $i++) {
            if (!preg_match('/^--([a-z][a-z0-9-]*)(?:=(.*))?$/s', $args[$i], $m)) {
                throw new UsageError("unexpected argument: {$args[$i]}");
            }
            $name = $m[1];
            if (isset($m[2])) {
                $options[$name] = $m[2];
            } elseif (in_array($name, self::FLAGS, true)) {
                $options[$name] = true;
            } elseif (isset($args[$i + 1])) {
                $options[$name] = $args[++$i];
            } else {
                throw new UsageError("--$name needs a value");
            }
        }
        return $options;
    }

    private static function serveOptions(array $given): array
    {
        $unknown = array_diff(array_keys($given), array_keys(self::SERVE_DEFAULTS));
        if ($unknown !== []) {
            throw new UsageError('unknown option --' . reset($unknown));
        }
        $o = $given + self::SERVE_DEFAULTS;
        $o['host'] = self::loopback((string) $o['host']);
        $o['port'] = self::intOption('port', $o['port'], 0, 65535);
        $o['workers'] = self::intOption('workers', $o['workers'], 1, 64);
        $o['keepalive-requests'] = self::intOption('keepalive-requests', $o['keepalive-requests'], 1, 1000000);
        $o['watch-pid'] = $o['watch-pid'] === null ? null : self::intOption('watch-pid', $o['watch-pid'], 1, PHP_INT_MAX);
        $o['db'] = $o['db'] === null ? null : self::absolute((string) $o['db']);
        $o['seed'] = $o['seed'] === null || $o['seed'] === 'demo' ? $o['seed'] : self::absolute((string) $o['seed']);
        $o['tls'] = (bool) $o['tls'] || $o['tls-name'] !== null;
        $o['sites'] = $o['sites'] === null ? null : self::sitesAddress((string) $o['sites']);
        if (!preg_match('/^[\x21-\x7e]+$/', (string) $o['admin-secret'])) {
            throw new UsageError('--admin-secret must be printable ASCII without spaces');
        }
        if ($o['tls-name'] !== null && !preg_match('/^[A-Za-z0-9.:-]+$/', (string) $o['tls-name'])) {
            throw new UsageError('--tls-name must be a host name or an IP address');
        }
        foreach (['json', 'verbose'] as $flag) {
            $o[$flag] = (bool) $o[$flag];
        }
        return $o;
    }

    private static function seed(array $o): int
    {
        if (!isset($o['db']) || !is_string($o['db']) || (!isset($o['demo']) && !isset($o['file']))) {
            throw new UsageError('seed needs --db=FILE and either --demo or --file=FILE.json');
        }
        $doc = isset($o['demo']) ? Seeder::demo() : json_decode((string) @file_get_contents(self::absolute((string) $o['file'])), true);
        if (!is_array($doc)) {
            fwrite(STDERR, "runcloud-sandbox: {$o['file']} is missing or not a JSON object\n");
            return 1;
        }
        try {
            $store = new Store(self::absolute($o['db']));
            Clock::follow(Config::load($store));
            $result = Seeder::seed($store, $doc, '');
        } catch (BadInput $e) {
            fwrite(STDERR, 'runcloud-sandbox: ' . json_encode(['message' => $e->getMessage(), 'errors' => $e->errors], JSON_UNESCAPED_SLASHES) . "\n");
            return 1;
        }
        fwrite(STDOUT, json_encode($result, JSON_UNESCAPED_SLASHES) . "\n");
        return 0;
    }

    /** The sandbox never listens beyond this machine: 127.0.0.0/8 or ::1 only. */
    private static function loopback(string $host): string
    {
        $host = $host === 'localhost' ? '127.0.0.1' : trim($host, '[]');
        $isV4Loopback = filter_var($host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) !== false && str_starts_with($host, '127.');
        if (!$isV4Loopback && $host !== '::1') {
            throw new UsageError("--host must be a loopback address (127.0.0.0/8 or ::1), not $host");
        }
        return $host;
    }

    /** --sites=ADDR[:PORT]: an IPv4 loopback address, port 443 unless given. @return array{string,int} */
    private static function sitesAddress(string $value): array
    {
        [$host, $port] = str_contains($value, ':') ? explode(':', $value, 2) : [$value, '443'];
        if (!str_starts_with($host, '127.') || filter_var($host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) === false) {
            throw new UsageError("--sites must be an IPv4 loopback address (127.0.0.0/8), not $host");
        }
        return [$host, self::intOption('sites', $port, 1, 65535)];
    }

    private static function intOption(string $name, mixed $value, int $min, int $max): int
    {
        if (!is_string($value) || !ctype_digit($value) || (int) $value < $min || (int) $value > $max) {
            throw new UsageError("--$name must be an integer from $min to $max");
        }
        return (int) $value;
    }

    private static function absolute(string $path): string
    {
        return str_starts_with($path, '/') ? $path : getcwd() . '/' . $path;
    }

    /** @param resource $stream */
    private static function help($stream, int $code): int
    {
        fwrite($stream, self::USAGE);
        return $code;
    }
}
