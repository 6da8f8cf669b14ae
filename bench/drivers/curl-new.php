<?php
// PHP's curl with a new handle for every call: what wp_remote_request() amounts to (WordPress builds a
// new transport, so a new curl handle, per request), hence a new TCP connection and TLS handshake per call.

declare(strict_types=1);

require_once __DIR__ . '/common.php';

final class CurlNewTransport implements BenchTransport
{
    private array $headers;

    public function __construct(private string $base, string $token, private string $ca)
    {
        $this->headers = ["Authorization: Bearer $token", 'Accept: application/json'];
    }

    public function send(string $method, string $path, ?array $body = null): array
    {
        $h = curl_init($this->base . $path);
        $headers = $this->headers;
        $options = [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_CONNECTTIMEOUT => 10,
            CURLOPT_USERAGENT => 'runcloud-bench',
        ];
        if ($this->ca !== '') {
            $options[CURLOPT_CAINFO] = $this->ca;
        }
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            $options[CURLOPT_POSTFIELDS] = json_encode($body);
        }
        $options[CURLOPT_HTTPHEADER] = $headers;
        curl_setopt_array($h, $options);
        $raw = curl_exec($h);
        if ($raw === false) {
            throw new BenchApiError("$method $path: " . curl_error($h));
        }
        $status = curl_getinfo($h, CURLINFO_RESPONSE_CODE);
        curl_close($h);
        return [$status, json_decode($raw, true)];
    }
}

if (bench_is_main(__FILE__)) {
    bench_run_transport('curl-new', static fn (array $o) => new CurlNewTransport($o['base'], $o['token'], $o['ca']));
}
