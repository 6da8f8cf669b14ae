--TEST--
Issue 10 case 9: without ca_info a client uses libcurl's default CA store, also on a pooled handle that a client with ca_info used before
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox(['--tls']))->seed();
// Same token and URL: both clients share one pooled session and its handles.
$trusting = new RunCloud\Client(RC_TOKEN, RC_SERVER, RC_APP, ['base_url' => $sb->url(), 'ca_info' => $sb->info['ca'], 'retries' => 0]);
$default = new RunCloud\Client(RC_TOKEN, RC_SERVER, RC_APP, ['base_url' => $sb->url(), 'retries' => 0]);
var_dump($trusting->ping());
// The sandbox's CA is in no default store: the handle's CA file must not have stuck to it.
$e = rc_expect_throw(fn() => $default->ping());
var_dump($e instanceof RunCloud\TransportException && $e->getCode() === 60);
var_dump($trusting->ping());
?>
--EXPECTF--
bool(true)
RunCloud\TransportException (60): %s
bool(true)
bool(true)
