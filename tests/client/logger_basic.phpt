--TEST--
The logger option is told of every request and failure, never of a credential; a throwing logger stops the call
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$lines = [];
$c = $sb->client(['logger' => function (string $level, string $message, array $context) use (&$lines) {
    $lines[] = [$level, $message, $context];
}, 'retries' => 1]);
$c->ping();
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 503, 'body' => '{"message":"Down for maintenance"}']);
$c->ping();
$sb->fault(['path' => '/ping', 'count' => 2, 'type' => 'status', 'status' => 500, 'body' => '{"message":"Boom"}']);
rc_expect_throw(fn() => $c->ping());
foreach ($lines as [$level, $message, $ctx]) {
    echo $level, ': ', $message, ' ', json_encode(array_intersect_key($ctx, ['method' => 1, 'path' => 1, 'status' => 1, 'attempt' => 1])), "\n";
}
var_dump(str_contains(json_encode($lines), RC_TOKEN));
var_dump(array_keys($lines[0][2]));
$throwing = $sb->client(['logger' => function () { throw new LogicException('logger says no'); }]);
rc_expect_throw(fn() => $throwing->ping());
?>
--EXPECTF--
RunCloud\ServerException (500): RunCloud API GET /ping failed with HTTP 500: Boom
debug: GET /ping -> 200 {"method":"GET","path":"\/ping","status":200,"attempt":1}
warning: GET /ping -> HTTP 503; retrying in %d ms {"method":"GET","path":"\/ping","status":503,"attempt":1}
debug: GET /ping -> 200 {"method":"GET","path":"\/ping","status":200,"attempt":2}
warning: GET /ping -> HTTP 500; retrying in %d ms {"method":"GET","path":"\/ping","status":500,"attempt":1}
error: RunCloud API GET /ping failed with HTTP 500: Boom {"method":"GET","path":"\/ping","status":500,"attempt":2}
bool(false)
array(5) {
  [0]=>
  string(6) "method"
  [1]=>
  string(4) "path"
  [2]=>
  string(6) "status"
  [3]=>
  string(7) "attempt"
  [4]=>
  string(11) "duration_ms"
}
LogicException (0): logger says no
