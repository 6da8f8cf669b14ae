<?php

declare(strict_types=1);

// Servers and web apps: RunCloud-shaped objects, pagination, search, and what each credential sees.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);

// 45 servers for one credential (more than a page of 40), two web apps each; another credential sees two.
$servers = [];
for ($i = 1; $i <= 45; $i++) {
    $servers[] = ['id' => 100 + $i, 'name' => "node-$i", 'ip' => "10.0.0.$i", 'webapps' => [
        ['id' => 1000 + 2 * $i, 'name' => "shop-$i", 'primary' => "shop-$i.test"],
        ['id' => 1001 + 2 * $i, 'name' => "blog-$i", 'primary' => "blog-$i.test", 'phpVersion' => 'php83rc', 'type' => 'custom'],
    ]];
}
$servers[] = ['id' => 200, 'name' => 'custom', 'ip' => '192.0.2.10', 'provider' => 'DigitalOcean', 'os' => 'Ubuntu', 'osVersion' => 'noble',
    'connected' => false, 'online' => false, 'agentVersion' => '2.9.0', 'webapps' => [
        ['id' => 2000, 'name' => 'net', 'server_user_id' => 7, 'rootPath' => '/home/u/webapps/net', 'publicPath' => '/home/u/webapps/net/public',
         'stack' => 'nativenginx', 'stackMode' => 'development', 'defaultApp' => true, 'alias' => 'net-alias', 'primary' => 'net.example.com'],
    ]];
$seeded = $sb->adminOk('POST', '/seed', [
    'config' => ['rate_limit' => 100000],
    'credentials' => [
        ['token' => 'fleet', 'servers' => array_merge(array_column($servers, 'id'), [1])],
        ['token' => 'pair', 'servers' => [101, 200]],
        ['key' => 'pair-key', 'secret' => 'pair-secret', 'servers' => [101, 200]],
    ],
    'servers' => $servers,
]);

const SERVER_KEYS = ['id', 'name', 'provider', 'stack', 'ipAddress', 'country_iso_code', 'os', 'osVersion', 'connected', 'online',
    'agentVersion', 'phpCLIVersion', 'softwareUpdate', 'securityUpdate', 'transferStatus', 'created_at', 'tags'];
const WEBAPP_KEYS = ['id', 'server_user_id', 'name', 'rootPath', 'publicPath', 'phpVersion', 'stack', 'stackMode', 'type', 'defaultApp', 'alias', 'created_at'];

test('the seed answers the ids it created', function () use ($seeded) {
    same(46, count($seeded['servers']));
    same(91, count($seeded['webapps']));
});

test('a server object has RunCloud\'s fields, with defaults for what the seed left out', function () use ($sb) {
    $s = $sb->api('GET', '/servers/101', ['token' => 'fleet'])->json();
    same(SERVER_KEYS, array_keys($s));
    same([101, 'node-1', '10.0.0.1', 'Localhost', 'Ubuntu', true, true, 'nginx'], [$s['id'], $s['name'], $s['ipAddress'], $s['provider'], $s['os'], $s['connected'], $s['online'], $s['stack']]);
    check(is_string($s['osVersion']) && is_string($s['agentVersion']), 'osVersion and agentVersion are strings');
    check((bool) preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $s['created_at']), 'created_at format');
});

test('a server object carries what the seed set', function () use ($sb) {
    $s = $sb->api('GET', '/servers/200', ['token' => 'pair'])->json();
    same(['custom', '192.0.2.10', 'DigitalOcean', 'noble', false, false, '2.9.0'], [$s['name'], $s['ipAddress'], $s['provider'], $s['osVersion'], $s['connected'], $s['online'], $s['agentVersion']]);
});

test('a web app object has RunCloud\'s fields; paths follow the name unless seeded', function () use ($sb) {
    $w = $sb->api('GET', '/servers/101/webapps/1003', ['token' => 'fleet'])->json();
    same(WEBAPP_KEYS, array_keys($w));
    same([1003, 'blog-1', 'php83rc', 'custom', '/home/runcloud/webapps/blog-1', '/home/runcloud/webapps/blog-1', false, null, 1],
        [$w['id'], $w['name'], $w['phpVersion'], $w['type'], $w['rootPath'], $w['publicPath'], $w['defaultApp'], $w['alias'], $w['server_user_id']]);
    $n = $sb->api('GET', '/servers/200/webapps/2000', ['token' => 'pair'])->json();
    same([7, '/home/u/webapps/net', '/home/u/webapps/net/public', 'nativenginx', 'development', true, 'net-alias', 'wordpress'],
        [$n['server_user_id'], $n['rootPath'], $n['publicPath'], $n['stack'], $n['stackMode'], $n['defaultApp'], $n['alias'], $n['type']]);
});

test('the demo server and web app are listed', function () use ($sb) {
    $list = $sb->api('GET', '/servers')->json();
    same(1, $list['data'][0]['id']);
    same('demo-server', $list['data'][0]['name']);
    same(['network'], array_column($sb->api('GET', '/servers/1/webapps')->json()['data'], 'name'));
});

test('servers are paginated like domains: perPage clamps to 40, page 2 has the rest, links carry search', function () use ($sb) {
    $first = $sb->api('GET', '/servers?perPage=100', ['token' => 'fleet'])->json();
    same(40, count($first['data']));
    same(['total' => 47, 'count' => 40, 'per_page' => 40, 'current_page' => 1, 'total_pages' => 2], array_diff_key($first['meta']['pagination'], ['links' => 0]));
    check(str_contains($first['meta']['pagination']['links']['next'], 'page=2'), 'next link');
    $second = $sb->api('GET', '/servers?perPage=40&page=2', ['token' => 'fleet'])->json();
    same(7, count($second['data']));
    same([1, ...range(101, 145), 200], array_merge(array_column($first['data'], 'id'), array_column($second['data'], 'id')), 'every server once, by id');
    same(20, count($sb->api('GET', '/servers', ['token' => 'fleet'])->json()['data']), 'default perPage');
    same([], $sb->api('GET', '/servers?page=9', ['token' => 'fleet'])->json()['data']);
});

test('server search matches name or IP address, case-insensitively', function () use ($sb) {
    same([104, 140, 141, 142, 143, 144, 145], array_column($sb->api('GET', '/servers?search=NODE-4', ['token' => 'fleet'])->json()['data'], 'id'));
    same([200], array_column($sb->api('GET', '/servers?search=192.0.2', ['token' => 'fleet'])->json()['data'], 'id'));
    $page = $sb->api('GET', '/servers?search=node&perPage=10', ['token' => 'fleet'])->json()['meta']['pagination'];
    same(45, $page['total']);
    check(str_contains($page['links']['next'], 'search=node'), 'the next link keeps the search');
    same([], $sb->api('GET', '/servers?search=%25', ['token' => 'fleet'])->json()['data'], '% is literal');
});

test('web apps of a server are paginated and searchable', function () use ($sb) {
    $list = $sb->api('GET', '/servers/101/webapps?perPage=1', ['token' => 'fleet'])->json();
    same([1002], array_column($list['data'], 'id'));
    same([2, 2], [$list['meta']['pagination']['total'], $list['meta']['pagination']['total_pages']]);
    same([1003], array_column($sb->api('GET', '/servers/101/webapps?search=BLOG', ['token' => 'fleet'])->json()['data'], 'id'));
    same([], $sb->api('GET', '/servers/101/webapps?search=nothing', ['token' => 'fleet'])->json()['data']);
});

test('a limited credential sees only its servers; others and their web apps are 404 in v3 and v2', function () use ($sb) {
    foreach ([['token' => 'pair'], ['version' => 'v2', 'token' => 'pair'], ['version' => 'v2', 'basic' => ['pair-key', 'pair-secret']]] as $o) {
        same([101, 200], array_column($sb->api('GET', '/servers', $o)->json()['data'], 'id'), json_encode($o));
        same(2, $sb->api('GET', '/servers', $o)->json()['meta']['pagination']['total']);
        foreach (['/servers/102', '/servers/1', '/servers/102/webapps', '/servers/102/webapps/1004', '/servers/102/webapps/1004/domains', '/servers/1/webapps/1/ssl'] as $path) {
            $reply = $sb->api('GET', $path, $o);
            status(404, $reply, $path);
            same(['message' => 'Server not found.'], $reply->json(), $path);
        }
        status(200, $sb->api('GET', '/servers/101/webapps/1002', $o));
    }
});

test('a web app under another server is 404; unknown ids are 404', function () use ($sb) {
    same('Web application not found.', $sb->api('GET', '/servers/101/webapps/1004', ['token' => 'fleet'])->json()['message']);
    status(404, $sb->api('GET', '/servers/101/webapps/99999', ['token' => 'fleet']));
    same('Server not found.', $sb->api('GET', '/servers/99999')->json()['message']);
});

test('the routes need a credential and answer 405 for other methods', function () use ($sb) {
    status(401, $sb->api('GET', '/servers', ['token' => '']));
    status(401, $sb->api('GET', '/servers/1/webapps', ['token' => 'nope']));
    $reply = $sb->api('DELETE', '/servers/1');
    status(405, $reply);
});

test('a bad server or web app field in a seed is 422 at its place, and nothing is added', function () use ($sb) {
    $cases = [
        [['servers' => [['connected' => 'yes']]], 'servers.0.connected'],
        [['servers' => [['provider' => 3]]], 'servers.0.provider'],
        [['servers' => [['webapps' => [['server_user_id' => 0]]]]], 'servers.0.webapps.0.server_user_id'],
        [['servers' => [['webapps' => [['defaultApp' => 1]]]]], 'servers.0.webapps.0.defaultApp'],
    ];
    $before = count($sb->adminOk('GET', '/state')['servers']);
    foreach ($cases as [$doc, $place]) {
        $reply = $sb->admin('POST', '/seed', $doc);
        status(422, $reply, $place);
        check(isset($reply->json()['errors'][$place]), "errors.$place: " . $reply->body);
    }
    same($before, count($sb->adminOk('GET', '/state')['servers']));
});

test('seeding an existing server changes only the fields given', function () use ($sb) {
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 101, 'online' => false, 'webapps' => [['id' => 1002, 'phpVersion' => 'php74rc']]]]]);
    $s = $sb->api('GET', '/servers/101', ['token' => 'fleet'])->json();
    same(['node-1', '10.0.0.1', false, true], [$s['name'], $s['ipAddress'], $s['online'], $s['connected']]);
    $w = $sb->api('GET', '/servers/101/webapps/1002', ['token' => 'fleet'])->json();
    same(['shop-1', 'php74rc'], [$w['name'], $w['phpVersion']]);
});

run_tests('catalog');
