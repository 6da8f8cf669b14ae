--TEST--
Client::request() sends exactly the method asked for, on reused connections too; GET and DELETE refuse a body; retries follow the method sent
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['a.test']]);
$c = $sb->client(['retries' => 2]);
$app = '/servers/' . RC_SERVER . '/webapps/' . RC_APP;
$sent = function () use ($sb) {
    $out = array_map(fn($e) => $e['method'] . ' ' . $e['path'] . ' body=' . json_encode($e['body']), $sb->journal());
    $sb->admin('DELETE', '/__sandbox/journal');
    return implode("\n", $out) . "\n";
};
echo "-- GET and DELETE with a body (even an empty one) are refused before anything is sent\n";
rc_expect_throw(fn() => $c->request('GET', '/ping', []));
rc_expect_throw(fn() => $c->request('get', "$app/domains", ['name' => 'x.test']));
rc_expect_throw(fn() => $c->request('DELETE', "$app/domains/1", ['force' => true]));
echo $sent();
echo "-- POST without a body is a POST with an empty body; every method in turn on the same connections\n";
rc_expect_throw(fn() => $c->request('POST', "$app/domains"));
$made = $c->request('POST', "$app/domains", ['name' => 'b.test']);
$c->request('GET', '/ping');
rc_expect_throw(fn() => $c->request('PATCH', "$app/domains/{$made['id']}"));
$c->request('GET', '/ping');
rc_expect_throw(fn() => $c->request('PUT', "$app/domains/{$made['id']}", ['www' => true]));
$c->request('DELETE', "$app/domains/{$made['id']}");
$c->request('GET', '/ping');
echo $sent();
echo "-- a 503 to a POST without a body: sent once; to a GET: retried\n";
$sb->fault(['path' => '/domains', 'method' => 'POST', 'count' => 3, 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}']);
rc_expect_throw(fn() => $c->request('POST', "$app/domains"));
$sb->fault(['path' => '/ping', 'method' => 'GET', 'count' => 2, 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}']);
var_dump($c->request('GET', '/ping')['message']);
echo $sent();
?>
--EXPECTF--
-- GET and DELETE with a body (even an empty one) are refused before anything is sent
ValueError (0): RunCloud\Client::request(): Argument #3 ($body) must be null for GET, which carries no body (pass parameters as $query)
ValueError (0): RunCloud\Client::request(): Argument #3 ($body) must be null for GET, which carries no body (pass parameters as $query)
ValueError (0): RunCloud\Client::request(): Argument #3 ($body) must be null for DELETE, which carries no body (pass parameters as $query)

-- POST without a body is a POST with an empty body; every method in turn on the same connections
RunCloud\ValidationException (422): RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 422: %s
RunCloud\ServerException (405): RunCloud API PATCH /servers/1/webapps/10/domains/%d failed with HTTP 405: %s
RunCloud\ServerException (405): RunCloud API PUT /servers/1/webapps/10/domains/%d failed with HTTP 405: %s
POST /api/v3/servers/1/webapps/10/domains body=null
POST /api/v3/servers/1/webapps/10/domains body={"name":"b.test"}
GET /api/v3/ping body=null
PATCH /api/v3/servers/1/webapps/10/domains/%d body=null
GET /api/v3/ping body=null
PUT /api/v3/servers/1/webapps/10/domains/%d body={"www":true}
DELETE /api/v3/servers/1/webapps/10/domains/%d body=null
GET /api/v3/ping body=null
-- a 503 to a POST without a body: sent once; to a GET: retried
RunCloud\ServerException (503): RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 503: busy
string(4) "pong"
POST /api/v3/servers/1/webapps/10/domains body=null
GET /api/v3/ping body=null
GET /api/v3/ping body=null
GET /api/v3/ping body=null
