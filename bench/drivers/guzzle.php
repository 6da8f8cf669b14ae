<?php
// Guzzle as Debian ships it (php-guzzlehttp-guzzle, found on PHP's include path), one client for the
// whole process: its curl handler keeps a few handles, so connections are reused.

declare(strict_types=1);

require_once __DIR__ . '/common.php';
require_once 'GuzzleHttp/autoload.php';

final class GuzzleTransport implements BenchTransport
{
    private \GuzzleHttp\Client $client;

    public function __construct(private string $base, string $token, string $ca)
    {
        $this->client = new \GuzzleHttp\Client([
            'headers' => ['Authorization' => "Bearer $token", 'Accept' => 'application/json',
                          'User-Agent' => 'runcloud-bench'],
            'http_errors' => false,        // statuses are checked by the flow, as for every driver
            'allow_redirects' => false,
            'timeout' => 30,
            'connect_timeout' => 10,
            'verify' => $ca !== '' ? $ca : true,
        ]);
    }

    public function send(string $method, string $path, ?array $body = null): array
    {
        $options = $body === null ? [] : ['json' => $body];
        $response = $this->client->request($method, $this->base . $path, $options);
        return [$response->getStatusCode(), json_decode((string) $response->getBody(), true)];
    }
}

if (bench_is_main(__FILE__)) {
    bench_run_transport('guzzle', static fn (array $o) => new GuzzleTransport($o['base'], $o['token'], $o['ca']));
}
