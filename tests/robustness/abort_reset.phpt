--TEST--
Issue 10 case 4: after the logger throws once, the next calls of the same client work and return what they declare
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$throw = true;
$c = $sb->client(['logger' => function () use (&$throw) { if ($throw) { $throw = false; throw new LogicException('once'); } }]);
rc_expect_throw(fn() => $c->ping());
var_dump($c->ping());
$d = $c->addDomain('sticky.example.com');
echo get_class($d), ' ', $d->name, "\n";
var_dump($c->removeDomain('sticky.example.com'));
?>
--EXPECT--
LogicException (0): once
bool(true)
RunCloud\Domain sticky.example.com
bool(true)
