<?php
// PHP's curl with one handle kept for the whole process: libcurl keeps the connection alive between calls.

declare(strict_types=1);

require_once __DIR__ . '/common.php';

final class CurlReuseTransport implements BenchTransport
{
    private CurlHandle $h;
    private array $headers;
    private array $jsonHeaders;

    public function __construct(private string $base, string $token, private string $ca)
    {
        $this->h = curl_init();
        $this->headers = ["Authorization: Bearer $token", 'Accept: application/json'];
        $this->jsonHeaders = [...$this->headers, 'Content-Type: application/json'];
    }

    public function send(string $method, string $path, ?array $body = null): array
    {
        // curl_reset() clears the options of the previous call (its method and body) but keeps the
        // handle's connection cache, so the next call goes over the same connection.
        curl_reset($this->h);
        $options = [
            CURLOPT_URL => $this->base . $path,
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_CONNECTTIMEOUT => 10,
            CURLOPT_USERAGENT => 'runcloud-bench',
            CURLOPT_HTTPHEADER => $body === null ? $this->headers : $this->jsonHeaders,
        ];
        if ($this->ca !== '') {
            $options[CURLOPT_CAINFO] = $this->ca;
        }
        if ($body !== null) {
            $options[CURLOPT_POSTFIELDS] = json_encode($body);
        }
        curl_setopt_array($this->h, $options);
        $raw = curl_exec($this->h);
        if ($raw === false) {
            throw new BenchApiError("$method $path: " . curl_error($this->h));
        }
        return [curl_getinfo($this->h, CURLINFO_RESPONSE_CODE), json_decode($raw, true)];
    }
}

if (bench_is_main(__FILE__)) {
    bench_run_transport('curl-reuse', static fn (array $o) => new CurlReuseTransport($o['base'], $o['token'], $o['ca']));
}
