--TEST--
Issue 10 case 5: a throwing logger stops a bulk call: no queued request starts after it threw
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 20, 'pattern' => 'old-%d.test']]);
$c = $sb->client(['concurrency' => 2, 'logger' => function ($level) { if ($level === 'debug') throw new RuntimeException('stop'); }]);
$names = [];
for ($i = 0; $i < 20; $i++) $names[] = "new-$i.test";
rc_expect_throw(fn() => $c->addDomains($names));
$posts = count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'));
echo $posts <= 2 ? "at most 2 adds sent (the ones running)" : "$posts adds sent", "\n";
$sb->admin('DELETE', '/__sandbox/journal');
$c2 = $sb->client(['concurrency' => 2, 'logger' => function ($level, $m, $ctx) { if ($ctx['method'] === 'DELETE') throw new RuntimeException('stop deleting'); }]);
rc_expect_throw(fn() => $c2->syncDomains([]));
$deletes = count(array_filter($sb->journal(), fn($e) => $e['method'] === 'DELETE'));
echo $deletes <= 2 ? "at most 2 deletes sent" : "$deletes deletes sent", "\n";
?>
--EXPECT--
RuntimeException (0): stop
at most 2 adds sent (the ones running)
RuntimeException (0): stop deleting
at most 2 deletes sent
