<?php

declare(strict_types=1);

// The certificate authority: Let's Encrypt's limits, registered domains from the Public Suffix List,
// validity and renewal dates on the sandbox's clock, and the HTTPS coverage model.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$sb->adminOk('POST', '/config', ['rate_limit' => 100000]);
const LE = ['provider' => 'letsencrypt', 'enableHttp' => false, 'enableHsts' => false, 'authorizationMethod' => 'http-01', 'environment' => 'live'];

/** A fresh web app on server 1 with these domains (strings, or objects with www), in basic or advanced mode. */
function webapp(Sandbox $sb, int $id, array $domains, bool $advanced = false): string
{
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [[
        'id' => $id, 'name' => "app$id", 'primary' => array_shift($domains), 'domains' => $domains,
        'advanced_ssl' => ['advancedSSL' => $advanced, 'autoSSL' => false],
    ]]]]]);
    return "/servers/1/webapps/$id";
}

function domainIds(Sandbox $sb, string $app): array
{
    $ids = [];
    foreach ($sb->api('GET', "$app/domains?perPage=40")->json()['data'] as $d) {
        $ids[$d['name']] = $d['id'];
    }
    return $ids;
}

function refusal(Reply $reply, string $needle, string $label = ''): string
{
    status(422, $reply, $label);
    $message = $reply->json()['message'] ?? '';
    check(str_contains($message, $needle), "message should contain '$needle': $message");
    return $message;
}

function last(array $list): mixed
{
    return $list === [] ? null : $list[array_key_last($list)];
}

function ca(Sandbox $sb): array
{
    return $sb->adminOk('GET', '/ca');
}

function coverage(Sandbox $sb, int $webapp): array
{
    return $sb->adminOk('GET', "/ca/coverage?webapp=$webapp")['webapps'][0];
}

/** Limits back to Let's Encrypt's, history forgotten, clock back to real time. */
function fresh(Sandbox $sb): void
{
    $sb->adminOk('POST', '/config', ['ca_max_names' => 100, 'ca_duplicate_limit' => 5, 'ca_domain_limit' => 50, 'ca_order_limit' => 300, 'unpointed' => []]);
    $sb->adminOk('DELETE', '/ca');
    $sb->adminOk('POST', '/clock', ['offset' => 0]);
}

test('a basic certificate holds at most 100 names, counting www. twins', function () use ($sb) {
    $domains = [];
    for ($i = 1; $i <= 50; $i++) {
        $domains[] = ['name' => "d$i.hundred.test", 'www' => true];
    }
    $app = webapp($sb, 10, ["hundred.test", ...array_slice($domains, 0, 49)]);
    $id = $sb->api('POST', "$app/ssl", ['body' => LE])->json()['id'] ?? null;
    check(is_int($id), 'the install of 99 names succeeds');
    same(99, count($sb->adminOk('GET', '/state?webapp=10')['servers'][0]['webapps'][0]['ssl']['names']));
    same(true, coverage($sb, 10)['complete']);
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'edge.hundred.test']]));
    status(200, $sb->api('PUT', "$app/ssl/$id"), 'exactly 100 names');
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'over.hundred.test']]));
    $message = refusal($sb->api('PUT', "$app/ssl/$id"), 'at most 100 names');
    check(str_contains($message, '101') && str_contains($message, 'advanced SSL'), $message);
    same(100, count($sb->adminOk('GET', '/state?webapp=10')['servers'][0]['webapps'][0]['ssl']['names']), 'the certificate kept its names');
    same('refused', last(ca($sb)['orders'])['status']);
    $uncovered = coverage($sb, 10)['uncovered'];
    same([['over.hundred.test']], array_column($uncovered, 'missing'), 'only the newest domain lacks HTTPS');
});

test('the name limit follows ca_max_names', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['ca_max_names' => 2]);
    $app = webapp($sb, 11, ['two.test', ['name' => 'three.test', 'www' => true]]);
    refusal($sb->api('POST', "$app/ssl", ['body' => LE]), 'at most 2 names; this one would need 3');
    fresh($sb);
    status(200, $sb->api('POST', "$app/ssl", ['body' => LE]));
});

test('an order fails, naming the name, when one name does not point here; the order still counts', function () use ($sb) {
    fresh($sb);
    $app = webapp($sb, 12, ['good.test', 'bad.test']);
    $sb->adminOk('POST', '/config', ['unpointed' => ['bad.test']]);
    $reply = $sb->api('POST', "$app/ssl", ['body' => LE]);
    status(422, $reply);
    same(['message' => 'DNS of bad.test does not point to this server.'], $reply->json());
    $state = ca($sb);
    same(['invalid', 'DNS of bad.test does not point to this server.'], [end($state['orders'])['status'], end($state['orders'])['error']]);
    same([['account' => 'server#1', 'orders_in_window' => 1, 'remaining' => 299]], $state['accounts']);
    same([], $state['certificates']);
    status(404, $sb->api('GET', "$app/ssl"));
});

test('wildcard names need dns-01', function () use ($sb) {
    fresh($sb);
    $app = webapp($sb, 13, ['wild.test', '*.wild.test'], true);
    $ids = domainIds($sb, $app);
    refusal($sb->api('POST', "$app/domains/{$ids['*.wild.test']}/ssl", ['body' => LE]), 'needs DNS-01');
    status(200, $sb->api('POST', "$app/domains/{$ids['*.wild.test']}/ssl", ['body' => ['authorizationMethod' => 'dns-01', 'externalApi' => 3] + LE]));
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'shop.wild.test']]));
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'a.b.wild.test']]));
    $cover = coverage($sb, 13);
    same(['wild.test', 'a.b.wild.test'], array_column($cover['uncovered'], 'name'), 'the wildcard covers one label down only');
});

test('at most ca_duplicate_limit certificates for the exact same names per window; Retry after names the time', function () use ($sb) {
    fresh($sb);
    $sb->adminOk('POST', '/config', ['ca_duplicate_limit' => 2]);
    $app = webapp($sb, 14, ['dup.test', 'www.dup.test']);
    $start = $sb->adminOk('GET', '/clock')['unix'];
    $id = $sb->api('POST', "$app/ssl", ['body' => LE])->json()['id'];
    $sb->adminOk('POST', '/clock', ['advance' => 3600]);
    status(200, $sb->api('PUT', "$app/ssl/$id"), 'second of two');
    $message = refusal($sb->api('PUT', "$app/ssl/$id"), 'exact same names (dup.test, www.dup.test) per 7 days');
    check(str_contains($message, 'Retry after ' . gmdate('Y-m-d H:i', $start + 604800)), $message);
    $sb->adminOk('POST', '/clock', ['advance' => 604800 - 3600 + 5]);
    status(200, $sb->api('PUT', "$app/ssl/$id"), 'the first left the window');
});

test('at most ca_domain_limit new certificates per registered domain; renewals are exempt; other domains unaffected', function () use ($sb) {
    fresh($sb);
    $sb->adminOk('POST', '/config', ['ca_domain_limit' => 2]);
    $app = webapp($sb, 15, ['a.shop.example.co.uk', 'b.shop.example.co.uk', 'c.example.co.uk', 'other.co.uk'], true);
    $ids = domainIds($sb, $app);
    status(200, $sb->api('POST', "$app/domains/{$ids['a.shop.example.co.uk']}/ssl", ['body' => LE]));
    status(200, $sb->api('POST', "$app/domains/{$ids['b.shop.example.co.uk']}/ssl", ['body' => LE]));
    refusal($sb->api('POST', "$app/domains/{$ids['c.example.co.uk']}/ssl", ['body' => LE]), 'registered domain example.co.uk per 7 days');
    status(200, $sb->api('POST', "$app/domains/{$ids['other.co.uk']}/ssl", ['body' => LE]), 'another registered domain');
    $cert = $sb->api('GET', "$app/domains/{$ids['a.shop.example.co.uk']}/ssl")->json();
    status(200, $sb->api('PUT', "$app/domains/{$ids['a.shop.example.co.uk']}/ssl/{$cert['id']}"), 'a renewal (same names) is exempt');
    $domains = array_column(ca($sb)['registered_domains'], 'certificates_in_window', 'domain');
    same(['example.co.uk' => 3, 'other.co.uk' => 1], $domains);
});

test('registered domains follow the Public Suffix List (wildcard and exception rules, private section)', function () use ($sb) {
    fresh($sb);
    $app = webapp($sb, 16, ['www.city.kawasaki.jp', 'shop.foo.kawasaki.jp', 'me.github.io', 'deep.a.example.com', 'plain.test']);
    status(200, $sb->api('POST', "$app/ssl", ['body' => LE]));
    same(['city.kawasaki.jp', 'shop.foo.kawasaki.jp', 'me.github.io', 'example.com', 'plain.test'], last(ca($sb)['certificates'])['registered_domains']);
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'github.io']]));
    $id = $sb->api('GET', "$app/ssl")->json()['id'];
    refusal($sb->api('PUT', "$app/ssl/$id"), 'github.io is a public suffix');
});

test('at most ca_order_limit new orders per account per window; refused orders do not count', function () use ($sb) {
    fresh($sb);
    $sb->adminOk('POST', '/config', ['ca_order_limit' => 3]);
    $app = webapp($sb, 17, ['o1.test', 'o2.test', 'o3.test', 'o4.test', 'o5.test'], true);
    $ids = array_values(domainIds($sb, $app));
    $sb->adminOk('POST', '/config', ['unpointed' => ['o1.test']]);
    status(422, $sb->api('POST', "$app/domains/{$ids[0]}/ssl", ['body' => LE]), 'a failed order counts');
    status(200, $sb->api('POST', "$app/domains/{$ids[1]}/ssl", ['body' => LE]));
    status(200, $sb->api('POST', "$app/domains/{$ids[2]}/ssl", ['body' => LE]));
    refusal($sb->api('POST', "$app/domains/{$ids[3]}/ssl", ['body' => LE]), 'at most 3 new orders per account per 3 hours');
    refusal($sb->api('POST', "$app/domains/{$ids[4]}/ssl", ['body' => LE]), 'new orders per account');
    same(3, ca($sb)['accounts'][0]['orders_in_window'], 'refusals did not count');
    status(200, $sb->api('POST', "$app/domains/{$ids[3]}/ssl", ['body' => ['environment' => 'staging'] + LE]), 'staging skips the rate limits');
    $sb->adminOk('POST', '/clock', ['advance' => 10801]);
    status(200, $sb->api('POST', "$app/domains/{$ids[4]}/ssl", ['body' => LE]), 'the window moved on');
});

test('certificates are valid 90 days from issue, renewal 30 days before expiry, on the sandbox clock', function () use ($sb) {
    fresh($sb);
    $now = $sb->adminOk('POST', '/clock', ['advance' => 86400 * 365])['unix'];
    $app = webapp($sb, 18, ['later.test']);
    $cert = $sb->api('POST', "$app/ssl", ['body' => LE])->json();
    check(abs(strtotime($cert['valid_until'] . ' UTC') - ($now + 90 * 86400)) <= 5, "valid_until {$cert['valid_until']}");
    same(30 * 86400, strtotime($cert['valid_until'] . ' UTC') - strtotime($cert['renewal_date'] . ' UTC'));
    check(abs(strtotime($cert['created_at'] . ' UTC') - $now) <= 5, 'created_at follows the clock');
    $issued = last(ca($sb)['certificates']);
    same([$cert['valid_until'], $cert['renewal_date']], [$issued['valid_until'], $issued['renewal_date']]);
    same(true, coverage($sb, 18)['complete']);
    $sb->adminOk('POST', '/clock', ['advance' => 91 * 86400]);
    $cover = coverage($sb, 18);
    same(false, $cover['complete']);
    check(str_starts_with($cover['uncovered'][0]['reason'], 'certificate expired'), $cover['uncovered'][0]['reason']);
    $sb->adminOk('POST', '/clock', ['offset' => 0]);
});

test('coverage: basic mode serves the basic certificate only; advanced mode the per-domain ones', function () use ($sb) {
    fresh($sb);
    $app = webapp($sb, 19, ['cov.test', ['name' => 'w.cov.test', 'www' => true]]);
    $basic = $sb->api('POST', "$app/ssl", ['body' => LE])->json();
    same([2, 2, true], [coverage($sb, 19)['domains'], coverage($sb, 19)['covered'], coverage($sb, 19)['complete']]);
    status(200, $sb->api('POST', "$app/domains", ['body' => ['name' => 'new.cov.test']]));
    same([['new.cov.test'], 'no certificate served by the web application covers it'], [coverage($sb, 19)['uncovered'][0]['missing'], coverage($sb, 19)['uncovered'][0]['reason']]);
    status(200, $sb->api('PUT', "$app/ssl/{$basic['id']}"));
    same(true, coverage($sb, 19)['complete']);
    status(200, $sb->api('POST', "$app/ssl/advanced", ['body' => ['advancedSSL' => true]]));
    $cover = coverage($sb, 19);
    same(['advanced', 0], [$cover['mode'], $cover['covered']], 'the basic certificate no longer serves');
    $ids = domainIds($sb, $app);
    foreach ($ids as $name => $id) {
        status(200, $sb->api('POST', "$app/domains/$id/ssl", ['body' => $name === 'new.cov.test' ? ['environment' => 'staging'] + LE : LE]), $name);
    }
    $cover = coverage($sb, 19);
    same([2, [['domain_id' => $ids['new.cov.test'], 'name' => 'new.cov.test', 'missing' => ['new.cov.test'], 'reason' => 'staging certificate (not trusted)']]], [$cover['covered'], $cover['uncovered']]);
    same(['w.cov.test', 'www.w.cov.test'], $sb->adminOk('GET', '/state?webapp=19')['servers'][0]['webapps'][0]['domain_ssl'][1]['names'], 'per-domain certificate covers the www twin');
    same(false, $sb->adminOk('GET', '/ca/coverage')['complete'], 'all web apps together');
});

test('state of the authority: limits as configured, orders, certificates; DELETE forgets history only', function () use ($sb) {
    fresh($sb);
    $sb->adminOk('POST', '/config', ['ca_order_limit' => 7, 'ca_order_window' => 60]);
    $state = ca($sb);
    same(['now', 'unix', 'limits', 'accounts', 'registered_domains', 'orders', 'certificates'], array_keys($state));
    same(['limit' => 7, 'window' => 60], $state['limits']['orders_per_account']);
    same([100, 90, 30], [$state['limits']['max_names'], $state['limits']['validity_days'], $state['limits']['renewal_days']]);
    $app = webapp($sb, 20, ['hist.test']);
    status(200, $sb->api('POST', "$app/ssl", ['body' => LE]));
    $order = last(ca($sb)['orders']);
    same(['server#1', 20, null, ['hist.test'], 'valid', null, false], [$order['account'], $order['webapp_id'], $order['domain_id'], $order['names'], $order['status'], $order['error'], $order['staging']]);
    same(1, count($sb->adminOk('GET', '/ca?limit=1')['orders']));
    $sb->adminOk('DELETE', '/ca');
    same([[], [], []], [ca($sb)['orders'], ca($sb)['certificates'], ca($sb)['accounts']]);
    status(200, $sb->api('GET', "$app/ssl"), 'the installed certificate stays');
    $sb->adminOk('POST', '/config', ['ca_order_window' => 10800]);
});

test('clock and limit settings are checked', function () use ($sb) {
    status(422, $sb->admin('POST', '/clock', ['advance' => 'soon']));
    status(422, $sb->admin('POST', '/clock', []));
    status(422, $sb->admin('POST', '/config', ['ca_domain_limit' => 0]));
    status(422, $sb->admin('POST', '/config', ['clock_offset' => 1.5]));
    $before = $sb->adminOk('GET', '/clock');
    $after = $sb->adminOk('POST', '/clock', ['advance' => 100]);
    same(100, $after['offset'] - $before['offset']);
    same(0, $sb->adminOk('POST', '/clock', ['offset' => 0])['offset']);
});

test('reset forgets the authority too; registered domains still resolve afterwards', function () use ($sb) {
    $app = webapp($sb, 21, ['before.example.org']);
    status(200, $sb->api('POST', "$app/ssl", ['body' => LE]));
    $sb->adminOk('POST', '/reset');
    same([[], []], [ca($sb)['orders'], ca($sb)['certificates']]);
    $sb->adminOk('POST', '/seed', ['credentials' => [['token' => 'demo-token']], 'config' => ['rate_limit' => 100000]]);
    $app = webapp($sb, 21, ['after.example.org']);
    status(200, $sb->api('POST', "$app/ssl", ['body' => LE]));
    same(['example.org'], last(ca($sb)['certificates'])['registered_domains']);
});

run_tests('ca');
