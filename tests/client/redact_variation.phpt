--TEST--
A credential echoed back by a server (a proxy's error page, a redirect) is redacted from messages and log lines
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$log = '';
$c = $sb->client(['retries' => 0, 'logger' => function ($l, $m, $ctx) use (&$log) { $log .= $m . json_encode($ctx); }]);
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 400,
            'body' => '<html>Bad header: Authorization: Bearer ' . RC_TOKEN . ' (' . RC_TOKEN . RC_TOKEN . ')</html>']);
$e = rc_expect_throw(fn() => $c->ping());
var_dump(str_contains($e->getMessage() . $log, RC_TOKEN));
// A one-letter token is absurd but must not hang the redaction either.
$t = new RunCloud\Client('t', RC_SERVER, RC_APP, ['base_url' => 'http://127.0.0.1:1/api/v3', 'retries' => 0]);
$e = rc_expect_throw(fn() => $t->ping());
?>
--EXPECTF--
RunCloud\ServerException (400): RunCloud API GET /ping failed with HTTP 400: Bad header: Authorization: Bearer [redacted] ([redacted][redacted])
bool(false)
RunCloud\TransportException (7): %s
