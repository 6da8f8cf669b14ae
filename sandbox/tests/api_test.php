<?php

declare(strict_types=1);

// Routes, authentication, status codes and error bodies of the API (v2 and v3).
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$sb->adminOk('POST', '/seed', ['config' => ['rate_limit' => 100000], 'credentials' => [['token' => 'only-7', 'servers' => [7]]], 'servers' => [
    ['id' => 1, 'webapps' => [['id' => 2, 'name' => 'other', 'primary' => 'other.test', 'domains' => ['alias.other.test']]]],
    ['id' => 7, 'name' => 'second', 'ip' => '127.0.0.7', 'webapps' => [['id' => 70, 'name' => 'far', 'primary' => 'far.test']]],
]]);
const APP = '/servers/1/webapps/1';

function domainId(Sandbox $sb, string $app, string $name): int
{
    foreach ($sb->api('GET', "$app/domains?perPage=40")->json()['data'] as $domain) {
        if ($domain['name'] === $name) {
            return $domain['id'];
        }
    }
    throw new AssertionFailed("$name not listed in $app");
}

test('ping answers pong with v3 Bearer, v2 Bearer and v2 Basic', function () use ($sb) {
    foreach ([['version' => 'v3'], ['version' => 'v2'], ['version' => 'v2', 'basic' => ['demo-key', 'demo-secret']]] as $o) {
        $reply = $sb->api('GET', '/ping', $o);
        status(200, $reply, json_encode($o));
        same(['message' => 'pong'], $reply->json());
        same('application/json', $reply->header('content-type'));
    }
});

test('v3 refuses Basic even with a valid key and secret', function () use ($sb) {
    $reply = $sb->api('GET', '/ping', ['basic' => ['demo-key', 'demo-secret']]);
    status(401, $reply);
    same(['message' => 'Unauthenticated.'], $reply->json());
});

test('missing, unknown, wrong-secret and admin-secret credentials get 401', function () use ($sb) {
    $cases = [
        'none' => ['token' => ''],
        'unknown token' => ['token' => 'nope'],
        'admin secret as token' => ['token' => 'sandbox-admin'],
        'admin header only' => ['token' => '', 'headers' => ['X-Sandbox-Admin: sandbox-admin']],
        'wrong secret' => ['version' => 'v2', 'basic' => ['demo-key', 'wrong']],
        'unknown key' => ['version' => 'v2', 'basic' => ['nokey', 'demo-secret']],
        'token as basic' => ['version' => 'v2', 'basic' => ['demo-token', '']],
    ];
    foreach ($cases as $label => $o) {
        $reply = $sb->api('GET', APP . '/domains', $o);
        status(401, $reply, $label);
        same(['message' => 'Unauthenticated.'], $reply->json(), $label);
    }
});

test('unknown routes are 404 with a JSON message, before authentication', function () use ($sb) {
    foreach (['/nothing', '/servers/1/webapps/1/ssl/advanced/1/redeploy', '/servers/1/webapps/1/domains/1/extra'] as $path) {
        $reply = $sb->api('GET', $path, ['token' => '']);
        status(404, $reply, $path);
        check(str_contains($reply->json()['message'], 'could not be found'), "message for $path");
    }
    foreach (['/', '/api', '/api/v1/ping', '/api/v4/ping', '/favicon.ico'] as $path) {
        $reply = http('GET', $sb->url($path));
        status(404, $reply, $path);
        check(is_array($reply->json()) && isset($reply->json()['message']), "JSON body for $path");
    }
});

test('the UM 2.4.9 call PATCH /ssl/advanced/{id}/redeploy is 404', function () use ($sb) {
    status(404, $sb->api('PATCH', APP . '/ssl/advanced/1/redeploy'));
});

test('wrong methods are 405 with an Allow header', function () use ($sb) {
    $cases = [['DELETE', '/ping', 'GET, HEAD'], ['PUT', APP . '/domains', 'GET, POST, HEAD'], ['POST', APP . '/domains/1', 'DELETE'],
              ['PATCH', APP . '/ssl/advanced', 'GET, POST, HEAD'], ['GET', APP . '/ssl/1', 'PATCH, PUT, DELETE']];
    foreach ($cases as [$method, $path, $allowed]) {
        $reply = $sb->api($method, $path);
        status(405, $reply, "$method $path");
        foreach (explode(', ', $allowed) as $m) {
            check(str_contains((string) $reply->header('allow'), $m), "Allow of $method $path lists $m: " . $reply->header('allow'));
        }
        check(str_contains($reply->json()['message'], "The $method method is not supported"), 'message');
    }
});

test('non-integer ids are no route (404); unknown ids are 404 with a message', function () use ($sb) {
    foreach (['/servers/abc/webapps/1/domains', '/servers/1/webapps/x/domains', APP . '/domains/1.5', APP . '/domains/-1'] as $path) {
        status(404, $sb->api('GET', $path), $path);
    }
    $cases = [
        '/servers/99' => 'Server not found.',
        '/servers/99/webapps/1/domains' => 'Server not found.',
        '/servers/1/webapps/99/domains' => 'Web application not found.',
        '/servers/1/webapps/70/domains' => 'Web application not found.',
        APP . '/domains/0' => 'Domain not found.',
        APP . '/domains/99999' => 'Domain not found.',
        APP . '/ssl/99999' => null,
    ];
    foreach ($cases as $path => $message) {
        $reply = $sb->api($path === APP . '/ssl/99999' ? 'PUT' : 'GET', $path);
        status(404, $reply, $path);
        if ($message !== null) {
            same($message, $reply->json()['message'], $path);
        }
    }
});

test('servers and web apps are listed (paginated) and fetched', function () use ($sb) {
    $servers = $sb->api('GET', '/servers')->json();
    same([1, 7], array_column($servers['data'], 'id'));
    same(2, $servers['meta']['pagination']['total']);
    same(['id' => 7, 'name' => 'second', 'ipAddress' => '127.0.0.7'], array_intersect_key($sb->api('GET', '/servers/7')->json(), ['id' => 0, 'name' => 0, 'ipAddress' => 0]));
    same([1, 2], array_column($sb->api('GET', '/servers/1/webapps')->json()['data'], 'id'));
    same('network', $sb->api('GET', APP)->json()['name']);
});

test('adding a domain answers the object itself, with the documented defaults', function () use ($sb) {
    $reply = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'shop.example.com']]);
    status(200, $reply);
    $d = $reply->json();
    check(is_int($d['id']) && $d['id'] > 0, 'positive integer id');
    same(['name' => 'shop.example.com', 'type' => 'alias', 'www' => 0, 'redirection' => 'none', 'wildcard' => 0, 'dns_integration' => 'none', 'status' => null],
        array_diff_key($d, ['id' => 0, 'created_at' => 0]));
    check((bool) preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $d['created_at']), 'timestamp format ' . $d['created_at']);
    same($d, $sb->api('GET', APP . '/domains/' . $d['id'])->json(), 'get returns the same object');
});

test('adding honours www, redirection, type and wildcard (by flag or by *.)', function () use ($sb) {
    $d = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'WWW-Shop.Example.com', 'www' => true, 'redirection' => 'non-www', 'type' => 'redirect']])->json();
    same(['www-shop.example.com', 1, 'non-www', 'redirect'], [$d['name'], $d['www'], $d['redirection'], $d['type']]);
    $star = $sb->api('POST', APP . '/domains', ['body' => ['name' => '*.network.test']])->json();
    same(['*.network.test', 1], [$star['name'], $star['wildcard']]);
    $flag = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'flagged.network.test', 'wildcard' => true]])->json();
    same(1, $flag['wildcard']);
    $zero = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'zero.example.com', 'www' => 0, 'wildcard' => '0']])->json();
    same([0, 0], [$zero['www'], $zero['wildcard']]);
});

test('adding a name the web app has is 422 errors.name, whatever its case', function () use ($sb) {
    status(200, $sb->api('POST', APP . '/domains', ['body' => ['name' => 'dup.example.com']]));
    foreach (['dup.example.com', 'DUP.example.com', 'network.test'] as $name) {
        $reply = $sb->api('POST', APP . '/domains', ['body' => ['name' => $name]]);
        status(422, $reply, $name);
        same(['message' => 'The given data was invalid.', 'errors' => ['name' => ['The name has already been taken.']]], $reply->json());
    }
    status(200, $sb->api('POST', '/servers/1/webapps/2/domains', ['body' => ['name' => 'dup.example.com']]), 'another web app may have it');
});

test('add validation errors list every bad field', function () use ($sb) {
    $reply = $sb->api('POST', APP . '/domains', ['body' => ['www' => 'maybe', 'redirection' => 'sideways', 'type' => 'primary']]);
    status(422, $reply);
    $errors = $reply->json()['errors'];
    same(['name', 'www', 'redirection', 'type'], array_keys($errors));
    same(['The name field is required.'], $errors['name']);
    foreach (['not a name', 'a..b', '-x.test', 'localhost', str_repeat('a', 64) . '.test'] as $bad) {
        $reply = $sb->api('POST', APP . '/domains', ['body' => ['name' => $bad]]);
        status(422, $reply, $bad);
        same(['The name format is invalid.'], $reply->json()['errors']['name'], $bad);
    }
    status(422, $sb->api('POST', APP . '/domains', ['body' => ['name' => 42]]));
});

test('a body that is not a JSON object is 422 with an errors object', function () use ($sb) {
    foreach (['{"name":', '[1,2]', '"text"', 'null'] as $raw) {
        $reply = $sb->api('POST', APP . '/domains', ['body' => $raw, 'headers' => ['Content-Type: application/json']]);
        status(422, $reply, $raw);
        check(is_array($reply->json()['errors'] ?? null), "errors object for $raw");
    }
});

test('form bodies are accepted too (v2 took them)', function () use ($sb) {
    $reply = $sb->api('POST', APP . '/domains', ['version' => 'v2', 'basic' => ['demo-key', 'demo-secret'],
        'body' => 'name=form.example.com&www=1', 'headers' => ['Content-Type: application/x-www-form-urlencoded']]);
    status(200, $reply);
    same(['form.example.com', 1], [$reply->json()['name'], $reply->json()['www']]);
});

test('delete answers the deleted object; a second delete is 404', function () use ($sb) {
    $d = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'gone.example.com']])->json();
    $reply = $sb->api('DELETE', APP . '/domains/' . $d['id']);
    status(200, $reply);
    same($d, $reply->json());
    status(404, $sb->api('DELETE', APP . '/domains/' . $d['id']));
    status(404, $sb->api('GET', APP . '/domains/' . $d['id']));
    $again = $sb->api('POST', APP . '/domains', ['body' => ['name' => 'gone.example.com']])->json();
    check($again['id'] > $d['id'], 'ids are never reused');
});

test('deleting the primary domain is 422', function () use ($sb) {
    $reply = $sb->api('DELETE', APP . '/domains/' . domainId($sb, APP, 'network.test'));
    status(422, $reply);
    check(isset($reply->json()['errors']), 'errors object');
});

test('a domain is reachable only under its own web app and server', function () use ($sb) {
    $id = domainId($sb, '/servers/1/webapps/2', 'alias.other.test');
    status(200, $sb->api('GET', "/servers/1/webapps/2/domains/$id"));
    status(404, $sb->api('GET', APP . "/domains/$id"));
    status(404, $sb->api('DELETE', APP . "/domains/$id"));
    status(404, $sb->api('GET', "/servers/7/webapps/2/domains/$id"));
});

test('v2 and v3 see the same state', function () use ($sb) {
    $d = $sb->api('POST', APP . '/domains', ['version' => 'v2', 'basic' => ['demo-key', 'demo-secret'], 'body' => ['name' => 'v2.example.com']])->json();
    same('v2.example.com', $sb->api('GET', APP . '/domains/' . $d['id'])->json()['name']);
});

test('a credential limited to some servers gets 404 elsewhere, as if they did not exist, and lists only its own', function () use ($sb) {
    $reply = $sb->api('GET', APP . '/domains', ['token' => 'only-7']);
    status(404, $reply);
    same(['message' => 'Server not found.'], $reply->json());
    status(404, $sb->api('GET', '/servers/1', ['token' => 'only-7']));
    status(404, $sb->api('GET', '/servers/99', ['token' => 'only-7']), 'unknown stays 404');
    status(200, $sb->api('GET', '/servers/7/webapps/70/domains', ['token' => 'only-7']));
    same([7], array_column($sb->api('GET', '/servers', ['token' => 'only-7'])->json()['data'], 'id'));
});

test('HEAD answers like GET, without a body', function () use ($sb) {
    $reply = $sb->api('HEAD', '/ping');
    status(200, $reply);
    same('', $reply->body);
    same('18', $reply->header('content-length'));
});

test('a trailing slash reaches the same route', function () use ($sb) {
    status(200, $sb->api('GET', APP . '/domains/'));
});

run_tests('api');
