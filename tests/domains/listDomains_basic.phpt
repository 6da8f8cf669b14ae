--TEST--
Client::listDomains() walks every page: empty app, exact multiple of 40, one more
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
foreach ([0, 39, 79, 80] as $extra) {
    $sb = (new Sandbox())->seed($extra ? ['bulk' => ['count' => $extra, 'pattern' => 'site-%d.test']] : []);
    $list = $sb->client()->listDomains();
    $names = array_map(fn($d) => $d->name, $list);
    echo count($list), ' domains (', $extra + 1, ' expected), ', count($sb->journal()), ' requests, ',
         $names === $sb->names() ? 'same order as RunCloud' : 'ORDER DIFFERS', ', all Domain: ',
         var_export(array_filter($list, fn($d) => !$d instanceof RunCloud\Domain) === [], true), "\n";
}
?>
--EXPECT--
1 domains (1 expected), 1 requests, same order as RunCloud, all Domain: true
40 domains (40 expected), 1 requests, same order as RunCloud, all Domain: true
80 domains (80 expected), 2 requests, same order as RunCloud, all Domain: true
81 domains (81 expected), 3 requests, same order as RunCloud, all Domain: true
