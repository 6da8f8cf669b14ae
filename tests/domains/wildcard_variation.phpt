--TEST--
RunCloud\Domain::$wildcard is true for a "*." name on every path that builds a Domain, whatever the answer's "wildcard" field says
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0]);
$show = fn(?RunCloud\Domain $d) => print($d === null ? "null\n" : $d->name . ' wildcard=' . var_export($d->wildcard, true) . "\n");
$page = '{"data":[{"id":7,"name":"*.none.test"},{"id":8,"name":"*.false.test","wildcard":false},{"id":9,"name":"plain.test","wildcard":false}],"meta":{"pagination":{"total_pages":1}}}';
echo "-- listDomains\n";
$sb->fault(['method' => 'GET', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $page]);
foreach ($c->listDomains() as $d) $show($d);
echo "-- findDomain\n";
$sb->fault(['method' => 'GET', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $page]);
$show($c->findDomain('*.false.test'));
echo "-- addDomain, answered with the domain\n";
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{"id":11,"name":"*.added.test","wildcard":false}']);
$show($c->addDomain('*.added.test'));
echo "-- addDomain, the name already there: read back from the listing\n";
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 422, 'body' => '{"message":"The given data was invalid.","errors":{"name":["The name has already been taken."]}}']);
$sb->fault(['method' => 'GET', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $page]);
$show($c->addDomain('*.none.test'));
echo "-- the sandbox's own answers\n";
$show($c->addDomain('*.real.test'));
$show($c->findDomain('*.real.test'));
?>
--EXPECT--
-- listDomains
*.none.test wildcard=true
*.false.test wildcard=true
plain.test wildcard=false
-- findDomain
*.false.test wildcard=true
-- addDomain, answered with the domain
*.added.test wildcard=true
-- addDomain, the name already there: read back from the listing
*.none.test wildcard=true
-- the sandbox's own answers
*.real.test wildcard=true
*.real.test wildcard=true
