<?php

declare(strict_types=1);

// Behind nginx: verified TLS, HTTP/2, keep-alive connection reuse, and faults as a client sees them there.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo', '--tls']);
$sb->adminOk('POST', '/config', ['rate_limit' => 100000]);
const APP = '/servers/1/webapps/1';
const CURL_VERIFY_FAILED = 60;   // CURLE_PEER_FAILED_VERIFICATION
const CURL_HTTP2_STREAM = 92;    // CURLE_HTTP2_STREAM

function lastEntries(Sandbox $sb, int $n): array
{
    return array_slice($sb->journal(), -$n);
}

test('the first line names an https URL, the CA file and nginx mode', function () use ($sb) {
    check((bool) preg_match('#^https://127\.0\.0\.1:\d+$#', $sb->info['url']), $sb->info['url']);
    check(is_file($sb->info['ca']) && str_contains(file_get_contents($sb->info['ca']), 'BEGIN CERTIFICATE'), 'CA file');
    same('nginx', $sb->info['mode']);
});

test('HTTPS verifies against the CA; without it verification fails (curl error 60)', function () use ($sb) {
    status(200, $sb->api('GET', '/ping'));
    $reply = http('GET', $sb->url('/api/v3/ping'), ['Authorization: Bearer demo-token']);
    same(CURL_VERIFY_FAILED, $reply->errno, $reply->error);
});

test('curl --http2 -k shows HTTP/2 200', function () use ($sb) {
    $command = 'curl --http2 -k -sS -I -H ' . escapeshellarg('Authorization: Bearer demo-token') . ' ' . escapeshellarg($sb->url('/api/v3/ping'));
    $output = (string) shell_exec($command . ' 2>&1');
    check(str_starts_with($output, 'HTTP/2 200'), $output);
    $verified = (string) shell_exec('curl -sS -o /dev/null -w "%{http_version} %{http_code}" --cacert ' . escapeshellarg($sb->info['ca'])
        . ' -H "Authorization: Bearer demo-token" ' . escapeshellarg($sb->url('/api/v3/ping')) . ' 2>&1');
    same('2 200', $verified);
});

test('HTTP/2: two requests on one handle share one connection (journal)', function () use ($sb) {
    $ch = curl_init();
    $o = ['handle' => $ch, 'curl' => [CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_2TLS]];
    $first = $sb->api('GET', '/ping', $o);
    $second = $sb->api('GET', APP . '/domains', $o);
    same([CURL_HTTP_VERSION_2_0, CURL_HTTP_VERSION_2_0], [$first->info['http_version'], $second->info['http_version']]);
    same([1, 0], [$first->info['num_connects'], $second->info['num_connects']], 'new connections per request');
    curl_close($ch);
    [$a, $b] = lastEntries($sb, 2);
    same($a['connection'], $b['connection']);
    same(['HTTP/2.0', 'HTTP/2.0', 1, 2], [$a['protocol'], $b['protocol'], $a['connection_requests'], $b['connection_requests']]);
    check(str_starts_with($a['connection'], 'nginx#'), $a['connection']);
});

test('HTTP/1.1 keep-alive: one connection for two requests; separate handles use two', function () use ($sb) {
    $ch = curl_init();
    $o = ['handle' => $ch, 'curl' => [CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1]];
    $sb->api('GET', '/ping', $o);
    $second = $sb->api('GET', '/ping', $o);
    same(0, $second->info['num_connects'], 'reused');
    curl_close($ch);
    [$a, $b] = lastEntries($sb, 2);
    same([$a['connection'], 'HTTP/1.1', 2], [$b['connection'], $b['protocol'], $b['connection_requests']]);
    $sb->api('GET', '/ping', ['curl' => [CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1]]);
    $sb->api('GET', '/ping', ['curl' => [CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1]]);
    [$c, $d] = lastEntries($sb, 2);
    check($c['connection'] !== $d['connection'], 'two handles, two connections');
});

test('a new connection that resumes the TLS session is journaled as tls_reused', function () use ($sb) {
    $share = curl_share_init();
    curl_share_setopt($share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    foreach ([1, 2] as $n) {
        $sb->api('GET', '/ping', ['curl' => [CURLOPT_SHARE => $share, CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1]]);
    }
    [$a, $b] = lastEntries($sb, 2);
    check($a['connection'] !== $b['connection'], 'two connections');
    same([false, true], [$a['tls_reused'], $b['tls_reused']]);
});

test('links, client address and request details come through nginx intact', function () use ($sb) {
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [['id' => 1, 'bulk' => ['count' => 30, 'pattern' => 't%d.test']]]]]]);
    $next = $sb->api('GET', APP . '/domains?search=t')->json()['meta']['pagination']['links']['next'];
    same($sb->url('/api/v3' . APP . '/domains?page=2&perPage=20&search=t'), $next);
    $sb->api('POST', APP . '/domains?q=1', ['body' => ['name' => 'via-nginx.test'], 'curl' => [CURLOPT_INTERFACE => '127.0.0.2']]);
    $entry = lastEntries($sb, 1)[0];
    same(['127.0.0.2', ['q' => '1'], ['name' => 'via-nginx.test'], 'token#1'], [$entry['remote_addr'], $entry['query'], $entry['body'], $entry['credential']]);
});

test('the backend believes proxy headers only from this nginx', function () use ($sb) {
    $forged = ['Authorization: Bearer demo-token', 'X-Real-IP: 10.9.9.9', 'X-Sandbox-Connection: 4242', 'X-Sandbox-Proxy-Key: guess'];
    status(200, http('GET', $sb->info['backend'] . '/api/v3/ping', $forged));
    $entry = lastEntries($sb, 1)[0];
    same('127.0.0.1', $entry['remote_addr']);
    check(str_starts_with($entry['connection'], '127.0.0.1:'), $entry['connection']);
});

test('a 1.5 MB admin body passes nginx', function () use ($sb) {
    $names = array_map(static fn (int $i): string => "large-body-domain-$i.example.test", range(1, 40000));
    $reply = $sb->admin('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [['id' => 3, 'name' => 'big', 'domains' => $names]]]]]);
    status(200, $reply);
    same(40000, $reply->json()['domains']);
});

test('faults through nginx: drop and truncate end in curl 18 (HTTP/1.1) or 92 (HTTP/2)', function () use ($sb) {
    foreach (['drop', 'truncate'] as $type) {
        foreach ([[CURL_HTTP_VERSION_1_1, CURLE_PARTIAL_FILE], [CURL_HTTP_VERSION_2TLS, CURL_HTTP2_STREAM]] as [$version, $errno]) {
            $sb->fault(['type' => $type, 'path' => '/ping']);
            $reply = $sb->api('GET', '/ping', ['curl' => [CURLOPT_HTTP_VERSION => $version]]);
            same($errno, $reply->errno, "$type over " . ($version === CURL_HTTP_VERSION_1_1 ? 'HTTP/1.1' : 'HTTP/2') . ': ' . $reply->error);
        }
    }
    $sb->fault(['type' => 'truncate', 'path' => '/ping']);
    same('{"message', $sb->api('GET', '/ping', ['curl' => [CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1]])->body, 'half of {"message":"pong"}');
});

test('faults through nginx: status pages, redirects, malformed JSON and delays pass unchanged', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 502]);
    $bad = $sb->api('GET', '/ping');
    same([502, true], [$bad->status, str_contains($bad->body, '502 Bad Gateway')]);
    $sb->fault(['type' => 'redirect']);
    same([302, 'http://127.0.0.2:1/login'], [($r = $sb->api('GET', '/ping'))->status, $r->header('location')]);
    $sb->fault(['type' => 'malformed']);
    $m = $sb->api('GET', '/ping');
    same([200, 0, null], [$m->status, $m->errno, json_decode($m->body)]);
    $sb->fault(['type' => 'delay', 'delay_ms' => 300]);
    $started = microtime(true);
    status(200, $sb->api('GET', '/ping'));
    check(microtime(true) - $started >= 0.3, 'delayed');
    status(200, $sb->api('GET', '/ping'), 'a connection is fine after the faults');
});

test('--tls-name makes the certificate for that name only', function () {
    $named = Sandbox::start(['--seed=demo', '--tls-name=api.runcloud.test']);
    $port = parse_url($named->info['url'], PHP_URL_PORT);
    same('api.runcloud.test', $named->info['tls_name']);
    $reply = http('GET', "https://api.runcloud.test:$port/api/v3/ping", ['Authorization: Bearer demo-token'], null,
        [CURLOPT_CAINFO => $named->info['ca'], CURLOPT_RESOLVE => ["api.runcloud.test:$port:127.0.0.1"]]);
    status(200, $reply);
    $mismatch = $named->api('GET', '/ping');
    same(CURL_VERIFY_FAILED, $mismatch->errno, 'the certificate is not for 127.0.0.1');
    same(0, $named->stop());
});

test('stopping ends nginx and php -S and closes the port', function () use ($sb) {
    $port = (int) parse_url($sb->info['url'], PHP_URL_PORT);
    $ca = $sb->info['ca'];
    same(0, $sb->stop());
    check(@stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 0.5) === false, 'port closed');
    check(!file_exists($ca), 'certificates removed');
});

run_tests('tls');
