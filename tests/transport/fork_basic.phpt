--TEST--
Forked children (pcntl_fork) never reuse their parent's connection, and all their calls succeed
--EXTENSIONS--
runcloud
pcntl
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox(['--tls']))->seed();
$c = $sb->client();
$c->ping();
$children = [];
for ($i = 0; $i < 3; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $ok = $c->ping() && $c->addDomain("child-$i.example.com")->name === "child-$i.example.com";
        $fresh = $sb->client();
        $ok = $ok && $fresh->ping();
        // Leave without PHP's shutdown, which would stop the parent's sandbox from the child.
        pcntl_exec($ok ? '/bin/true' : '/bin/false');
    }
    $children[] = $pid;
}
$signals = [];
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
    $signals[] = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : -1;
}
echo 'children ok: ', count(array_filter($signals, fn($s) => $s === 0)), "/3\n";
$c->ping();   // the parent's connection still works
$journal = $sb->journal();
$parent = $journal[0]['connection'];
$by_conn = array_count_values(array_column($journal, 'connection'));
echo 'parent connection used ', $by_conn[$parent], " times (2 pings)\n";
echo count($by_conn), " connections in all\n";
echo count(array_filter($sb->names(), fn($n) => str_starts_with($n, 'child-'))), " child domains\n";
?>
--EXPECT--
children ok: 3/3
parent connection used 2 times (2 pings)
4 connections in all
3 child domains
