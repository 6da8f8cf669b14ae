<?php

declare(strict_types=1);

// Each fault type, what the client sees, what the sandbox did, and how matching and counting work.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$sb->adminOk('POST', '/config', ['rate_limit' => 100000]);
const APP = '/servers/1/webapps/1';

function names(Sandbox $sb): array
{
    return array_column($sb->adminOk('GET', '/state?webapp=1')['servers'][0]['webapps'][0]['domains'], 'name');
}

function lastEntry(Sandbox $sb): array
{
    $journal = $sb->journal();
    return end($journal);
}

test('status: an HTML 502 page for the next N matching requests, then normal answers', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 502, 'path' => '/domains', 'count' => 2]);
    foreach ([1, 2] as $n) {
        $reply = $sb->api('GET', APP . '/domains');
        status(502, $reply, "request $n");
        check(str_contains($reply->body, '<title>502 Bad Gateway</title>'), 'an HTML error page');
        same('text/html; charset=UTF-8', $reply->header('content-type'));
        check($reply->header('x-ratelimit-limit') !== null, 'rate-limit headers still sent');
    }
    status(200, $sb->api('GET', APP . '/domains'), 'third request');
    same(['status' => 502, 'fault' => 'status'], array_intersect_key($sb->journal()[1], ['status' => 0, 'fault' => 0]));
});

test('status: any body, content type and headers', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 503, 'body' => '{"message":"Maintenance"}', 'headers' => ['Retry-After' => '7', 'X-Extra' => 'yes']]);
    $reply = $sb->api('GET', '/ping');
    status(503, $reply);
    same(['message' => 'Maintenance'], $reply->json());
    same(['application/json', '7', 'yes'], [$reply->header('content-type'), $reply->header('retry-after'), $reply->header('x-extra')]);
    $sb->fault(['type' => 'status', 'status' => 500, 'body' => 'oops', 'content_type' => 'text/plain']);
    $plain = $sb->api('GET', '/ping');
    same([500, 'oops'], [$plain->status, $plain->body]);
    check(str_starts_with((string) $plain->header('content-type'), 'text/plain'), 'content type');
});

test('faults match on method and on a substring of the path only', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 500, 'method' => 'post', 'path' => '/webapps/1/domains']);
    status(200, $sb->api('GET', APP . '/domains'), 'GET does not match');
    status(200, $sb->api('GET', '/ping'), 'other path does not match');
    status(500, $sb->api('POST', APP . '/domains', ['body' => ['name' => 'm.example.com']]), 'POST matches');
    same([], $sb->adminOk('GET', '/faults')['data'], 'used up');
    check(!in_array('m.example.com', names($sb), true), 'status faults do not reach the API by default');
});

test('status with process:true: the API did the work, the client got a 500', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 500, 'process' => true, 'method' => 'POST']);
    status(500, $sb->api('POST', APP . '/domains', ['body' => ['name' => 'processed.example.com']]));
    check(in_array('processed.example.com', names($sb), true), 'domain was added');
});

test('delay: the answer comes late but intact', function () use ($sb) {
    $sb->fault(['type' => 'delay', 'delay_ms' => 400, 'path' => '/ping']);
    $started = microtime(true);
    $reply = $sb->api('GET', '/ping');
    $elapsed = microtime(true) - $started;
    status(200, $reply);
    check($elapsed >= 0.4, "took {$elapsed}s");
    same('delay', lastEntry($sb)['fault']);
    $sb->api('GET', '/ping');
    $next = lastEntry($sb);
    check($next['fault'] === null && $next['duration_ms'] < 400, 'only once');
});

test('delay combines with another fault (a slow 504)', function () use ($sb) {
    $sb->fault(['type' => 'delay', 'delay_ms' => 200]);
    $sb->fault(['type' => 'status', 'status' => 504]);
    $started = microtime(true);
    status(504, $sb->api('GET', '/ping'));
    check(microtime(true) - $started >= 0.2, 'delayed');
    same('delay,status', lastEntry($sb)['fault']);
});

test('drop: headers then the connection closes (curl error 18); the add still happened', function () use ($sb) {
    $sb->fault(['type' => 'drop', 'method' => 'POST']);
    $reply = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'dropped.example.com']]);
    same(CURLE_PARTIAL_FILE, $reply->errno, 'curl error: ' . $reply->error);
    same('', $reply->body);
    check(in_array('dropped.example.com', names($sb), true), 'processed before the drop');
    $retry = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'dropped.example.com']]);
    status(422, $retry, 'a retry finds it taken');
    same('drop', $sb->journal()[count($sb->journal()) - 2]['fault']);
});

test('drop with process:false leaves the state alone', function () use ($sb) {
    $sb->fault(['type' => 'drop', 'method' => 'POST', 'process' => false]);
    same(CURLE_PARTIAL_FILE, $sb->api('POST', APP . '/domains', ['body' => ['name' => 'never.example.com']])->errno);
    check(!in_array('never.example.com', names($sb), true), 'not added');
});

test('truncate: Content-Length of the whole JSON, half of it sent (curl error 18)', function () use ($sb) {
    $full = $sb->api('GET', APP . '/domains');
    $sb->fault(['type' => 'truncate', 'path' => '/domains']);
    $reply = $sb->api('GET', APP . '/domains');
    same(CURLE_PARTIAL_FILE, $reply->errno);
    same(200, $reply->status);
    same((string) strlen($full->body), $reply->header('content-length'));
    same(substr($full->body, 0, intdiv(strlen($full->body), 2)), $reply->body);
    same(null, json_decode($reply->body));
});

test('malformed: a complete 200 answer whose JSON does not parse', function () use ($sb) {
    $sb->fault(['type' => 'malformed', 'path' => '/ping']);
    $reply = $sb->api('GET', '/ping');
    same([0, 200], [$reply->errno, $reply->status]);
    same('application/json', $reply->header('content-type'));
    same((string) strlen($reply->body), $reply->header('content-length'));
    json_decode($reply->body);
    check(json_last_error() !== JSON_ERROR_NONE, 'JSON must not parse: ' . $reply->body);
    $sb->fault(['type' => 'malformed', 'body' => '{"data":[']);
    same('{"data":[', $sb->api('GET', '/ping')->body);
});

test('redirect: a 302 to another host, which the client must not follow', function () use ($sb) {
    $sb->fault(['type' => 'redirect']);
    $reply = $sb->api('GET', APP . '/domains');
    status(302, $reply);
    same('http://127.0.0.2:1/login', $reply->header('location'));
    $sb->fault(['type' => 'redirect', 'location' => 'https://example.invalid/login', 'status' => 301]);
    $moved = $sb->api('GET', '/ping');
    same([301, 'https://example.invalid/login'], [$moved->status, $moved->header('location')]);
});

test('dns_not_pointed: the next install or redeploy is 422; other routes do not use it up', function () use ($sb) {
    $sb->fault(['type' => 'dns_not_pointed', 'count' => 2]);
    status(200, $sb->api('GET', APP . '/ssl'), 'a GET is unaffected');
    $id = $sb->api('GET', APP . '/ssl')->json()['id'];
    $reply = $sb->api('PUT', APP . "/ssl/$id");
    status(422, $reply);
    same(['message' => 'DNS of network.test does not point to this server.'], $reply->json());
    status(422, $sb->api('PUT', APP . "/ssl/$id"));
    status(200, $sb->api('PUT', APP . "/ssl/$id"), 'count used up');
    $sb->fault(['type' => 'dns_not_pointed', 'name' => 'shop.example.com']);
    same('DNS of shop.example.com does not point to this server.', $sb->api('PUT', APP . "/ssl/$id")->json()['message']);
});

test('ignore_search: the next searched list returns everything', function () use ($sb) {
    $all = $sb->api('GET', APP . '/domains')->json()['meta']['pagination']['total'];
    check($all > 2, 'several domains');
    $sb->fault(['type' => 'ignore_search']);
    same($all, $sb->api('GET', APP . '/domains')->json()['meta']['pagination']['total'], 'no search: nothing to ignore');
    same($all, $sb->api('GET', APP . '/domains?search=network.test')->json()['meta']['pagination']['total'], 'ignored');
    same(1, $sb->api('GET', APP . '/domains?search=network.test')->json()['meta']['pagination']['total'], 'honoured again');
    $sb->adminOk('POST', '/config', ['ignore_search' => true]);
    same($all, $sb->api('GET', APP . '/domains?search=network.test')->json()['meta']['pagination']['total'], 'config: always');
    $sb->adminOk('POST', '/config', ['ignore_search' => false]);
});

test('pending faults can be listed and cleared', function () use ($sb) {
    $id = $sb->fault(['type' => 'status', 'status' => 500, 'count' => 3, 'path' => '/nowhere']);
    same([['id' => $id, 'type' => 'status', 'method' => null, 'path' => '/nowhere', 'remaining' => 3, 'status' => 500]], $sb->adminOk('GET', '/faults')['data']);
    $sb->adminOk('DELETE', '/faults');
    same([], $sb->adminOk('GET', '/faults')['data']);
});

test('invalid fault documents are 422', function () use ($sb) {
    foreach ([['type' => 'explode'], [], ['type' => 'status', 'count' => 0], ['type' => 'status', 'status' => 99],
              ['type' => 'delay'], ['type' => 'redirect', 'status' => 200], ['type' => 'status', 'headers' => ['Bad Name' => 'x']]] as $spec) {
        status(422, $sb->admin('POST', '/faults', $spec), json_encode($spec));
    }
});

test('faults never touch the admin API', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 500]);
    status(200, $sb->admin('GET', '/state'));
    $sb->adminOk('DELETE', '/faults');
});

run_tests('faults');
