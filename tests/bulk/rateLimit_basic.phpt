--TEST--
Client::rateLimit() reports the last X-RateLimit figures; 429 is retried after Retry-After; the client paces itself near the limit
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed([], ['rate_limit' => 1000]);
$c = $sb->client(['retries' => 2, 'retry_delay' => 0.01]);
var_dump($c->rateLimit());
$c->ping();
var_dump($c->rateLimit());
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}', 'headers' => ['Retry-After' => '1']]);
$t = microtime(true);
var_dump($c->ping());
echo 'waited for Retry-After: ', microtime(true) - $t >= 0.9 ? 'yes' : 'no', "\n";
$none = $sb->client(['retries' => 0]);
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}', 'headers' => ['Retry-After' => '3']]);
$e = rc_expect_throw(fn() => $none->ping());
var_dump($e->getRetryAfter());
// A real limit of 60 a minute: near the end of it the client spaces its calls (and says so) instead of
// running into 429. (The session remembers the Retry-After above: its first call waits for it.)
$sb->config(['rate_limit' => 60]);
$sb->admin('DELETE', '/__sandbox/journal');
$said = [];
$paced = $sb->client(['timeout' => 60, 'logger' => function ($level, $message) use (&$said) {
    if ($level !== 'debug') $said[] = preg_replace('/\d+ of/', 'N of', "$level: $message");
}]);
for ($i = 0; $i < 58; $i++) $paced->ping();
echo implode("\n", array_unique($said)), "\n";
echo count(array_filter($sb->journal(), fn($e) => $e['status'] === 429)), " answers were 429\n";
?>
--EXPECTF--
NULL
array(2) {
  ["limit"]=>
  int(1000)
  ["remaining"]=>
  int(%d)
}
bool(true)
waited for Retry-After: yes
RunCloud\RateLimitException (429): RunCloud API GET /ping failed with HTTP 429: Too Many Attempts.
int(3)
info: slowing down: N of 60 calls left this minute
0 answers were 429
