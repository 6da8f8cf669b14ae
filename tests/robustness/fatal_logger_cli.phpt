--TEST--
Issue 10 cases 1 and 16: a fatal error in the logger in the middle of a bulk call ends the script cleanly: shutdown functions run, nothing of the client leaks (valgrind, LSan)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['concurrency' => 3, 'logger' => function (string $level) {
    // A compile error is fatal on every PHP (trigger_error's E_USER_ERROR is deprecated from 8.4).
    if ($level === 'debug') eval('function rc_gives_up() {} function rc_gives_up() {}');
}]);
register_shutdown_function(function () use ($sb) {
    $posts = count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'));
    echo "\nshutdown: ", $posts <= 3 ? 'no add started after the fatal error' : "$posts adds", "\n";
    // The pool is healthy for the rest of the process: a new client on the same session works.
    var_dump($sb->client()->ping());
});
$names = [];
for ($i = 0; $i < 12; $i++) $names[] = "f$i.test";
$c->addDomains($names);
echo "not reached\n";
?>
--EXPECTF--
Fatal error: Cannot redeclare %A
shutdown: no add started after the fatal error
bool(true)
