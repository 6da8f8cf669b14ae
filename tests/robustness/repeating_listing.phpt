--TEST--
Issue 10 case 13: a listing that repeats itself never causes a second delete or a name reported twice
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['keep.test', 'old.test']]);
$c = $sb->client();
$path = '/servers/' . RC_SERVER . '/webapps/' . RC_APP . '/domains';
$page1 = $c->request('GET', $path, null, ['page' => 1, 'perPage' => 40]);
$page1['meta']['pagination']['total_pages'] = 3;   // it says 3 pages, and every page is page 1
$sb->fault(['path' => '/domains', 'method' => 'GET', 'count' => 3, 'type' => 'status', 'status' => 200, 'body' => json_encode($page1)]);
$sb->admin('DELETE', '/__sandbox/journal');
$r = $c->syncDomains(['keep.test']);
echo 'removed ', json_encode($r->removed), ' unchanged ', json_encode($r->unchanged), ' failed ', json_encode(array_keys($r->failed)), "\n";
echo count(array_filter($sb->journal(), fn($e) => $e['method'] === 'DELETE')), " DELETE\n";
echo json_encode($sb->names()), "\n";
?>
--EXPECT--
removed ["old.test"] unchanged ["keep.test"] failed []
1 DELETE
["network.test","keep.test"]
