--TEST--
Issue 10 case 11: the body cap covers all the answers a call holds: a listing of many large pages fails at once instead of piling them up
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--INI--
runcloud.max_response_size=64K
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0, 'concurrency' => 4]);
$items = [];
for ($i = 1; $i <= 40; $i++) $items[] = ['id' => $i, 'name' => "big$i.test", 'type' => 'alias', 'note' => str_repeat('n', 900)];
// Every page is just under the cap on its own; 4000 of them are announced.
$page = json_encode(['data' => $items, 'meta' => ['pagination' => ['current_page' => 1, 'total_pages' => 4000]]]);
echo strlen($page) < 64 * 1024 ? "each page fits the cap\n" : "PAGE TOO BIG\n";
$sb->fault(['path' => '/domains', 'count' => 50, 'type' => 'status', 'status' => 200, 'body' => $page]);
$e = rc_expect_throw(fn() => $c->listDomains());
$n = count($sb->journal());
echo $n <= 5 ? "at most one batch of pages fetched" : "$n pages fetched", "\n";
$sb->admin('DELETE', '/__sandbox/faults');
var_dump(count($c->listDomains()));
?>
--EXPECTF--
each page fits the cap
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=%d&perPage=40: the answer is larger than the 65536-byte cap
at most one batch of pages fetched
int(1)
