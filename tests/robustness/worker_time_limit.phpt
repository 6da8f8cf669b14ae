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
set_time_limit(600);
$c->addDomains($names);
echo 'the call returned';
PHP);
$web = new ServedScript($script, ['RC_TOKEN' => RC_TOKEN, 'RC_URL' => $sb->url(), 'RC_CA' => $sb->info['ca']]);
// Every add waits 300 ms in the sandbox, so the call spends its time waiting on the server. PHP's time limit
// is a SIGPROF counted in CPU time, which a process waiting on the network hardly spends: when the limit
// fires depends on the machine. So the test fires it itself, with the same signal, once the call has
// started adding (an event it reads from the journal), at a moment the call is waiting.
$sb->config(['latency_ms' => 300]);
$bulk = $web->open('bulk=1');
for ($t = 0; $t < 1200 && count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST')) < 4; $t++) usleep(50000);
$web->signal(defined('SIGPROF') ? SIGPROF : 27);
$out = stream_get_contents($bulk);
fclose($bulk);
echo str_contains($out, 'Maximum execution time') ? 'time limit reached' : "no time limit: $out", "\n";
$posts = count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'));
echo $posts < 2000 ? 'stopped before the end of the list' : 'ALL 2000 SENT', "\n";
$sb->config(['latency_ms' => 0]);
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
