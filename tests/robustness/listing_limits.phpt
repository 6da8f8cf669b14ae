--TEST--
Issue 10 case 10: a listing over the page limit is an error, not a silent truncation; bytes after a JSON document are refused
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0]);
$items = [];
for ($i = 1; $i <= 40; $i++) $items[] = ['id' => $i, 'name' => "p$i.test", 'type' => 'alias'];
$sb->fault(['path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200,
            'body' => json_encode(['data' => $items, 'meta' => ['pagination' => ['current_page' => 1, 'total_pages' => 6000]]])]);
rc_expect_throw(fn() => $c->listDomains());
echo count($sb->journal()), " request\n";
foreach (['{"data":[],"meta":{}} {"data":[]}', '{"data":[]}x', "{\"data\":[]}\n\n"] as $body) {
    $sb->fault(['path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $body]);
    try { var_dump($c->findDomain('a.test')); } catch (Throwable $e) { rc_show($e); }
}
$sb->fault(['path' => '/domains', 'method' => 'POST', 'count' => 1, 'type' => 'status', 'status' => 200,
            'body' => '{"id":5,"name":"t.test"}{"id":6,"name":"u.test"}']);
rc_expect_throw(fn() => $c->addDomain('t.test'));
?>
--EXPECTF--
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 announces 6000 pages; the client reads at most 5000
1 request
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40&search=a.test answered trailing bytes after the JSON document
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40&search=a.test answered %s
NULL
RunCloud\UnexpectedResponseException (200): RunCloud API POST /servers/1/webapps/10/domains answered trailing bytes after the JSON document
