--TEST--
Client::request() reaches any route with the client's credential: decoded JSON as arrays, {} as [], typed errors, POST never retried
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['a.test']]);
$c = $sb->client(['retries' => 2]);
var_dump($c->request('GET', '/ping'));
$app = '/servers/' . RC_SERVER . '/webapps/' . RC_APP;
$page = $c->request('get', "$app/domains", null, ['search' => 'a.test', 'perPage' => 5]);
echo count($page['data']), ' ', $page['data'][0]['name'], ' ', gettype($page['data'][0]['id']), "\n";
$made = $c->request('POST', "$app/domains", ['name' => 'b.test', 'www' => false, 'redirection' => 'none', 'type' => 'alias']);
echo $made['name'], ' ', $made['type'], "\n";
echo gettype($c->request('DELETE', "$app/domains/" . $made['id'])), ' ', json_encode($sb->names()), "\n";
rc_expect_throw(fn() => $c->request('GET', "$app/domains/999999"));
$e = rc_expect_throw(fn() => $c->request('POST', "$app/domains", ['name' => 'a.test']));
var_dump($e->getErrors() !== []);
$before = count($sb->journal());
$sb->fault(['path' => '/domains', 'method' => 'POST', 'count' => 3, 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}']);
rc_expect_throw(fn() => $c->request('POST', "$app/domains", ['name' => 'c.test']));
echo count($sb->journal()) - $before, " POST sent (not retried after the server may have acted)\n";
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}']);
var_dump($c->request('GET', '/ping')['message']);
// The query is encoded; booleans as 1/0.
$c->request('GET', "$app/domains", null, ['search' => 'a b&c=d', 'x' => true]);
$last = $sb->journal();
echo json_encode(end($last)['query']), "\n";
// An empty body answer and {} are [].
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{}']);
var_dump($c->request('GET', '/ping'));
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 204, 'body' => '']);
var_dump($c->request('GET', '/ping'));
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{"message":"pong"} trailing']);
rc_expect_throw(fn() => $c->request('GET', '/ping'));
?>
--EXPECTF--
array(1) {
  ["message"]=>
  string(4) "pong"
}
1 a.test integer
b.test alias
array ["network.test","a.test"]
RunCloud\NotFoundException (404): RunCloud API GET /servers/1/webapps/10/domains/999999 failed with HTTP 404: %s
RunCloud\ValidationException (422): RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 422: %s
bool(true)
RunCloud\ServerException (503): RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 503: busy
1 POST sent (not retried after the server may have acted)
string(4) "pong"
{"search":"a b&c=d","x":"1"}
array(0) {
}
array(0) {
}
RunCloud\UnexpectedResponseException (200): RunCloud API GET /ping answered a body that is not JSON
