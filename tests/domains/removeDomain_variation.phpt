--TEST--
Client::removeDomain() among 10,000 domains: 2 calls when RunCloud filters by search, at most ceil(N/40)+1 when it does not
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 10000, 'pattern' => 'site-%d.example.com']]);
$c = $sb->client();
$c->addDomain('needle.example.com');   // the newest, so the last page of a walk
$sb->admin('DELETE', '/__sandbox/journal');
var_dump($c->removeDomain('needle.example.com'));
echo count($sb->journal()), " calls with search\n";
$c->addDomain('needle.example.com');
$sb->config(['ignore_search' => true]);
$sb->admin('DELETE', '/__sandbox/journal');
var_dump($c->removeDomain('needle.example.com'));
$calls = count($sb->journal());
$bound = (int) ceil(10002 / 40) + 1;
echo $calls <= $bound ? "within ceil(N/40)+1 = $bound" : "$calls calls, over $bound", " calls without search\n";
var_dump(in_array('needle.example.com', $sb->names(), true));
?>
--EXPECT--
bool(true)
2 calls with search
bool(true)
within ceil(N/40)+1 = 252 calls without search
bool(false)
