--TEST--
A test's sandbox ends with the test however the test ends: normally, by exit, by a fatal error, or killed (as run-tests does on a time-out)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); if (!is_dir('/proc/self')) die('skip needs /proc'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/served.inc';
// The sandbox's processes: the server itself and what it started (php -S, its watchdog).
function alive(int $pid): bool {
    $stat = @file_get_contents("/proc/$pid/stat");
    if ($stat === false) return false;
    $state = substr($stat, strrpos($stat, ')') + 2, 1);  // "PID (NAME) STATE ..."
    return $state !== 'Z' && $state !== 'X';              // a zombie has ended
}
$endings = [
    'returns' => '',
    'exit' => 'exit(3);',
    'fatal error' => 'undefined_function();',
    'killed' => 'echo "ready\n"; flush(); sleep(600);',
];
foreach ($endings as $how => $code) {
    $script = tempnam(sys_get_temp_dir(), 'rc-life');
    file_put_contents($script, '<?php require ' . var_export(__DIR__ . '/../inc/sandbox.inc', true) . ";\n"
        . '$sb = new Sandbox(); echo $sb->info["pid"], "\n"; flush();' . "\n$code\n");
    $p = proc_open([rc_php_cli(), '-n', $script], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']], $pipes);
    $pid = (int) fgets($pipes[1]);
    echo "$how: sandbox ", $pid > 0 && alive($pid) ? 'running' : 'NOT STARTED', ', ';
    if ($how === 'killed') {
        fgets($pipes[1]);
        proc_terminate($p, 9);
    }
    fclose($pipes[1]);
    proc_close($p);
    unlink($script);
    // The sandbox polls for the process it watches and then stops its servers (3 s grace each): a bound,
    // not a guess at how fast this machine is.
    for ($t = 0; $t < 300 && alive($pid); $t++) usleep(100000);
    echo alive($pid) ? "STILL RUNNING\n" : "gone\n";
}
echo "-- the PHP server of served.inc, its test killed\n";
$script = tempnam(sys_get_temp_dir(), 'rc-life');
file_put_contents($script, '<?php require ' . var_export(__DIR__ . '/../inc/sandbox.inc', true) . '; require ' . var_export(__DIR__ . '/../inc/served.inc', true) . ";\n"
    . '$web = new ServedScript(__FILE__); $s = new ReflectionProperty($web, "proc"); echo proc_get_status($s->getValue($web))["pid"], "\n"; flush(); sleep(600);');
$p = proc_open([rc_php_cli(), '-n', '-d', 'extension=' . rc_loaded_extension_path(), $script], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']], $pipes);
$pid = (int) fgets($pipes[1]);
echo "server ", $pid > 0 && alive($pid) ? 'running' : 'NOT STARTED', ', ';
proc_terminate($p, 9);
fclose($pipes[1]);
proc_close($p);
for ($t = 0; $t < 300 && alive($pid); $t++) usleep(100000);
echo alive($pid) ? "STILL RUNNING\n" : "gone\n";
unlink($script);
?>
--EXPECT--
returns: sandbox running, gone
exit: sandbox running, gone
fatal error: sandbox running, gone
killed: sandbox running, gone
-- the PHP server of served.inc, its test killed
server running, gone
