--TEST--
Issue 10 case 12: waits for the rate limit never pass the call's deadline
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0, 'timeout' => 2]);
$items = [];
for ($i = 1; $i <= 40; $i++) $items[] = ['id' => $i, 'name' => "r$i.test", 'type' => 'alias'];
// One call a minute allowed, none left: every next page would wait a minute.
$sb->fault(['path' => '/domains', 'count' => 5, 'type' => 'status', 'status' => 200,
            'headers' => ['X-RateLimit-Limit' => '1', 'X-RateLimit-Remaining' => '0'],
            'body' => json_encode(['data' => $items, 'meta' => ['pagination' => ['current_page' => 1, 'total_pages' => 5]]])]);
$e = rc_expect_throw(fn() => $c->listDomains());
?>
--EXPECTF--
RunCloud\TransportException (28): RunCloud API GET /servers/1/webapps/10/domains?page=%d&perPage=40 failed: %s
