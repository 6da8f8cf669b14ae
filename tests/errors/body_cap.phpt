--TEST--
Answers over runcloud.max_response_size are refused while they arrive, never buffered whole
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--INI--
runcloud.max_response_size=2K
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 60, 'pattern' => 'a-rather-long-domain-name-number-%d.example.com']]);
$c = $sb->client(['retries' => 2]);
rc_expect_throw(fn() => $c->listDomains());
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 500, 'body' => str_repeat('x', 100000)]);
rc_expect_throw(fn() => $c->ping());
echo count($sb->journal()), " requests: a refused body is not retried\n";
var_dump($c->ping());
?>
--EXPECT--
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40: the answer is larger than the 2048-byte cap
RunCloud\UnexpectedResponseException (500): RunCloud API GET /ping: the answer is larger than the 2048-byte cap
2 requests: a refused body is not retried
bool(true)
