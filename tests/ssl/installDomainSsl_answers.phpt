--TEST--
installDomainSsl() takes only a JSON object (or no body) as a 2xx answer: HTML, bytes after the JSON, two documents, truncated JSON or a field of the wrong type are UnexpectedResponseExceptions, and id 0 is never remembered
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['a.test'], 'advanced_ssl' => ['advancedSSL' => true, 'autoSSL' => false]]);
$c = $sb->client();
$c->sslMode();
$cert = '{"id":15,"method":"letsencrypt","valid_until":"2027-03-01 00:00:00"}';
$answers = [
    'an HTML page' => ['body' => '<html><body>Welcome</body></html>', 'content_type' => 'text/html'],
    'a certificate, then other bytes' => ['body' => "$cert<!-- cached -->"],
    'two JSON documents' => ['body' => "$cert\n{}"],
    'truncated JSON' => ['body' => substr($cert, 0, 30)],
    'a date that is a boolean' => ['body' => '{"id":15,"valid_until":true}'],
    'null' => ['body' => 'null'],
    'a list' => ['body' => '[]'],
];
foreach ($answers as $what => $answer) {
    echo "-- $what\n";
    $sb->fault(['path' => '/ssl', 'method' => 'POST', 'count' => 1, 'type' => 'status', 'status' => 200] + $answer);
    rc_expect_throw(fn() => $c->installDomainSsl('a.test'));
}
$sb->admin('DELETE', '/__sandbox/journal');
echo "-- {} and an empty body: the settings asked for, id 0, which is not remembered: the redeploy reads the id first\n";
foreach (['{}', ''] as $body) {
    $sb->fault(['path' => '/ssl', 'method' => 'POST', 'count' => 1, 'type' => 'status', 'status' => $body === '' ? 204 : 200, 'body' => $body]);
    $ssl = $c->installDomainSsl('a.test', ['enableHsts' => true]);
    echo $ssl->id, ' ', $ssl->method, ' hsts=', var_export($ssl->enableHsts, true), ' ', var_export($ssl->validUntil, true), "\n";
}
$sb->fault(['path' => '/ssl', 'method' => 'GET', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $cert]);
$sb->fault(['path' => '/ssl/15', 'method' => 'PUT', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{}']);
var_dump($c->redeployDomainSsl('a.test'));
echo "-- a certificate object is used as it is, and its id remembered: the redeploy is one PUT\n";
$sb->fault(['path' => '/ssl', 'method' => 'POST', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $cert]);
$ssl = $c->installDomainSsl('a.test');
echo $ssl->id, ' ', $ssl->validUntil, "\n";
$sb->fault(['path' => '/ssl/15', 'method' => 'PUT', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{}']);
var_dump($c->redeployDomainSsl('a.test'));
$calls = $sb->calls();
echo str_replace('/domains/' . $c->findDomain('a.test')->id . '/', '/domains/D/', implode("\n", $calls)), "\n";
?>
--EXPECTF--
-- an HTML page
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered not a JSON object
-- a certificate, then other bytes
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered invalid JSON (%s)
-- two JSON documents
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered trailing bytes after the JSON document
-- truncated JSON
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered invalid JSON (%s)
-- a date that is a boolean
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered JSON of an unexpected shape (a field of the wrong type)
-- null
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered not a JSON object
-- a list
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains/2/ssl answered not a JSON object
-- {} and an empty body: the settings asked for, id 0, which is not remembered: the redeploy reads the id first
0 letsencrypt hsts=true NULL
0 letsencrypt hsts=true NULL
bool(true)
-- a certificate object is used as it is, and its id remembered: the redeploy is one PUT
15 2027-03-01 00:00:00
bool(true)
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.test
POST /api/v3/servers/1/webapps/10/domains/D/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.test
POST /api/v3/servers/1/webapps/10/domains/D/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.test
GET /api/v3/servers/1/webapps/10/domains/D/ssl
PUT /api/v3/servers/1/webapps/10/domains/D/ssl/15
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.test
POST /api/v3/servers/1/webapps/10/domains/D/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.test
PUT /api/v3/servers/1/webapps/10/domains/D/ssl/15
