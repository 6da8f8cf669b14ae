--TEST--
Issue 10 case 14: a request whose reused connection dies before the answer is never re-sent by libcurl; the client's own rules decide
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
<?php
ob_start();
(new ReflectionExtension('runcloud'))->info();
preg_match('/libcurl version => (\d+)\.(\d+)/', ob_get_clean(), $m);
if ($m && [(int) $m[1], (int) $m[2]] < [7, 80]) die('skip libcurl before 7.80 has no CURLOPT_PREREQFUNCTION');
?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/hostile.inc';
$app = '/servers/1/webapps/10';
$cert = '{"id":5,"method":"letsencrypt","enable_http":false,"enable_hsts":false,"authorization_method":"http-01","staging":false}';
$server = new HostileServer([
    'GET /ping' => '{"message":"pong"}',
    "POST $app/ssl" => $cert,
    "GET $app/domains" => '{"data":[{"id":7,"name":"gone.test","type":"alias"}],"meta":{"pagination":{"total_pages":1}}}',
], ["POST $app/ssl", "DELETE $app/domains/7"]);
$c = new RunCloud\Client(RC_TOKEN, 1, 10, ['base_url' => $server->url, 'retry_delay' => 0.01, 'retries' => 2]);
var_dump($c->ping());                        // opens the connection that is then reused
// installSsl is never retried once the server may have acted, by the client or by libcurl.
rc_expect_throw(fn() => $c->installSsl());
// The delete reached the server and its answer was lost: the client retries (DELETE is idempotent), meets
// 404, and reads that as its own earlier attempt having landed.
var_dump($c->removeDomain('gone.test'));
echo implode("\n", $server->requests()), "\n";
?>
--EXPECTF--
bool(true)
RunCloud\TransportException (55): RunCloud API POST /servers/1/webapps/10/ssl failed: the connection closed before the answer; the request may have reached the server
bool(true)
GET /ping
POST /servers/1/webapps/10/ssl
GET /servers/1/webapps/10/domains
DELETE /servers/1/webapps/10/domains/7
DELETE /servers/1/webapps/10/domains/7
