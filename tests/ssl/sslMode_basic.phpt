--TEST--
Client::sslMode() and setSslMode(): read and switch advanced SSL and AutoSSL; answers of other shapes, and a lost answer read back
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
$mode = fn() => json_encode($c->sslMode());
echo $mode(), "\n";
$c->setSslMode(true, true);
echo $mode(), ' stored: ', json_encode($sb->webapp()['advanced_ssl']), "\n";
$c->setSslMode(false);
echo $mode(), "\n";
$c->setSslMode(true);
echo $mode(), "\n";
echo implode("\n", array_map(fn($e) => $e['method'] . ' ' . $e['path'] . ' ' . json_encode($e['body']),
    array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'))), "\n";
$sb->admin('DELETE', '/__sandbox/journal');
echo "-- bad arguments reach no server\n";
rc_expect_throw(fn() => $c->setSslMode(false, true));
rc_expect_throw(fn() => $c->setSslMode());
echo count($sb->journal()), " requests\n";
echo "-- other shapes RunCloud may answer\n";
$fake = fn($body) => $sb->fault(['type' => 'status', 'status' => 200, 'method' => 'GET', 'path' => '/ssl/advanced', 'body' => $body]);
$fake('{"data":{"advancedSSL":1,"autoSSL":"1","since":"2026-01-01"}}');
echo $mode(), "\n";
$fake('{"advanced_ssl":"0"}');
echo $mode(), "\n";
$fake('{}');
rc_expect_throw($mode);
$fake('[true]');
rc_expect_throw($mode);
echo "-- the switch landed but its answer was lost: read back, not sent again\n";
$sb->admin('DELETE', '/__sandbox/journal');
$sb->fault(['type' => 'drop', 'method' => 'POST', 'path' => '/ssl/advanced']);
$c->setSslMode(false);
echo $mode(), "\n";
echo implode("\n", $sb->calls()), "\n";
echo "-- a 500 that did nothing: the mode read back differs, the 500 is thrown\n";
$sb->admin('DELETE', '/__sandbox/journal');
$sb->fault(['type' => 'status', 'status' => 500, 'method' => 'POST', 'path' => '/ssl/advanced', 'body' => '{"message":"Server Error"}']);
rc_expect_throw(fn() => $c->setSslMode(true));
echo implode("\n", $sb->calls()), "\n";
echo $mode(), "\n";
?>
--EXPECTF--
{"advanced":false,"autoSsl":false}
{"advanced":true,"autoSsl":true} stored: {"advancedSSL":true,"autoSSL":true}
{"advanced":false,"autoSsl":false}
{"advanced":true,"autoSsl":false}
POST /api/v3/servers/1/webapps/10/ssl/advanced {"advancedSSL":true,"autoSSL":true}
POST /api/v3/servers/1/webapps/10/ssl/advanced {"advancedSSL":false,"autoSSL":false}
POST /api/v3/servers/1/webapps/10/ssl/advanced {"advancedSSL":true,"autoSSL":false}
-- bad arguments reach no server
ValueError (0): RunCloud\Client::setSslMode(): Argument #2 ($autoSsl) must be false when $advanced is false (AutoSSL exists only in advanced SSL)
ArgumentCountError (0): RunCloud\Client::setSslMode() expects at least 1 argument, 0 given
0 requests
-- other shapes RunCloud may answer
{"advanced":true,"autoSsl":true}
{"advanced":false,"autoSsl":false}
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/ssl/advanced answered an SSL mode without "advancedSSL"
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/ssl/advanced answered not a JSON object
-- the switch landed but its answer was lost: read back, not sent again
{"advanced":false,"autoSsl":false}
POST /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/ssl/advanced
-- a 500 that did nothing: the mode read back differs, the 500 is thrown
RunCloud\ServerException (500): RunCloud API POST /servers/1/webapps/10/ssl/advanced failed with HTTP 500: Server Error
POST /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/ssl/advanced
{"advanced":false,"autoSsl":false}
