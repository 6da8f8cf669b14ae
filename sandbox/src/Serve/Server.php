<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

use RunCloudSandbox\Admin\Seeder;
use RunCloudSandbox\Ca\PublicSuffixList;
use RunCloudSandbox\Ca\SiteCertificates;
use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Clock;
use RunCloudSandbox\Config;
use RunCloudSandbox\Store;
use RuntimeException;

/**
 * The serve command: php -S (with workers) on loopback, optionally nginx with TLS in front, in the
 * foreground until SIGTERM/SIGINT, then every child stopped and every temp file removed.
 */
final class Server
{
    private const START_ATTEMPTS = 5;

    private string $tmp = '';
    /** @var list<Child> stopped in reverse order */
    private array $children = [];
    private bool $stopping = false;
    /** Where the --sites certificates live ('' without --sites). */
    private string $sitesDir = '';

    /** @param array<string,mixed> $options as parsed by Cli */
    public function __construct(private readonly array $options)
    {
    }

    public function run(): int
    {
        $this->trapSignals();
        try {
            $this->tmp = self::makeTempDir();
            return $this->serve();
        } catch (RuntimeException $e) {
            if ($this->stopping) {
                return 0;  // told to stop while starting: not an error
            }
            fwrite(STDERR, 'runcloud-sandbox: ' . $e->getMessage() . "\n");
            return 1;
        } finally {
            $this->shutdown();
        }
    }

    private function serve(): int
    {
        $o = $this->options;
        $db = $o['db'] ?? $this->tmp . '/sandbox.sqlite';
        $this->prepareDatabase($db, $o['seed'] ?? null, $o['admin-secret']);
        $instance = bin2hex(random_bytes(8));
        $tls = $o['tls'] ? $this->startTls($instance, $db) : null;
        $sites = $o['sites'] !== null ? $this->startSites($db, $tls['ca'] ?? null) : null;
        $port = $tls['port'] ?? $this->startBackend($o['port'], $instance, $db, '');
        if ($this->stopping) {
            return 0;
        }
        $this->startWatchdog();
        $this->announce($port, $db, $tls, $sites);
        return $this->waitForStop();
    }

    private function prepareDatabase(string $db, ?string $seed, string $adminSecret): void
    {
        if (!is_dir(dirname($db))) {
            throw new RuntimeException("The folder for --db does not exist: " . dirname($db));
        }
        $store = new Store($db);
        PublicSuffixList::load($store);
        if ($seed === null) {
            return;
        }
        $doc = $seed === 'demo' ? Seeder::demo() : self::readSeedFile($seed);
        try {
            Seeder::seed($store, $doc, $adminSecret);
        } catch (BadInput $e) {
            throw new RuntimeException('seed: ' . json_encode($e->errors, JSON_UNESCAPED_SLASHES));
        }
    }

    /** nginx on the public port, php -S on a private one behind it. @return array{port:int,ca:string,name:?string,backend:string} */
    private function startTls(string $instance, string $db): array
    {
        $nginx = Executables::find('nginx') ?? throw new RuntimeException('nginx not found: install nginx-light (or nginx) for --tls.');
        $host = $this->options['host'];
        $name = $this->options['tls-name'];
        $cert = CertMaker::make($this->tmp, $name !== null ? [$name] : array_values(array_unique(['localhost', '127.0.0.1', $host])));
        $proxyKey = bin2hex(random_bytes(16));
        $backendPort = $this->startBackend(0, $instance, $db, $proxyKey);
        $port = $this->startWithRetries($this->options['port'], function (int $port) use ($nginx, $host, $backendPort, $cert, $proxyKey): Child {
            $conf = "$this->tmp/nginx.conf";
            $listen = self::hostPort($host, $port);
            file_put_contents($conf, NginxConfig::render($this->tmp, $listen, self::hostPort($host, $backendPort), $cert, $proxyKey,
                (int) $this->options['keepalive-requests']));
            return Child::start([$nginx, '-p', $this->tmp, '-c', $conf, '-e', "$this->tmp/nginx-error.log"], [], "$this->tmp/nginx-error.log", false);
        }, fn (int $port): bool => Probe::isOurs('https', $host, $port, $this->options['admin-secret'], $instance));
        return ['port' => $port, 'ca' => $cert['ca'], 'name' => $name, 'backend' => 'http://' . self::hostPort($host, $backendPort)];
    }

    /**
     * The web apps' own names over HTTPS (--sites=ADDR[:PORT]): a second nginx that presents, by SNI,
     * the file SiteCertificates keeps for each name (the backend rewrites them after every change).
     * Signed by the same CA as --tls when both are on. @return array{listen:string,ca:string,dir:string}
     */
    private function startSites(string $db, ?string $tlsCa): array
    {
        $nginx = Executables::find('nginx') ?? throw new RuntimeException('nginx not found: install nginx-light (or nginx) for --sites.');
        $dir = "$this->tmp/sites";
        mkdir($dir, 0755);
        $made = $tlsCa === null ? CertMaker::make($this->tmp, ['localhost']) : ['ca' => $tlsCa];
        SiteCertificates::prepare($dir, $made['ca'], dirname($made['ca']) . '/ca.key');
        $store = new Store($db);
        Clock::follow(Config::load($store));
        SiteCertificates::sync($store, $dir);
        [$host, $port] = $this->options['sites'];
        $listen = self::hostPort($host, $port);
        $conf = "$this->tmp/nginx-sites.conf";
        file_put_contents($conf, NginxConfig::sites($this->tmp, $listen, $dir));
        $child = Child::start([$nginx, '-p', $this->tmp, '-c', $conf, '-e', "$this->tmp/nginx-sites-error.log"], [], "$this->tmp/nginx-sites-error.log", false);
        $this->children[] = $child;
        $listening = fn (): bool => is_resource($s = @stream_socket_client("tcp://$listen", $errno, $error, 1.0)) && fclose($s);
        if (!$this->waitReady($child, $port, $listening)) {
            throw new RuntimeException("could not listen on $listen for --sites (root is needed below port 1024)\n" . $child->logTail());
        }
        $this->sitesDir = $dir;
        return ['listen' => $listen, 'ca' => "$dir/ca.pem", 'dir' => $dir];
    }

    private function startBackend(int $port, string $instance, string $db, string $proxyKey): int
    {
        $host = $this->options['host'];
        $root = dirname(__DIR__, 2);
        $env = [
            'SANDBOX_DB' => $db,
            'SANDBOX_ADMIN_SECRET' => $this->options['admin-secret'],
            'SANDBOX_INSTANCE' => $instance,
            'SANDBOX_PROXY_KEY' => $proxyKey,
            'SANDBOX_SITES_DIR' => $this->sitesDir,
        ];
        if ($this->options['workers'] > 1) {
            $env['PHP_CLI_SERVER_WORKERS'] = (string) $this->options['workers'];
        }
        return $this->startWithRetries($port, function (int $port) use ($host, $root, $env): Child {
            return Child::start([
                PHP_BINARY, '-d', 'output_buffering=0', '-d', 'display_errors=0', '-d', 'log_errors=1',
                '-d', 'expose_php=0', '-d', 'opcache.enable_cli=1', '-d', 'max_execution_time=0',
                '-S', self::hostPort($host, $port), '-t', "$root/public", "$root/public/router.php",
            ], $env, "$this->tmp/php-server.log", $this->options['verbose'], true);
        }, fn (int $port): bool => Probe::isOurs('http', $host, $port, $this->options['admin-secret'], $instance));
    }

    /**
     * Starts a listener and waits until it answers as this instance. A port picked here (0) can be
     * taken by someone else before the child binds it, so that case is retried on another port.
     * @param callable(int):Child $start @param callable(int):bool $ready
     */
    private function startWithRetries(int $wanted, callable $start, callable $ready): int
    {
        for ($attempt = 1; $attempt <= self::START_ATTEMPTS; $attempt++) {
            $port = $wanted > 0 ? $wanted : Ports::free($this->options['host']);
            $child = $start($port);
            $this->children[] = $child;
            if ($this->waitReady($child, $port, $ready)) {
                return $port;
            }
            $child->stop(1.0);
            array_pop($this->children);
            if ($this->stopping || $wanted > 0) {
                break;
            }
        }
        $log = isset($child) ? $child->logTail() : '';
        throw new RuntimeException('could not start a listener on ' . $this->options['host'] . ':' . ($wanted ?: 'a free port') . ($log !== '' ? "\n$log" : ''));
    }

    private function waitReady(Child $child, int $port, callable $ready): bool
    {
        $deadline = microtime(true) + 15;
        while (!$this->stopping && microtime(true) < $deadline && $child->running()) {
            if ($ready($port)) {
                return true;
            }
            usleep(25000);
        }
        return false;
    }

    /**
     * A shell loop that cleans up if this process dies without doing so itself (SIGKILL): it stops
     * the servers' process groups and removes the temp folder. A normal stop ends it first.
     */
    private function startWatchdog(): void
    {
        $script = 'parent=$1; dir=$2; shift 2; '
            . 'while kill -0 "$parent" 2>/dev/null; do sleep 1; done; '
            . 'for g in "$@"; do kill -TERM "-$g" 2>/dev/null; done; sleep 1; '
            . 'for g in "$@"; do kill -KILL "-$g" 2>/dev/null; done; rm -rf "$dir"';
        $groups = array_map(static fn (Child $c): string => (string) $c->pid, $this->children);
        $this->children[] = Child::start(['sh', '-c', $script, 'runcloud-sandbox-watchdog', (string) getmypid(), $this->tmp, ...$groups], [], '/dev/null', false);
    }

    private function announce(int $port, string $db, ?array $tls, ?array $sites): void
    {
        $url = ($tls === null ? 'http' : 'https') . '://' . self::hostPort($this->options['host'], $port);
        $info = [
            'url' => $url,
            'api_v3' => "$url/api/v3",
            'api_v2' => "$url/api/v2",
            'admin_secret' => $this->options['admin-secret'],
            'db' => $db,
            'ca' => $tls['ca'] ?? null,
            'pid' => getmypid(),
            'mode' => $tls === null ? 'php' : 'nginx',
            'tls_name' => $tls['name'] ?? null,
            'port' => $port,
            'backend' => $tls['backend'] ?? null,
            'sites' => $sites['listen'] ?? null,
            'sites_ca' => $sites['ca'] ?? null,
        ];
        if ($this->options['json']) {
            fwrite(STDOUT, json_encode($info, JSON_UNESCAPED_SLASHES) . "\n");
            return;
        }
        fwrite(STDOUT, "RunCloud sandbox listening on $url (API $url/api/v3 and $url/api/v2)\n"
            . "  admin: $url/__sandbox/ with header X-Sandbox-Admin: {$info['admin_secret']}\n"
            . "  database: $db\n"
            . ($tls !== null ? "  CA certificate: {$tls['ca']} (curl --cacert it)\n" : '')
            . ($sites !== null ? "  web apps' names over HTTPS on {$sites['listen']} (by SNI; CA {$sites['ca']})\n" : '')
            . (($this->options['seed'] ?? null) === 'demo' ? "  demo token: demo-token; v2 key/secret: demo-key/demo-secret; server 1, web app 1\n" : '')
            . "  stop with Ctrl-C\n");
    }

    private function waitForStop(): int
    {
        $watch = $this->options['watch-pid'];
        while (!$this->stopping) {
            usleep(100000);
            foreach ($this->children as $child) {
                if (!$child->running()) {
                    fwrite(STDERR, "runcloud-sandbox: a server process stopped unexpectedly\n" . $child->logTail() . "\n");
                    return 1;
                }
            }
            if ($watch !== null && !posix_kill($watch, 0)) {
                break;
            }
        }
        return 0;
    }

    private function trapSignals(): void
    {
        pcntl_async_signals(true);
        foreach ([SIGTERM, SIGINT, SIGHUP] as $signal) {
            pcntl_signal($signal, function (): void {
                $this->stopping = true;
            });
        }
    }

    private function shutdown(): void
    {
        foreach (array_reverse($this->children) as $child) {
            $child->stop();
        }
        $this->children = [];
        if ($this->tmp !== '') {
            self::removeTree($this->tmp);
        }
    }

    private static function readSeedFile(string $file): array
    {
        $text = is_file($file) ? file_get_contents($file) : false;
        $doc = $text === false ? null : json_decode($text, true);
        if (!is_array($doc)) {
            throw new RuntimeException("seed file $file is missing or not a JSON object");
        }
        return $doc;
    }

    public static function hostPort(string $host, int $port): string
    {
        return (str_contains($host, ':') ? "[$host]" : $host) . ':' . $port;
    }

    /** World-traversable, because nginx workers run as nobody when started by root. */
    private static function makeTempDir(): string
    {
        $dir = sys_get_temp_dir() . '/runcloud-sandbox-' . bin2hex(random_bytes(6));
        if (!mkdir($dir, 0755) || !chmod($dir, 0755)) {
            throw new RuntimeException("cannot create $dir");
        }
        return $dir;
    }

    private static function removeTree(string $dir): void
    {
        if (!is_dir($dir)) {
            return;
        }
        foreach (new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS),
            \RecursiveIteratorIterator::CHILD_FIRST,
        ) as $entry) {
            $entry->isDir() && !$entry->isLink() ? @rmdir($entry->getPathname()) : @unlink($entry->getPathname());
        }
        @rmdir($dir);
    }
}
