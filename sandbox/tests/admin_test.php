<?php

declare(strict_types=1);

// The admin API: its own secret, reset, seed, state, config, and the journal (which keeps no secret).
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo', '--admin-secret=admin-s3cret']);
const APP = '/servers/1/webapps/1';

test('the admin API takes only its own header: no secret, a wrong one, or API credentials get 401', function () use ($sb) {
    status(200, $sb->admin('GET', '/state'));
    status(401, $sb->admin('GET', '/state', null, 'wrong'));
    status(401, $sb->admin('GET', '/state', null, ''));
    foreach (['Authorization: Bearer demo-token', 'Authorization: Basic ' . base64_encode('demo-key:demo-secret'), 'Authorization: Bearer admin-s3cret'] as $header) {
        $reply = http('GET', $sb->url('/__sandbox/state'), [$header]);
        status(401, $reply, $header);
        same(['message' => 'Unauthenticated.'], $reply->json());
    }
});

test('the admin secret opens no API route', function () use ($sb) {
    status(401, http('GET', $sb->url('/api/v3/ping'), ['X-Sandbox-Admin: admin-s3cret']));
    status(401, http('GET', $sb->url('/api/v3/ping'), ['Authorization: Bearer admin-s3cret']));
    $refused = $sb->admin('POST', '/seed', ['credentials' => [['token' => 'admin-s3cret']]]);
    status(422, $refused, 'a token may not equal the admin secret');
});

test('unknown admin routes are 404 and wrong methods 405, as JSON', function () use ($sb) {
    status(404, $sb->admin('GET', '/nothing'));
    $reply = $sb->admin('GET', '/reset');
    status(405, $reply);
    check(isset($reply->json()['message']), 'JSON message');
});

test('state shows servers, web apps, domains, certificates and config as documented', function () use ($sb) {
    $state = $sb->adminOk('GET', '/state');
    same(['servers', 'credentials', 'config'], array_keys($state));
    same(['id' => 1, 'name' => 'demo-server', 'ip' => '127.0.0.1'], array_diff_key($state['servers'][0], ['webapps' => 0]));
    $app = $state['servers'][0]['webapps'][0];
    same(['id', 'name', 'domains', 'ssl', 'advanced_ssl', 'domain_ssl'], array_keys($app));
    same([1, 'network'], [$app['id'], $app['name']]);
    same($sb->api('GET', APP . '/domains')->json()['data'], $app['domains'], 'domains as the API shows them');
    same(['network.test'], $app['ssl']['names']);
    same(1, $app['ssl']['deploys']);
    same(['advancedSSL' => false, 'autoSSL' => false], $app['advanced_ssl']);
    same(['token#1', 'key#2'], $state['credentials']);
    same(['rate_limit' => 60, 'rate_window' => 60, 'allow_ips' => [], 'latency_ms' => 0, 'unpointed' => [], 'ignore_search' => false,
        'clock_offset' => 0, 'ca_max_names' => 100, 'ca_duplicate_limit' => 5, 'ca_duplicate_window' => 604800, 'ca_domain_limit' => 50,
        'ca_domain_window' => 604800, 'ca_order_limit' => 300, 'ca_order_window' => 10800, 'ca_validity_days' => 90, 'ca_renewal_days' => 30], $state['config']);
    status(404, $sb->admin('GET', '/state?webapp=999'));
});

test('seed adds credentials, servers, web apps, listed and bulk domains and certificates', function () use ($sb) {
    $result = $sb->adminOk('POST', '/seed', [
        'credentials' => [['token' => 'T2'], ['key' => 'K2', 'secret' => 'S2']],
        'servers' => [['id' => 3, 'name' => 's3', 'ip' => '127.0.0.3', 'webapps' => [[
            'id' => 30, 'name' => 'app30', 'primary' => 'net30.test',
            'domains' => ['a.net30.test', ['name' => '*.net30.test'], ['name' => 'r.net30.test', 'type' => 'redirect', 'www' => true, 'redirection' => 'www']],
            'bulk' => ['count' => 25, 'pattern' => 'b%d.net30.test', 'start' => 100],
            'ssl' => ['provider' => 'letsencrypt', 'enableHsts' => true],
            'advanced_ssl' => ['advancedSSL' => true, 'autoSSL' => true],
        ]]]],
        'config' => ['rate_limit' => 1000],
    ]);
    same(['ok' => true, 'domains' => 29, 'credentials' => ['token#3', 'key#4'], 'servers' => [3], 'webapps' => [30]], $result);
    $app = $sb->adminOk('GET', '/state?webapp=30')['servers'][0]['webapps'][0];
    same(29, count($app['domains']));
    same('b124.net30.test', end($app['domains'])['name']);
    same([1, 1], [$app['domains'][2]['wildcard'], $app['domains'][3]['www']]);
    same('primary', $app['domains'][0]['type']);
    same([true, 30], [$app['ssl']['enable_hsts'], count($app['ssl']['names'])], 'every name, and the www. twin of the one with www on');
    check(in_array('www.r.net30.test', $app['ssl']['names'], true), 'the www. twin');
    same(['advancedSSL' => true, 'autoSSL' => true], $app['advanced_ssl']);
    status(200, $sb->api('GET', '/servers/3/webapps/30/domains', ['token' => 'T2']));
    status(200, $sb->api('GET', '/ping', ['version' => 'v2', 'basic' => ['K2', 'S2']]));
    same(1000, $sb->adminOk('GET', '/config')['rate_limit']);
});

test('a bad seed document is 422 naming the place, and adds nothing at all', function () use ($sb) {
    $before = $sb->adminOk('GET', '/state');
    $cases = [
        [['servers' => [['webapps' => [['primary' => 'not a name']]]]], 'servers.0.webapps.0.primary'],
        [['credentials' => [['key' => 'only-key']]], 'credentials.0'],
        [['servers' => [['id' => 'x']]], 'servers.0.id'],
        [['servers' => [['webapps' => [['bulk' => ['count' => 5, 'pattern' => 'no-placeholder.test']]]]]], 'servers.0.webapps.0.bulk.pattern'],
        [['servers' => [['id' => 3, 'webapps' => [['id' => 1]]]]], 'servers.0.webapps.0.id'],
        [['credentials' => [['token' => 'fine']], 'config' => ['rate_limit' => 'many']], 'rate_limit'],
    ];
    foreach ($cases as [$doc, $where]) {
        $reply = $sb->admin('POST', '/seed', $doc);
        status(422, $reply, json_encode($doc));
        check(array_key_exists($where, $reply->json()['errors']), "error at $where: " . $reply->body);
    }
    same($before, $sb->adminOk('GET', '/state'), 'state unchanged');
    status(401, $sb->api('GET', '/ping', ['token' => 'fine']), 'credential from the failed document not added');
    status(422, http('POST', $sb->url('/__sandbox/seed'), ['X-Sandbox-Admin: admin-s3cret'], '{broken'));
});

test('config merges keys and answers the whole config', function () use ($sb) {
    $config = $sb->adminOk('POST', '/config', ['latency_ms' => 0, 'unpointed' => ['X.test']]);
    same(['x.test'], $config['unpointed']);
    same(1000, $config['rate_limit'], 'other keys kept');
});

test('the journal records method, path, query, body, credential, auth and connection', function () use ($sb) {
    $sb->adminOk('DELETE', '/journal');
    $sb->api('POST', APP . '/domains?x=1', ['body' => ['name' => 'j.example.com', 'www' => false]]);
    $sb->api('GET', APP . '/domains?page=2&search=j', ['version' => 'v2', 'basic' => ['demo-key', 'demo-secret']]);
    $sb->api('GET', '/ping', ['token' => '']);
    $sb->api('POST', '/ping', ['body' => 'plain text', 'headers' => ['Content-Type: text/plain']]);
    http('GET', $sb->url('/no/such/route'));
    $sb->adminOk('GET', '/state');
    $j = $sb->journal();
    same(5, count($j), 'admin calls are not journaled');
    same(['POST', '/api/v3' . APP . '/domains', ['x' => '1'], ['name' => 'j.example.com', 'www' => false], 'token#1', 'bearer', 200, null],
        [$j[0]['method'], $j[0]['path'], $j[0]['query'], $j[0]['body'], $j[0]['credential'], $j[0]['auth'], $j[0]['status'], $j[0]['fault']]);
    same([['page' => '2', 'search' => 'j'], null, 'key#2', 'basic', 'v2'], [$j[1]['query'], $j[1]['body'], $j[1]['credential'], $j[1]['auth'], $j[1]['version']]);
    same([null, 'none', 401], [$j[2]['credential'], $j[2]['auth'], $j[2]['status']]);
    same(['plain text', 405], [$j[3]['body'], $j[3]['status']]);
    same(['/no/such/route', 404, null], [$j[4]['path'], $j[4]['status'], $j[4]['version']]);
    check((bool) preg_match('/^127\.0\.0\.1:\d+$/', $j[0]['connection']), 'php -S connection is the client address:port: ' . $j[0]['connection']);
    check((bool) preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/', $j[0]['time']), 'time');
    same('127.0.0.1', $j[0]['remote_addr']);
    check($j[0]['id'] < $j[1]['id'], 'ids grow');
    same(array_slice($j, 3), $sb->journal($j[2]['id']), '?since= gives later entries');
    same(1, count($sb->adminOk('GET', '/journal?limit=1')['data']), '?limit=');
});

test('the journal and the database keep no secret', function () use ($sb) {
    $sb->api('POST', APP . '/domains', ['body' => ['name' => 'k.example.com', 'apiSecret' => 'body-secret-1', 'nested' => ['token' => 'body-secret-2']]]);
    $sb->api('POST', APP . '/domains', ['version' => 'v2', 'basic' => ['demo-key', 'demo-secret'], 'body' => 'privateKey=body-secret-3&name=f.example.com', 'headers' => ['Content-Type: application/x-www-form-urlencoded']]);
    $sb->api('GET', '/ping?api_token=query-secret', ['token' => 'wrong-token-value']);
    $text = $sb->admin('GET', '/journal')->body;
    $files = glob($sb->info['db'] . '*');
    check(count($files) >= 1, 'database files found');
    $stored = implode('', array_map('file_get_contents', $files));
    $secrets = ['demo-token', 'demo-secret', 'demo-key', base64_encode('demo-key:demo-secret'), 'Bearer', 'body-secret-1',
                'body-secret-2', 'body-secret-3', 'query-secret', 'wrong-token-value', 'admin-s3cret'];
    foreach ($secrets as $secret) {
        check(!str_contains($text, $secret), "journal holds $secret");
        check(!str_contains($stored, $secret), "database holds $secret");
    }
    check(str_contains($text, '[redacted]'), 'secret-looking fields are replaced');
});

test('reset empties everything and restarts ids', function () use ($sb) {
    $sb->fault(['type' => 'status', 'status' => 500, 'path' => '/never']);
    $sb->adminOk('POST', '/reset');
    same(['servers' => [], 'credentials' => [], 'config' => ['rate_limit' => 60, 'rate_window' => 60, 'allow_ips' => [], 'latency_ms' => 0, 'unpointed' => [], 'ignore_search' => false,
        'clock_offset' => 0, 'ca_max_names' => 100, 'ca_duplicate_limit' => 5, 'ca_duplicate_window' => 604800, 'ca_domain_limit' => 50,
        'ca_domain_window' => 604800, 'ca_order_limit' => 300, 'ca_order_window' => 10800, 'ca_validity_days' => 90, 'ca_renewal_days' => 30]],
        $sb->adminOk('GET', '/state'));
    same([], $sb->journal());
    same([], $sb->adminOk('GET', '/faults')['data']);
    status(401, $sb->api('GET', '/ping'));
    $sb->adminOk('POST', '/seed', ['credentials' => [['token' => 'demo-token']], 'servers' => [['webapps' => [['primary' => 'fresh.test']]]]]);
    $state = $sb->adminOk('GET', '/state');
    same([1, 1, 1], [$state['servers'][0]['id'], $state['servers'][0]['webapps'][0]['id'], $state['servers'][0]['webapps'][0]['domains'][0]['id']]);
    same(['token#1'], $state['credentials']);
});

run_tests('admin');
