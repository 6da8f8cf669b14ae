--TEST--
Issue 10 cases 2 and 3: a logger that calls back into its client, or into another client on the same connections, or constructs the client again, is refused; the call goes on and the client stays usable
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$seen = [];
$c = null;
$twin = $sb->client();   // same token and URL: the same pooled session
$logger = function (string $level, string $message) use (&$c, $twin, &$seen) {
    if ($level !== 'debug') return;
    foreach (['same client' => fn() => $c->ping(), 'twin client' => fn() => $twin->ping(),
              'construct again' => fn() => $c->__construct(RC_TOKEN, RC_SERVER, RC_APP)] as $what => $fn) {
        try { $fn(); $seen[$what] = 'allowed'; } catch (Throwable $e) { $seen[$what] = get_class($e) . ': ' . $e->getMessage(); }
    }
};
$c = $sb->client(['logger' => $logger]);
var_dump($c->ping());
foreach ($seen as $what => $result) echo "$what: $result\n";
// The same during a bulk call: every add still happens.
$r = $c->addDomains(['r1.test', 'r2.test', 'r3.test']);
echo implode(',', $r->added), "\n";
$seen = [];
$c2 = $sb->client();
var_dump($c2->ping(), $twin->ping(), $c->ping());
var_dump(is_subclass_of(RunCloud\BusyException::class, LogicException::class), in_array(RunCloud\Exception::class, class_implements(RunCloud\BusyException::class)));
?>
--EXPECT--
bool(true)
same client: RunCloud\BusyException: RunCloud\Client is busy: one of its calls is running (PHP code called back into it)
twin client: RunCloud\BusyException: RunCloud\Client refused the call: another client on the same connections is in the middle of one (PHP code called back into it)
construct again: Error: RunCloud\Client is already constructed
r1.test,r2.test,r3.test
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
