<?php

declare(strict_types=1);

// Basic SSL, the advanced-SSL switch, per-domain SSL, and DNS-not-pointed refusals.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$sb->adminOk('POST', '/seed', ['config' => ['rate_limit' => 100000], 'servers' => [['id' => 1, 'webapps' => [
    ['id' => 2, 'name' => 'bare', 'primary' => 'bare.test', 'domains' => ['www.bare.test']],
    ['id' => 3, 'name' => 'unpointed', 'primary' => 'up.test', 'domains' => ['down.test']],
]]]]);
const APP = '/servers/1/webapps/1';
const BARE = '/servers/1/webapps/2';
const LE = ['provider' => 'letsencrypt', 'enableHttp' => false, 'enableHsts' => false, 'authorizationMethod' => 'http-01', 'environment' => 'live'];

function stateOf(Sandbox $sb, int $webapp): array
{
    return $sb->adminOk('GET', "/state?webapp=$webapp")['servers'][0]['webapps'][0];
}

test('the demo web app has a basic certificate shaped as documented', function () use ($sb) {
    $reply = $sb->api('GET', APP . '/ssl');
    status(200, $reply);
    $c = $reply->json();
    same(['id', 'method', 'enable_http', 'enable_hsts', 'authorization_method', 'staging', 'api_id', 'valid_until', 'renewal_date', 'created_at'], array_keys($c));
    same(['letsencrypt', false, false, 'http-01', false, null], [$c['method'], $c['enable_http'], $c['enable_hsts'], $c['authorization_method'], $c['staging'], $c['api_id']]);
    check(is_int($c['id']) && (bool) preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $c['valid_until']), 'id and valid_until');
    check($c['renewal_date'] < $c['valid_until'], 'renews before it expires');
});

test('GET /ssl without a certificate is 404', function () use ($sb) {
    $reply = $sb->api('GET', BARE . '/ssl');
    status(404, $reply);
    same('SSL certificate not found.', $reply->json()['message']);
});

test('install answers the certificate, covering every name; a second install is 422', function () use ($sb) {
    $reply = $sb->api('POST', BARE . '/ssl', ['body' => ['enableHsts' => true] + LE]);
    status(200, $reply);
    same(true, $reply->json()['enable_hsts']);
    same($reply->json(), $sb->api('GET', BARE . '/ssl')->json());
    $state = stateOf($sb, 2)['ssl'];
    same([['bare.test', 'www.bare.test'], 1], [$state['names'], $state['deploys']]);
    $again = $sb->api('POST', BARE . '/ssl', ['body' => LE]);
    status(422, $again);
    check(isset($again->json()['errors']['ssl']), 'errors.ssl');
});

test('install validation: provider, authorizationMethod, dns-01 needs externalApi, custom needs its PEMs', function () use ($sb) {
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [['id' => 4, 'name' => 'v', 'primary' => 'v.test']]]]]);
    $cases = [
        [[], 'provider'],
        [['provider' => 'acme'], 'provider'],
        [['provider' => 'letsencrypt', 'authorizationMethod' => 'tls-alpn-01'], 'authorizationMethod'],
        [['provider' => 'letsencrypt', 'authorizationMethod' => 'dns-01'], 'externalApi'],
        [['provider' => 'letsencrypt', 'enableHttp' => 'sometimes'], 'enableHttp'],
        [['provider' => 'letsencrypt', 'environment' => 'test'], 'environment'],
        [['provider' => 'custom'], 'privateKey'],
    ];
    foreach ($cases as [$body, $field]) {
        $reply = $sb->api('POST', '/servers/1/webapps/4/ssl', ['body' => $body]);
        status(422, $reply, json_encode($body));
        check(isset($reply->json()['errors'][$field]), "errors.$field for " . json_encode($body) . ': ' . $reply->body);
    }
    $dns = $sb->api('POST', '/servers/1/webapps/4/ssl', ['body' => ['provider' => 'letsencrypt', 'authorizationMethod' => 'dns-01', 'externalApi' => 12, 'environment' => 'staging']]);
    status(200, $dns);
    same(['dns-01', 12, true], [$dns->json()['authorization_method'], $dns->json()['api_id'], $dns->json()['staging']]);
});

test('update (PATCH) changes only the fields given and answers the object', function () use ($sb) {
    $id = $sb->api('GET', APP . '/ssl')->json()['id'];
    $reply = $sb->api('PATCH', APP . "/ssl/$id", ['body' => ['enableHttp' => true]]);
    status(200, $reply);
    same([true, false, 'http-01'], [$reply->json()['enable_http'], $reply->json()['enable_hsts'], $reply->json()['authorization_method']]);
    status(422, $sb->api('PATCH', APP . "/ssl/$id", ['body' => ['enableHsts' => 'perhaps']]));
    status(404, $sb->api('PATCH', APP . '/ssl/' . ($id + 1000), ['body' => ['enableHttp' => true]]));
});

test('redeploy (PUT) re-issues for the current names and counts deploys', function () use ($sb) {
    $id = $sb->api('GET', APP . '/ssl')->json()['id'];
    status(200, $sb->api('POST', APP . '/domains', ['body' => ['name' => 'new.network.test']]));
    same(['network.test'], stateOf($sb, 1)['ssl']['names'], 'names unchanged until redeploy');
    $reply = $sb->api('PUT', APP . "/ssl/$id");
    status(200, $reply);
    same($id, $reply->json()['id']);
    $state = stateOf($sb, 1)['ssl'];
    same([['network.test', 'new.network.test'], 2], [$state['names'], $state['deploys']]);
});

test('a certificate id of another web app is 404 there', function () use ($sb) {
    $other = $sb->api('GET', BARE . '/ssl')->json()['id'];
    status(404, $sb->api('PUT', APP . "/ssl/$other"));
    status(404, $sb->api('DELETE', APP . "/ssl/$other"));
});

test('delete answers the certificate; afterwards GET is 404', function () use ($sb) {
    $cert = $sb->api('GET', BARE . '/ssl')->json();
    $reply = $sb->api('DELETE', BARE . '/ssl/' . $cert['id']);
    status(200, $reply);
    same($cert['id'], $reply->json()['id']);
    status(404, $sb->api('GET', BARE . '/ssl'));
    same(null, stateOf($sb, 2)['ssl']);
});

test('names whose DNS does not point here make install and redeploy 422', function () use ($sb) {
    $sb->adminOk('POST', '/config', ['unpointed' => ['Down.test']]);
    $reply = $sb->api('POST', '/servers/1/webapps/3/ssl', ['body' => LE]);
    status(422, $reply);
    same(['message' => 'DNS of down.test does not point to this server.'], $reply->json());
    status(404, $sb->api('GET', '/servers/1/webapps/3/ssl'), 'nothing was installed');
    $sb->adminOk('POST', '/config', ['unpointed' => []]);
    $id = $sb->api('POST', '/servers/1/webapps/3/ssl', ['body' => LE])->json()['id'];
    $sb->adminOk('POST', '/config', ['unpointed' => ['up.test']]);
    same('DNS of up.test does not point to this server.', $sb->api('PUT', "/servers/1/webapps/3/ssl/$id")->json()['message']);
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [['id' => 3, 'advanced_ssl' => ['advancedSSL' => true]]]]]]);
    $custom = $sb->api('POST', '/servers/1/webapps/3/domains/' . domainOf($sb, 3, 'up.test') . '/ssl', ['body' => ['provider' => 'custom', 'privateKey' => 'k', 'certificate' => 'c']]);
    status(200, $custom, 'custom certificates need no DNS');
    $sb->adminOk('POST', '/config', ['unpointed' => []]);
});

function domainOf(Sandbox $sb, int $webapp, string $name): int
{
    $list = $sb->api('GET', "/servers/1/webapps/$webapp/domains?search=" . urlencode($name))->json()['data'];
    foreach ($list as $d) {
        if ($d['name'] === $name) {
            return $d['id'];
        }
    }
    throw new AssertionFailed("no $name");
}

test('advanced mode: get the default, switch it, read it back', function () use ($sb) {
    same(['advancedSSL' => false, 'autoSSL' => false], $sb->api('GET', BARE . '/ssl/advanced')->json());
    $reply = $sb->api('POST', BARE . '/ssl/advanced', ['body' => ['advancedSSL' => true, 'autoSSL' => true]]);
    status(200, $reply);
    same('{}', $reply->body);
    same(['advancedSSL' => true, 'autoSSL' => true], $sb->api('GET', BARE . '/ssl/advanced')->json());
    $sb->api('POST', BARE . '/ssl/advanced', ['body' => ['advancedSSL' => false, 'autoSSL' => true]]);
    same(['advancedSSL' => false, 'autoSSL' => false], $sb->api('GET', BARE . '/ssl/advanced')->json(), 'auto needs advanced');
    $bad = $sb->api('POST', BARE . '/ssl/advanced', ['body' => ['autoSSL' => true]]);
    status(422, $bad);
    check(isset($bad->json()['errors']['advancedSSL']), 'advancedSSL is required');
});

test('per-domain routes are refused in basic mode; basic install and redeploy in advanced mode', function () use ($sb) {
    $d = domainOf($sb, 2, 'www.bare.test');
    $base = BARE . "/domains/$d/ssl";
    foreach ([['GET', $base, null], ['POST', $base, LE], ['POST', $base, ['advancedSSL' => false] + LE], ['PATCH', "$base/1", ['enableHsts' => true]], ['PUT', "$base/1", null], ['DELETE', "$base/1", null]] as [$method, $path, $body]) {
        $reply = $sb->api($method, $path, $body === null ? [] : ['body' => $body]);
        status(422, $reply, "$method in basic mode");
        check(str_contains($reply->json()['message'], 'basic SSL'), $reply->body);
    }
    same(['advancedSSL' => false, 'autoSSL' => false], $sb->api('GET', BARE . '/ssl/advanced')->json(), 'still basic');
    status(200, $sb->api('POST', BARE . '/ssl/advanced', ['body' => ['advancedSSL' => true, 'autoSSL' => false]]));
    $install = $sb->api('POST', BARE . '/ssl', ['body' => LE]);
    status(422, $install, 'basic install in advanced mode');
    check(str_contains($install->json()['message'], 'advanced SSL'), $install->body);
    status(404, $sb->api('GET', BARE . '/ssl'), 'nothing installed');
    status(422, $sb->api('POST', BARE . '/ssl/advanced', ['body' => ['advancedSSL' => 'maybe']]));
});

test('a per-domain install with advancedSSL true switches a basic web app to advanced mode first', function () use ($sb) {
    $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [['id' => 5, 'name' => 'switch', 'primary' => 'switch.test', 'domains' => ['bad.switch.test']]]]]]);
    $ids = [];
    foreach ($sb->api('GET', '/servers/1/webapps/5/domains')->json()['data'] as $d) {
        $ids[$d['name']] = $d['id'];
    }
    $sb->adminOk('POST', '/config', ['unpointed' => ['bad.switch.test']]);
    status(422, $sb->api('POST', "/servers/1/webapps/5/domains/{$ids['bad.switch.test']}/ssl", ['body' => ['advancedSSL' => true, 'autoSSL' => true] + LE]), 'the order fails');
    same(['advancedSSL' => true, 'autoSSL' => true], $sb->api('GET', '/servers/1/webapps/5/ssl/advanced')->json(), 'the switch stands');
    $sb->adminOk('POST', '/config', ['unpointed' => []]);
    status(200, $sb->api('POST', '/servers/1/webapps/5/ssl/advanced', ['body' => ['advancedSSL' => false]]));
    status(200, $sb->api('POST', "/servers/1/webapps/5/domains/{$ids['switch.test']}/ssl", ['body' => ['advancedSSL' => true] + LE]));
    same(['advancedSSL' => true, 'autoSSL' => false], $sb->api('GET', '/servers/1/webapps/5/ssl/advanced')->json());
    same('letsencrypt', $sb->api('GET', "/servers/1/webapps/5/domains/{$ids['switch.test']}/ssl")->json()['method']);
});

test('per-domain SSL in advanced mode: install {}, get, update {}, redeploy {}, delete {}', function () use ($sb) {
    $d = domainOf($sb, 2, 'www.bare.test');
    $base = BARE . "/domains/$d/ssl";
    status(404, $sb->api('GET', $base), 'none yet');
    status(422, $sb->api('POST', $base, ['body' => ['autoSSL' => 'often'] + LE]), 'autoSSL must be a boolean');
    $install = $sb->api('POST', $base, ['body' => LE]);
    status(200, $install, 'advancedSSL may be left out in advanced mode');
    same('{}', $install->body);
    same(['advancedSSL' => true, 'autoSSL' => false], $sb->api('GET', BARE . '/ssl/advanced')->json(), 'mode unchanged');
    $cert = $sb->api('GET', $base)->json();
    same('letsencrypt', $cert['method']);
    status(422, $sb->api('POST', $base, ['body' => LE]), 'second install');
    same('{}', $sb->api('PATCH', "$base/{$cert['id']}", ['body' => ['enableHsts' => true]])->body);
    same(true, $sb->api('GET', $base)->json()['enable_hsts']);
    same('{}', $sb->api('PUT', "$base/{$cert['id']}")->body);
    $state = stateOf($sb, 2)['domain_ssl'][0];
    same([$d, ['www.bare.test'], 2], [$state['domain_id'], $state['names'], $state['deploys']]);
    status(404, $sb->api('PUT', "$base/" . ($cert['id'] + 500)), 'wrong certificate id');
    same('{}', $sb->api('DELETE', "$base/{$cert['id']}")->body);
    status(404, $sb->api('GET', $base));
});

test('deleting a domain removes its own certificate', function () use ($sb) {
    $d = $sb->api('POST', BARE . '/domains', ['body' => ['name' => 'temp.bare.test']])->json()['id'];
    status(200, $sb->api('POST', BARE . "/domains/$d/ssl", ['body' => LE]));
    same(1, count(stateOf($sb, 2)['domain_ssl']));
    status(200, $sb->api('DELETE', BARE . "/domains/$d"));
    same([], stateOf($sb, 2)['domain_ssl']);
});

test('per-domain SSL routes of an unknown domain are 404', function () use ($sb) {
    status(404, $sb->api('GET', BARE . '/domains/999999/ssl'));
    status(404, $sb->api('POST', BARE . '/domains/999999/ssl', ['body' => LE]));
});

run_tests('ssl');
