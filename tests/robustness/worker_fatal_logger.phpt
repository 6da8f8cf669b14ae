--TEST--
Issue 10 cases 1 and 16: a fatal error, a time limit or memory exhaustion inside the logger ends that PHP request only; the same worker's next requests succeed on one pooled connection
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
$mode = $_GET['mode'] ?? 'ping';
$logger = function (string $level, string $message) use ($mode) {
    if ($mode === 'time') {            // burns CPU time (what max_execution_time counts) until it fires in here
        $cpu = fn() => array_sum(array_map(fn($k) => getrusage()["ru_$k.tv_sec"] + getrusage()["ru_$k.tv_usec"] / 1e6, ['utime', 'stime']));
        $t = $cpu();
        while ($cpu() - $t < 0.3) {}
    } elseif ($mode === 'fatal') {
        // A compile error is fatal on every PHP (trigger_error's E_USER_ERROR is deprecated from 8.4).
        eval('function rc_gives_up() {} function rc_gives_up() {}');
    } elseif ($mode === 'memory') {
        $waste = str_repeat('x', 256 << 20);
    }
};
$c = new RunCloud\Client(getenv('RC_TOKEN'), 1, 10, ['base_url' => getenv('RC_URL'), 'ca_info' => getenv('RC_CA'),
                         'retry_delay' => 0.01, 'concurrency' => 4, 'logger' => $logger]);
if ($mode === 'ping') { echo $c->ping() ? 'pong' : 'no'; return; }
if ($mode === 'time') set_time_limit(1);
if ($mode === 'memory') ini_set('memory_limit', '64M');
$names = [];
for ($i = 0; $i < 16; $i++) $names[] = "w$i.$mode.test";
$c->addDomains($names);
echo 'the call returned';
PHP);
// memory_limit needs PHP's own allocator: memory checkers run PHP with USE_ZEND_ALLOC=0, the worker keeps it.
$web = new ServedScript($script, ['RC_TOKEN' => RC_TOKEN, 'RC_URL' => $sb->url(), 'RC_CA' => $sb->info['ca'], 'USE_ZEND_ALLOC' => '1']);
foreach (['time', 'fatal', 'memory'] as $mode) {
    $out = $web->get("mode=$mode");
    preg_match('/(Maximum execution time|Cannot redeclare|Allowed memory size)/', $out, $m);
    echo "$mode: ", $m[1] ?? "no fatal error: $out", "\n";
    // The first request after it may have to reconnect (the call's transfers were cut); the next ones
    // reuse that pooled connection.
    $answers = [$web->get()];
    $sb->admin('DELETE', '/__sandbox/journal');
    for ($i = 0; $i < 3; $i++) $answers[] = $web->get();
    $j = $sb->journal();
    echo '  next requests: ', implode(' ', $answers), ', the last 3 on ', count(array_unique(array_column($j, 'connection'))), " connection(s)\n";
}
unlink($script);
?>
--EXPECT--
time: Maximum execution time
  next requests: pong pong pong pong, the last 3 on 1 connection(s)
fatal: Cannot redeclare
  next requests: pong pong pong pong, the last 3 on 1 connection(s)
memory: Allowed memory size
  next requests: pong pong pong pong, the last 3 on 1 connection(s)
