<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/** An incoming request, with what nginx told us about the client when the sandbox runs behind it. */
final class Request
{
    /**
     * @param array<string,string> $headers lower-case names
     * @param array<string,mixed>  $query
     */
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        public readonly array $query,
        public readonly string $rawBody,
        public readonly array $headers,
        public readonly string $remoteAddr,
        public readonly string $connection,
        public readonly ?int $connectionRequests,
        public readonly string $protocol,
        public readonly ?bool $tlsReused,
        public readonly string $baseUrl,
        public readonly float $startedAt,
    ) {
    }

    /**
     * Builds the request from the php -S globals. Proxy headers are believed only when they carry the
     * per-start key that the serve command gave nginx, so nothing else can fake a client address.
     */
    public static function fromGlobals(array $server, array $query, string $body, string $proxyKey): self
    {
        $headers = self::headers($server);
        $proxied = $proxyKey !== '' && hash_equals($proxyKey, $headers['x-sandbox-proxy-key'] ?? '');
        $remote = (string) ($server['REMOTE_ADDR'] ?? '127.0.0.1');
        $port = (string) ($server['REMOTE_PORT'] ?? '0');
        $uri = (string) ($server['REQUEST_URI'] ?? '/');
        $path = rawurldecode((string) parse_url($uri, PHP_URL_PATH));
        $host = $headers['host'] ?? (($server['SERVER_NAME'] ?? '127.0.0.1') . ':' . ($server['SERVER_PORT'] ?? '80'));

        return new self(
            method: strtoupper((string) ($server['REQUEST_METHOD'] ?? 'GET')),
            path: $path === '' ? '/' : $path,
            query: $query,
            rawBody: $body,
            headers: $headers,
            remoteAddr: $proxied ? ($headers['x-real-ip'] ?? $remote) : $remote,
            connection: $proxied ? 'nginx#' . ($headers['x-sandbox-connection'] ?? '?') : self::endpoint($remote, $port),
            connectionRequests: $proxied && isset($headers['x-sandbox-connection-requests'])
                ? (int) $headers['x-sandbox-connection-requests'] : null,
            protocol: $proxied ? ($headers['x-sandbox-protocol'] ?? 'HTTP/1.1') : (string) ($server['SERVER_PROTOCOL'] ?? 'HTTP/1.1'),
            tlsReused: $proxied ? (($headers['x-sandbox-tls-reused'] ?? '.') === 'r') : null,
            baseUrl: ($proxied ? 'https' : 'http') . '://' . $host,
            startedAt: (float) ($server['REQUEST_TIME_FLOAT'] ?? microtime(true)),
        );
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }

    /** @return array<string,string> */
    private static function headers(array $server): array
    {
        $headers = [];
        foreach ($server as $key => $value) {
            if (str_starts_with((string) $key, 'HTTP_')) {
                $headers[strtolower(str_replace('_', '-', substr((string) $key, 5)))] = (string) $value;
            }
        }
        if (isset($server['CONTENT_TYPE'])) {
            $headers['content-type'] = (string) $server['CONTENT_TYPE'];
        }
        return $headers;
    }

    private static function endpoint(string $address, string $port): string
    {
        return (str_contains($address, ':') ? "[$address]" : $address) . ':' . $port;
    }
}
