--TEST--
Client::removeDomain() by a known id or RunCloud\Domain is one DELETE; a 404 by id falls back to the name when it is known, else returns false
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
$calls = function () use ($sb) { $list = $sb->calls(); $sb->admin('DELETE', '/__sandbox/journal'); return count($list) . " call(s): " . implode(', ', $list) . "\n"; };
$a = $c->addDomain('a.example.com');
$b = $c->addDomain('b.example.com');
$d = $c->addDomain('d.example.com');
$calls();
echo "-- by id: one DELETE\n";
var_dump($c->removeDomain($a->id));
echo $calls();
echo "-- by Domain: one DELETE\n";
var_dump($c->removeDomain($b));
echo $calls();
echo "-- by id again: gone, no name to look for\n";
var_dump($c->removeDomain($a->id));
echo $calls();
echo "-- a stale Domain (the name was added again under a new id): the 404 falls back to the name\n";
$c->removeDomain($d);
$again = $c->addDomain('d.example.com');
$calls();
var_dump($again->id !== $d->id, $c->removeDomain($d));
echo $calls();
var_dump($c->findDomain('d.example.com'));
$calls();
echo "-- a stale Domain whose name is gone too\n";
var_dump($c->removeDomain($d));
echo $calls();
echo "-- by name: the lookup, then the DELETE\n";
$c->addDomain('e.example.com');
$calls();
var_dump($c->removeDomain('e.example.com'));
echo $calls();
echo "-- the DELETE's answer lost after it landed: retried, the 404 then means removed\n";
$f = $c->addDomain('f.example.com');
$calls();
$sb->fault(['type' => 'drop', 'method' => 'DELETE', 'path' => '/domains/' . $f->id]);
var_dump($c->removeDomain($f->id));
echo $calls();
echo "-- the certificate goes with the domain\n";
$c->setSslMode(true);
$g = $c->addDomain('g.example.com');
$c->installDomainSsl($g);
var_dump($c->removeDomain($g), $c->domainSsl($g));
?>
--EXPECTF--
-- by id: one DELETE
bool(true)
1 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d
-- by Domain: one DELETE
bool(true)
1 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d
-- by id again: gone, no name to look for
bool(false)
1 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d
-- a stale Domain (the name was added again under a new id): the 404 falls back to the name
bool(true)
bool(true)
3 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d, GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=d.example.com, DELETE /api/v3/servers/1/webapps/10/domains/%d
NULL
-- a stale Domain whose name is gone too
bool(false)
2 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d, GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=d.example.com
-- by name: the lookup, then the DELETE
bool(true)
2 call(s): GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=e.example.com, DELETE /api/v3/servers/1/webapps/10/domains/%d
-- the DELETE's answer lost after it landed: retried, the 404 then means removed
bool(true)
2 call(s): DELETE /api/v3/servers/1/webapps/10/domains/%d, DELETE /api/v3/servers/1/webapps/10/domains/%d
-- the certificate goes with the domain
bool(true)
NULL
