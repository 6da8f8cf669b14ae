--TEST--
Issue 10 case 1: max_execution_time firing while a bulk call waits on the server stops the call at once (no queued request starts); the worker's next requests succeed on one connection
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/served.inc';
$sb = (new Sandbox(['--tls']))->seed();
$script = tempnam(sys_get_temp_dir(), 'rc') . '.php';
file_put_contents($script, <<<'PHP'
<?php
$c = new RunCloud\Client(getenv('RC_TOKEN'), 1, 10, ['base_url' => getenv('RC_URL'), 'ca_info' => getenv('RC_CA'), 'concurrency' => 4]);
if (!isset($_GET['bulk'])) { echo $c->ping() ? 'pong' : 'no'; return; }
$names = [];
for ($i = 0; $i < 2000; $i++) $names[] = "slow-$i.test";
// max_execution_time counts CPU time: use up most of it here, the rest goes inside the call.
set_time_limit(1);
$cpu = fn() => array_sum(array_map(fn($k) => getrusage()["ru_$k.tv_sec"] + getrusage()["ru_$k.tv_usec"] / 1e6, ['utime', 'stime']));
$start = $cpu();
while ($cpu() - $start < 0.995) {}
$c->addDomains($names);
echo 'the call returned';
PHP);
$web = new ServedScript($script, ['RC_TOKEN' => RC_TOKEN, 'RC_URL' => $sb->url(), 'RC_CA' => $sb->info['ca']]);
$out = $web->get('bulk=1');
echo str_contains($out, 'Maximum execution time') ? 'time limit reached' : "no time limit: $out", "\n";
$posts = count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'));
echo $posts < 2000 ? 'stopped before the end of the list' : 'ALL 2000 SENT', "\n";
$sb->admin('DELETE', '/__sandbox/journal');
$answers = [];
for ($i = 0; $i < 3; $i++) $answers[] = $web->get();
echo implode(' ', $answers), ', ', count(array_unique(array_column($sb->journal(), 'connection'))), " connection(s)\n";
unlink($script);
?>
--EXPECT--
time limit reached
stopped before the end of the list
pong pong pong, 1 connection(s)
