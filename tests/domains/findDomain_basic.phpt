--TEST--
Client::findDomain() finds a name on any page, with `search` (one request) and without it (page walk)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 200, 'pattern' => 'site-%d.test']]);
$c = $sb->client();
$c->addDomain('last.example.com');   // the newest: on the last page
$sb->admin('DELETE', '/__sandbox/journal');
$d = $c->findDomain('LAST.example.com.');
echo $d->name, ' after ', count($sb->journal()), " request(s)\n";
var_dump($c->findDomain('absent.example.com'));
// site-1.test is a substring of site-10.test ... site-199.test: only the exact name counts.
echo $c->findDomain('site-1.test')->name, "\n";
$sb->admin('DELETE', '/__sandbox/journal');
$sb->config(['ignore_search' => true]);
echo $c->findDomain('last.example.com')->name, ' after ', count($sb->journal()), " requests without search\n";
$sb->admin('DELETE', '/__sandbox/journal');
var_dump($c->findDomain('absent.example.com'));
echo count($sb->journal()), " requests to be sure it is absent\n";
?>
--EXPECT--
last.example.com after 1 request(s)
NULL
site-1.test
last.example.com after 6 requests without search
NULL
6 requests to be sure it is absent
