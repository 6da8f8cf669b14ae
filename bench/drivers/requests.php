<?php
// WordPress's own HTTP library, Requests, as Debian's wordpress package ships it (WordPress's
// wp_remote_request() hands every call to Requests::request()). Each call builds a new transport,
// so a new curl handle and connection, exactly as in WordPress.
// The WordPress directory comes from WORDPRESS_DIR (Debian's location by default).

declare(strict_types=1);

require_once __DIR__ . '/common.php';

final class RequestsTransport implements BenchTransport
{
    private array $headers;
    private array $options;

    public function __construct(private string $base, string $token, string $ca)
    {
        $wp = getenv('WORDPRESS_DIR') ?: '/usr/share/wordpress';
        if (!class_exists('Requests', false)) {
            require_once $wp . '/wp-includes/class-requests.php';
            Requests::register_autoloader();
        }
        $this->headers = ['Authorization' => "Bearer $token", 'Accept' => 'application/json'];
        // The options WP_Http passes (timeout, user agent, CA bundle, no redirects).
        $this->options = ['timeout' => 30, 'connect_timeout' => 10, 'useragent' => 'runcloud-bench',
                          'follow_redirects' => false, 'verify' => $ca !== '' ? $ca : true];
    }

    public function send(string $method, string $path, ?array $body = null): array
    {
        $headers = $this->headers;
        $data = [];   // what WP_Http passes when there is no body
        if ($body !== null) {
            $headers['Content-Type'] = 'application/json';
            $data = json_encode($body);
        }
        $response = Requests::request($this->base . $path, $headers, $data, $method, $this->options);
        return [$response->status_code, json_decode($response->body, true)];
    }
}

if (bench_is_main(__FILE__)) {
    bench_run_transport('requests', static fn (array $o) => new RequestsTransport($o['base'], $o['token'], $o['ca']));
}
