--TEST--
Rate-limit headers that contradict themselves never turn into failures: Remaining alternating 59/0 without a 429, above the limit, not a number, a limit that changes back and forth; rateLimit() says what the last answer said; an unreadable Retry-After falls back to the normal backoff
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$pong = ['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{"message":"pong"}'];
$answer = fn(array $headers) => $sb->fault($pong + ['headers' => $headers]);
echo "-- X-RateLimit-Remaining 59, 0, 59, 0, ... of 60 and never a 429: every call is sent and succeeds\n";
$c = $sb->client(['timeout' => 10, 'retries' => 0]);
for ($i = 0; $i < 15; $i++) $answer(['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => $i % 2 ? '0' : '59']);
$failed = [];
for ($i = 0; $i < 15; $i++) {
    try { $c->ping(); } catch (RunCloud\Exception $e) { $failed[] = get_class($e) . ': ' . $e->getMessage(); }
}
echo 15 - count($failed), " of 15 succeeded", $failed ? "\n" . implode("\n", array_unique($failed)) : '', "\n";
echo count($sb->journal()), " requests sent\n";
echo "-- rateLimit() is what the last answer said; null for a Remaining that is missing, not a number or above the limit\n";
$d = $sb->client(['timeout' => 10, 'retries' => 0]);
foreach ([['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '42'],
          ['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => 'many'],
          ['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '100'],
          ['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '-3'],
          ['X-RateLimit-Limit' => '60'],
          ['X-RateLimit-Limit' => '6000', 'X-RateLimit-Remaining' => '5999'],
          ['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '0'],
          ['X-RateLimit-Limit' => '6000', 'X-RateLimit-Remaining' => '0'],
          ['X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '59']] as $headers) {
    $answer($headers);
    $d->ping();
    echo json_encode($headers), ' -> ', json_encode($d->rateLimit()), "\n";
}
echo "-- a 429 whose Retry-After cannot be read: getRetryAfter() null, and only the call's own backoff waits\n";
$said = [];
$e = $sb->client(['retries' => 1, 'retry_delay' => 0.01, 'logger' => function ($level, $message, $context) use (&$said) {
    if ($level === 'warning') $said[] = 'retry in ' . ($context['retry_in_ms'] <= 10 ? 'at most retry_delay' : $context['retry_in_ms'] . ' ms');
}]);
$too_many = ['path' => '/ping', 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}',
             'headers' => ['Retry-After' => 'soon', 'X-RateLimit-Limit' => '60', 'X-RateLimit-Remaining' => '0']];
$sb->fault($too_many + ['count' => 1]);
var_dump($e->ping());
echo implode("\n", $said), "\n";
$none = $sb->client(['retries' => 0, 'timeout' => 0.9]);
$sb->fault($too_many + ['count' => 1]);
$x = rc_expect_throw(fn() => $none->ping());
var_dump($x->getRetryAfter());
// Nothing holds the session after it: the next call, with well under a second, is sent at once.
var_dump($none->ping());
?>
--EXPECT--
-- X-RateLimit-Remaining 59, 0, 59, 0, ... of 60 and never a 429: every call is sent and succeeds
15 of 15 succeeded
15 requests sent
-- rateLimit() is what the last answer said; null for a Remaining that is missing, not a number or above the limit
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"42"} -> {"limit":60,"remaining":42}
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"many"} -> {"limit":60,"remaining":null}
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"100"} -> {"limit":60,"remaining":null}
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"-3"} -> {"limit":60,"remaining":null}
{"X-RateLimit-Limit":"60"} -> {"limit":60,"remaining":null}
{"X-RateLimit-Limit":"6000","X-RateLimit-Remaining":"5999"} -> {"limit":6000,"remaining":5999}
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"0"} -> {"limit":60,"remaining":0}
{"X-RateLimit-Limit":"6000","X-RateLimit-Remaining":"0"} -> {"limit":6000,"remaining":0}
{"X-RateLimit-Limit":"60","X-RateLimit-Remaining":"59"} -> {"limit":60,"remaining":59}
-- a 429 whose Retry-After cannot be read: getRetryAfter() null, and only the call's own backoff waits
bool(true)
retry in at most retry_delay
RunCloud\RateLimitException (429): RunCloud API GET /ping failed with HTTP 429: Too Many Attempts.
NULL
bool(true)
