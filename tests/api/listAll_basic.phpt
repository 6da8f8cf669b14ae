--TEST--
Client::listAll() walks every page of any listing; items come once each even when a listing repeats itself
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 80, 'pattern' => 'site-%d.test']]);
$c = $sb->client(['concurrency' => 2]);
$path = '/servers/' . RC_SERVER . '/webapps/' . RC_APP . '/domains';
$all = $c->listAll($path);
echo count($all), ' items, ', count($sb->journal()), ' requests, ', array_column($all, 'name') === $sb->names() ? 'RunCloud order' : 'ORDER DIFFERS', "\n";
echo json_encode(array_keys($all) === range(0, count($all) - 1)), ' ', gettype($all[0]), "\n";
$some = $c->listAll($path, ['search' => 'site-7']);
echo implode(',', array_column($some, 'name')), "\n";
echo json_encode(array_slice($sb->journal(), -1)[0]['query']), "\n";
// A listing that answers page 1 for every page: each domain once, and the walk ends.
$page1 = $c->request('GET', $path, null, ['page' => 1, 'perPage' => 40]);
echo $page1['meta']['pagination']['total_pages'], " pages announced\n";
$sb->fault(['path' => '/domains', 'count' => 2, 'type' => 'status', 'status' => 200, 'body' => json_encode($page1)]);
$list = $c->listAll($path);
echo count($list), ' items, ', count(array_unique(array_column($list, 'id'))), " distinct\n";
// An empty listing.
$empty = $c->listAll('/servers/' . RC_SERVER . '/webapps/' . RC_APP . '/domains', ['search' => 'nothing-matches-this']);
var_dump($empty);
rc_expect_throw(fn() => $c->listAll('/ping'));
?>
--EXPECT--
81 items, 3 requests, RunCloud order
true array
site-7.test,site-70.test,site-71.test,site-72.test,site-73.test,site-74.test,site-75.test,site-76.test,site-77.test,site-78.test,site-79.test
{"page":"1","perPage":"40","search":"site-7"}
3 pages announced
40 items, 40 distinct
array(0) {
}
RunCloud\UnexpectedResponseException (200): RunCloud API GET /ping?page=1&perPage=40 answered a list without "data"
