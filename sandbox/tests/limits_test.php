<?php

declare(strict_types=1);

// Rate limiting (headers, 429, Retry-After, windows), the IP allow-list, and configured latency.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$sb->adminOk('POST', '/seed', ['credentials' => [['token' => 'rl-a'], ['token' => 'rl-b'], ['token' => 'rl-c'], ['key' => 'rl-key', 'secret' => 's']]]);
const APP = '/servers/1/webapps/1';

test('every API answer carries X-RateLimit-Limit and a falling X-RateLimit-Remaining', function () use ($sb) {
    $replies = [
        $sb->api('GET', '/ping'),
        $sb->api('GET', APP . '/domains/99999'),
        $sb->api('DELETE', '/ping'),
        $sb->api('POST', APP . '/domains', ['body' => ['name' => '']]),
        $sb->api('GET', '/nowhere'),
    ];
    same([200, 404, 405, 422, 404], array_map(static fn (Reply $r) => $r->status, $replies));
    same(['60'], array_values(array_unique(array_map(static fn (Reply $r) => $r->header('x-ratelimit-limit'), $replies))));
    same(['59', '58', '57', '56', '55'], array_map(static fn (Reply $r) => $r->header('x-ratelimit-remaining'), $replies));
    $anonymous = $sb->api('GET', '/ping', ['token' => '']);
    status(401, $anonymous);
    check($anonymous->header('x-ratelimit-remaining') !== null, 'a 401 carries them too');
});

test('past the limit: 429 Too Many Attempts. with Retry-After; rejected calls are not counted', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['rate_limit' => 3]);
    foreach (['2', '1', '0'] as $left) {
        same($left, $sb->api('GET', '/ping', ['token' => 'rl-a'])->header('x-ratelimit-remaining'));
    }
    foreach ([1, 2] as $n) {
        $reply = $sb->api('GET', '/ping', ['token' => 'rl-a']);
        status(429, $reply, "extra call $n");
        same(['message' => 'Too Many Attempts.'], $reply->json());
        $retry = $reply->header('retry-after');
        check($retry !== null && ctype_digit($retry) && (int) $retry >= 1 && (int) $retry <= 60, "Retry-After in whole seconds: $retry");
        same(['3', '0'], [$reply->header('x-ratelimit-limit'), $reply->header('x-ratelimit-remaining')]);
    }
    same(429, lastStatus($sb));
});

function lastStatus(Sandbox $sb): int
{
    $journal = $sb->journal();
    return end($journal)['status'];
}

test('each credential has its own budget (token or key pair)', function () use ($sb) {
    status(200, $sb->api('GET', '/ping', ['token' => 'rl-b']));
    status(200, $sb->api('GET', '/ping', ['version' => 'v2', 'basic' => ['rl-key', 's']]));
    status(429, $sb->api('GET', '/ping', ['token' => 'rl-a']));
});

test('the window reopens after rate_window seconds', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['rate_limit' => 2, 'rate_window' => 1]);
    status(200, $sb->api('GET', '/ping', ['token' => 'rl-c']));
    status(200, $sb->api('GET', '/ping', ['token' => 'rl-c']));
    $limited = $sb->api('GET', '/ping', ['token' => 'rl-c']);
    status(429, $limited);
    same('1', $limited->header('retry-after'));
    usleep(1100000);
    status(200, $sb->api('GET', '/ping', ['token' => 'rl-c']), 'after Retry-After');
});

test('calls without a valid credential are limited per client address', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['rate_limit' => 2, 'rate_window' => 60]);
    status(401, $sb->api('GET', '/ping', ['token' => 'bad-1']));
    status(401, $sb->api('GET', '/ping', ['token' => '']));
    status(429, $sb->api('GET', '/ping', ['token' => 'bad-2']));
    $sb->adminOk('POST', '/config', ['rate_limit' => 100000, 'rate_window' => 60]);
});

test('an IP allow-list refuses other addresses with 401', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['allow_ips' => ['127.0.0.2']]);
    $refused = $sb->api('GET', '/ping');
    status(401, $refused);
    same(['message' => 'Unauthenticated.'], $refused->json());
    $allowed = $sb->api('GET', '/ping', ['curl' => [CURLOPT_INTERFACE => '127.0.0.2']]);
    status(200, $allowed, 'from 127.0.0.2');
    $journal = $sb->journal();
    same('127.0.0.2', end($journal)['remote_addr']);
    $sb->adminOk('POST', '/config', ['allow_ips' => ['127.0.0.0/30']]);
    status(200, $sb->api('GET', '/ping'), 'CIDR range');
    $sb->adminOk('POST', '/config', ['allow_ips' => ['::1', '10.0.0.0/8']]);
    status(401, $sb->api('GET', '/ping'), 'not in the list');
    status(200, $sb->admin('GET', '/state'), 'the admin API is not subject to it');
    $sb->adminOk('POST', '/config', ['allow_ips' => []]);
    status(200, $sb->api('GET', '/ping'), 'empty list allows all');
});

test('invalid settings are refused with 422', function () use ($sb) {
    foreach ([['allow_ips' => ['not-an-ip']], ['allow_ips' => ['127.0.0.1/33']], ['rate_limit' => 0], ['latency_ms' => -1],
              ['ignore_search' => 'yes'], ['unpointed' => 'a.test'], ['colour' => 'blue']] as $bad) {
        status(422, $sb->admin('POST', '/config', $bad), json_encode($bad));
    }
});

test('latency_ms delays every API answer, not the admin API', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['latency_ms' => 1000]);
    foreach (['/ping', '/nowhere'] as $path) {
        $started = microtime(true);
        $sb->api('GET', $path);
        check(microtime(true) - $started >= 1.0, "$path delayed");
    }
    $started = microtime(true);
    $sb->admin('GET', '/config');
    check(microtime(true) - $started < 0.8, 'admin not delayed');
    $sb->adminOk('POST', '/config', ['latency_ms' => 0]);
});

run_tests('limits');
