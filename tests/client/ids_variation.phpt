--TEST--
Huge ids are sent as they are and answered 404; ids are never negative or zero (see construct_error)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = new RunCloud\Client(RC_TOKEN, PHP_INT_MAX, PHP_INT_MAX, ['base_url' => $sb->url(), 'retries' => 0]);
rc_expect_throw(fn() => $c->listDomains());
echo $sb->calls()[0], "\n";
?>
--EXPECT--
RunCloud\NotFoundException (404): RunCloud API GET /servers/9223372036854775807/webapps/9223372036854775807/domains?page=1&perPage=40 failed with HTTP 404: Server not found.
GET /api/v3/servers/9223372036854775807/webapps/9223372036854775807/domains?page=1&perPage=40
