<?php

declare(strict_types=1);

// serve --sites: the web apps' names over HTTPS by SNI, each with the certificate the model serves for
// it (valid, expired, or none), signed by the sandbox's CA; verified by a real TLS client.
require __DIR__ . '/lib/harness.php';

const CURL_CONNECT_TLS_FAILED = 35;  // CURLE_SSL_CONNECT_ERROR: the server had no certificate to offer
const CURL_VERIFY_FAILED = 60;       // CURLE_PEER_FAILED_VERIFICATION

/** A loopback address and a free port of it, so runs side by side do not meet. @return array{string,int} */
function sitesAddress(): array
{
    $host = '127.' . random_int(20, 220) . '.' . random_int(1, 250) . '.' . random_int(1, 250);
    $socket = stream_socket_server("tcp://$host:0", $errno, $error);
    $port = (int) substr((string) stream_socket_get_name($socket, false), strlen($host) + 1);
    fclose($socket);
    return [$host, $port];
}

[$host, $port] = sitesAddress();
$sb = Sandbox::start(['--seed=demo', "--sites=$host:$port"]);
$sb->adminOk('POST', '/config', ['rate_limit' => 100000]);

/** An HTTPS request to $name as a browser would make it (SNI, peer verified against the sandbox's CA). */
function visit(Sandbox $sb, string $host, int $port, string $name): Reply
{
    return http('GET', "https://$name:$port/", [], null, [
        CURLOPT_RESOLVE => ["$name:$port:$host"],
        CURLOPT_CAINFO => $sb->info['sites_ca'],
        CURLOPT_CERTINFO => true,
    ]);
}

/** The end date of the certificate presented for $name, unverified (0 when none). */
function presentedUntil(string $host, int $port, string $name): int
{
    $context = stream_context_create(['ssl' => ['capture_peer_cert' => true, 'verify_peer' => false, 'verify_peer_name' => false, 'peer_name' => $name]]);
    $socket = @stream_socket_client("ssl://$host:$port", $errno, $error, 5, STREAM_CLIENT_CONNECT, $context);
    if ($socket === false) {
        return 0;
    }
    $cert = stream_context_get_options($context)['ssl']['peer_certificate'] ?? null;
    fclose($socket);
    return $cert === null ? 0 : (int) openssl_x509_parse($cert)['validTo_time_t'];
}

test('the first line names the HTTPS address and the CA file', function () use ($sb, $host, $port) {
    same("$host:$port", $sb->info['sites']);
    check(is_file($sb->info['sites_ca']) && str_contains((string) file_get_contents($sb->info['sites_ca']), 'BEGIN CERTIFICATE'), 'CA file');
});

test('a name covered by the web app\'s certificate verifies; a name without one fails the handshake', function () use ($sb, $host, $port) {
    $ok = visit($sb, $host, $port, 'network.test');
    same(0, $ok->errno, $ok->error);
    same(200, $ok->status);
    $none = visit($sb, $host, $port, 'nothing.test');
    same(CURL_CONNECT_TLS_FAILED, $none->errno, $none->error);
});

test('a certificate issued through the API is presented by the time the answer arrives', function () use ($sb, $host, $port) {
    status(200, $sb->api('POST', '/servers/1/webapps/1/domains', ['body' => ['name' => 'shop.example.org', 'www' => true]]));
    same(CURL_CONNECT_TLS_FAILED, visit($sb, $host, $port, 'shop.example.org')->errno, 'before the redeploy');
    status(200, $sb->api('PUT', '/servers/1/webapps/1/ssl/1'));
    foreach (['shop.example.org', 'www.shop.example.org'] as $name) {
        $reply = visit($sb, $host, $port, $name);
        same(0, $reply->errno, "$name: {$reply->error}");
    }
});

test('per-domain certificates in advanced mode; the basic one is no longer served; a deleted domain takes its own away', function () use ($sb, $host, $port) {
    status(200, $sb->api('POST', '/servers/1/webapps/1/ssl/advanced', ['body' => ['advancedSSL' => true, 'autoSSL' => false]]));
    same(CURL_CONNECT_TLS_FAILED, visit($sb, $host, $port, 'shop.example.org')->errno, 'the basic certificate, no longer served');
    $domain = $sb->api('POST', '/servers/1/webapps/1/domains', ['body' => ['name' => 'own.example.net']])->json();
    $settings = ['provider' => 'letsencrypt', 'authorizationMethod' => 'http-01', 'environment' => 'live', 'advancedSSL' => true, 'autoSSL' => false];
    status(200, $sb->api('POST', "/servers/1/webapps/1/domains/{$domain['id']}/ssl", ['body' => $settings]));
    same(0, visit($sb, $host, $port, 'own.example.net')->errno, 'its own certificate');
    status(200, $sb->api('DELETE', "/servers/1/webapps/1/domains/{$domain['id']}"));
    same(CURL_CONNECT_TLS_FAILED, visit($sb, $host, $port, 'own.example.net')->errno, 'after the domain was deleted');
});

test('the clock moved past the end: the certificate presented has expired and fails verification', function () use ($sb, $host, $port) {
    $before = presentedUntil($host, $port, 'network.test');
    check($before === 0 || $before > time(), 'presented before');
    status(200, $sb->api('POST', '/servers/1/webapps/1/ssl/advanced', ['body' => ['advancedSSL' => false, 'autoSSL' => false]]));
    check(presentedUntil($host, $port, 'network.test') > time(), 'valid while the model says so');
    $sb->adminOk('POST', '/clock', ['advance' => 91 * 86400]);
    $until = presentedUntil($host, $port, 'network.test');
    check($until > 0 && $until <= time(), 'an expired certificate is presented (until ' . gmdate('c', $until) . ')');
    $reply = visit($sb, $host, $port, 'network.test');
    same(CURL_VERIFY_FAILED, $reply->errno, $reply->error);
});

test('--sites takes only a loopback address', function () {
    $out = (string) shell_exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(realpath(SANDBOX_BIN)) . ' serve --sites=10.0.0.1 2>&1');
    check(str_contains($out, '--sites must be an IPv4 loopback address'), $out);
});

run_tests('sites');
