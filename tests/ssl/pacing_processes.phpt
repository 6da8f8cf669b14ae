--TEST--
Three PHP processes share one small rate limit: the client paces from X-RateLimit-Remaining and Retry-After, and every call succeeds
--EXTENSIONS--
runcloud
pcntl
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
// 6 calls per 6 s window for 3 x 8 calls: the processes must share at least four windows, racing for 2
// calls each. One retry only: a 429 does not use it up, so a call never fails on the limit while its
// timeout allows the wait.
$sb = (new Sandbox())->seed([], ['rate_limit' => 6, 'rate_window' => 6]);
$sb->admin('DELETE', '/__sandbox/journal');
$out = tempnam(sys_get_temp_dir(), 'rc-pace');
$children = [];
for ($i = 0; $i < 3; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $lines = [];
        try {
            $c = $sb->client(['retries' => 1, 'timeout' => 90]);
            for ($n = 0; $n < 4; $n++) {
                $c->request('GET', '/ping', null, ['from' => "p$i"]);  // the query tells the processes apart
                $c->findDomain("p$i-$n.example.com");
            }
            $lines[] = "ok";
        } catch (Throwable $e) {
            $lines[] = get_class($e) . ': ' . $e->getMessage();
        }
        file_put_contents($out, "child $i: " . implode(' ', $lines) . "\n", FILE_APPEND | LOCK_EX);
        pcntl_exec('/bin/true');  // leave without PHP's shutdown, which would stop the parent's sandbox
    }
    $children[] = $pid;
}
foreach ($children as $pid) pcntl_waitpid($pid, $status);
$said = file($out, FILE_IGNORE_NEW_LINES);
sort($said);
echo implode("\n", $said), "\n";
unlink($out);
$journal = $sb->journal();
$ok = count(array_filter($journal, fn($e) => $e['status'] === 200));
echo "answered 200: $ok\n";
// How many calls meet the limit depends on how the three interleave; what each process guarantees does
// not: after a 429 it sends nothing before the window ends (its Retry-After, rounded up to whole seconds).
// Both sides are read on the sandbox's rate limiter's own clock: when it counted each request, and the end
// of the window each 429 refused in.
$early = [];
$held = [];
foreach ($journal as $e) {
    $who = $e['query']['from'] ?? substr($e['query']['search'] ?? '??', 0, 2);
    if (isset($held[$who]) && $e['limit_at'] < $held[$who]) $early[] = sprintf('%s %.3f s early', $who, $held[$who] - $e['limit_at']);
    if ($e['status'] === 429) $held[$who] = max($held[$who] ?? 0, $e['limit_until']);
}
echo "sent during its own Retry-After: ", $early ? implode(', ', $early) : 'none', "\n";
?>
--EXPECT--
child 0: ok
child 1: ok
child 2: ok
answered 200: 24
sent during its own Retry-After: none
