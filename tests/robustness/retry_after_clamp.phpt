--TEST--
Issue 10 case 8: a huge Retry-After is clamped (no overflow, no retry at once); a wait past the call's deadline is not taken
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
foreach (['9999999999', '99999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT', '-5', 'soon'] as $after) {
    // A client of its own session each time: a session remembers a 429's Retry-After for its later calls.
    $c = $sb->client(['retries' => 3, 'timeout' => 5, 'persistent' => false]);
    $sb->admin('DELETE', '/__sandbox/journal');
    $sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}',
                'headers' => ['Retry-After' => $after]]);
    try {
        $c->ping();
        echo "$after: retried, ", count($sb->journal()), " requests\n";
    } catch (RunCloud\RateLimitException $e) {
        echo "$after: RateLimitException, retry after ", var_export($e->getRetryAfter(), true), ', ', count($sb->journal()), " request(s)\n";
    }
}
?>
--EXPECT--
9999999999: RateLimitException, retry after 86400, 1 request(s)
99999999999999999999: retried, 2 requests
Fri, 31 Dec 9999 23:59:59 GMT: RateLimitException, retry after 86400, 1 request(s)
-5: retried, 2 requests
soon: retried, 2 requests
