--TEST--
No credential in var_dump, print_r, var_export, json_encode, debug_zval_refcount, casts or exception traces; serialize, unserialize and clone refused
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
use RunCloud\Client;
$clients = [new Client(RC_TOKEN, 1, 2), Client::withApiKey(RC_KEY, RC_SECRET, 3, 4, ['persistent' => false])];
function leaks(string $s): bool {
    return str_contains($s, RC_TOKEN) || str_contains($s, RC_KEY) || str_contains($s, RC_SECRET)
        || str_contains($s, base64_encode(RC_KEY . ':' . RC_SECRET));
}
foreach ($clients as $c) {
    ob_start();
    var_dump($c);
    print_r($c);
    var_export($c);
    debug_zval_dump($c);
    echo json_encode($c), serialize((array) $c), print_r((array) $c, true), print_r(get_object_vars($c), true);
    $out = ob_get_clean();
    echo 'dump leaks: ', leaks($out) ? 'YES' : 'no', "\n";
}
var_dump($clients[1]);
echo json_encode($clients[0]), "\n";
// A failure inside a method: the trace must not show the credential either.
try {
    (function (Client $c) { throw new RuntimeException('boom'); })($clients[0]);
} catch (RuntimeException $e) {
    echo 'trace leaks: ', leaks($e->getTraceAsString() . print_r($e->getTrace(), true)) ? 'YES' : 'no', "\n";
}
try {
    new Client(RC_TOKEN, 0, 1);
} catch (ValueError $e) {
    echo 'constructor trace leaks: ', leaks($e->getTraceAsString() . (string) $e) ? 'YES' : 'no', "\n";
}
foreach ([fn() => serialize($clients[0]), fn() => clone $clients[0],
          fn() => unserialize('O:15:"RunCloud\Client":0:{}'), fn() => $clients[0]->dynamic = 1] as $f) {
    rc_expect_throw($f);
}
var_dump($clients[0] == $clients[0]);
var_dump($clients[0] == $clients[1]);
rc_expect_throw(fn() => (new ReflectionClass(Client::class))->newInstanceWithoutConstructor());
?>
--EXPECTF--
dump leaks: no
dump leaks: no
object(RunCloud\Client)#%d (5) {
  ["serverId"]=>
  int(3)
  ["webAppId"]=>
  int(4)
  ["baseUrl"]=>
  string(33) "https://manage.runcloud.io/api/v2"
  ["auth"]=>
  string(5) "basic"
  ["persistent"]=>
  bool(false)
}
{}
trace leaks: no
constructor trace leaks: no
Exception (0): Serialization of 'RunCloud\Client' is not allowed
Error (0): Trying to clone an uncloneable object of class RunCloud\Client
Exception (0): Unserialization of 'RunCloud\Client' is not allowed
Error (0): Cannot create dynamic property RunCloud\Client::$dynamic
bool(true)
bool(false)
ReflectionException (0): Class RunCloud\Client is an internal class marked as final that cannot be instantiated without invoking its constructor
