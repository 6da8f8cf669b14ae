--TEST--
Issue 10 case 6: `timeout` covers the whole call: the find before a delete and the delete share one deadline
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['slow.test']]);
$sb->config(['latency_ms' => 1200]);
$c = $sb->client(['timeout' => 2, 'retries' => 0]);
// The find takes 1.2 s; the delete would end at 2.4 s, past the call's deadline: it is cut there.
$e = rc_expect_throw(fn() => $c->removeDomain('slow.test'));
echo get_class($e) === RunCloud\TransportException::class && $e->getCode() === 28 ? "timed out as one call\n" : "NOT ONE DEADLINE\n";
?>
--EXPECTF--
RunCloud\TransportException (28): %s
timed out as one call
