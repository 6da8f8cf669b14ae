--TEST--
Pacing: a 429 does not use up the retries; sequential calls are spaced near the end of the budget; a known Retry-After holds the next call back
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$too_many = ['path' => '/ping', 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}'];
echo "-- three 429s without Retry-After, one retry allowed: RunCloud acted on none, so the call goes on\n";
$c = $sb->client(['retries' => 1, 'retry_delay' => 0.05]);
$sb->fault($too_many + ['count' => 3]);
var_dump($c->ping());
echo count(array_filter($sb->journal(), fn($e) => $e['status'] === 429)), " answers were 429\n";
echo "-- no retries asked for: the 429 is thrown\n";
$none = $sb->client(['retries' => 0]);
$sb->fault($too_many + ['count' => 1]);
rc_expect_throw(fn() => $none->ping());
echo "-- a 429 that said Retry-After: 2 holds back the session's next call\n";
$sb->fault($too_many + ['count' => 1, 'headers' => ['Retry-After' => '2']]);
// Measured from before the call that meets the 429: the next call cannot start sooner than 2 s after
// that answer arrived, however fast or slow this machine is.
$t = microtime(true);
rc_expect_throw(fn() => $none->ping());
var_dump($none->ping());
echo 'waited: ', microtime(true) - $t >= 1.95 ? 'yes' : 'no', "\n";
echo "-- 40 a minute: the last calls of the budget are spaced, one call after another\n";
$sb->config(['rate_limit' => 40]);
$sb->admin('DELETE', '/__sandbox/journal');
$paced = $sb->client(['timeout' => 60]);
for ($i = 0; $i < 40; $i++) {
    if ($i === 37) $t = microtime(true);
    $paced->ping();
}
$spent = microtime(true) - $t;
echo count($sb->journal()), " calls, ", count(array_filter($sb->journal(), fn($e) => $e['status'] === 429)), " answers were 429\n";
// With 2 calls of the 40 left, each start waits a minute / 40 = 1.5 s after the one before: the last three
// calls, measured from before the first of them to after the last, took at least those two waits.
echo 'last calls spaced: ', $spent >= 2.95 ? 'yes' : "no ($spent s)", "\n";
echo "-- a Retry-After that outlasts the next call's timeout: that call fails at once, never sent\n";
$short = $sb->client(['retries' => 0, 'timeout' => 5]);
$sb->fault($too_many + ['count' => 1, 'headers' => ['Retry-After' => '50']]);
rc_expect_throw(fn() => $short->ping());
$sb->admin('DELETE', '/__sandbox/journal');
try {
    $short->ping();
} catch (RunCloud\ThrottledException $e) {
    echo get_class($e), ' (', $e->getCode(), '): ', $e->getMethod(), ' ', $e->getPath(), ', sent: ', var_export($e->wasSent(), true), "\n";
    echo 'retry after: ', $e->getRetryAfter() >= 1 && $e->getRetryAfter() <= 60 ? 'what the server said, less the time gone' : var_export($e->getRetryAfter(), true), "\n";
}
echo count($sb->journal()), " requests reached RunCloud\n";
?>
--EXPECTF--
-- three 429s without Retry-After, one retry allowed: RunCloud acted on none, so the call goes on
bool(true)
3 answers were 429
-- no retries asked for: the 429 is thrown
RunCloud\RateLimitException (429): RunCloud API GET /ping failed with HTTP 429: Too Many Attempts.
-- a 429 that said Retry-After: 2 holds back the session's next call
RunCloud\RateLimitException (429): RunCloud API GET /ping failed with HTTP 429: Too Many Attempts.
bool(true)
waited: yes
-- 40 a minute: the last calls of the budget are spaced, one call after another
40 calls, 0 answers were 429
last calls spaced: yes
-- a Retry-After that outlasts the next call's timeout: that call fails at once, never sent
RunCloud\RateLimitException (429): RunCloud API GET /ping failed with HTTP 429: Too Many Attempts.
RunCloud\ThrottledException (0): GET /ping, sent: false
retry after: what the server said, less the time gone
0 requests reached RunCloud
