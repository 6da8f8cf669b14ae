--TEST--
php --ri runcloud shows libidn2's version and this process's connection pool (sessions, idle handles), which persistent clients fill
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$info = function (): array {
    ob_start();
    (new ReflectionExtension('runcloud'))->info();
    preg_match_all('/^(libidn2 version|Pooled sessions|Idle transfer handles in the pool) => (.*)$/m', ob_get_clean(), $m);
    return array_combine($m[1], $m[2]);
};
$before = $info();
echo preg_match('/^\d+\.\d+/', $before['libidn2 version']) ? 'libidn2 version shown' : 'NO LIBIDN2 VERSION', "\n";
echo 'before: ', $before['Pooled sessions'], ' session(s), ', $before['Idle transfer handles in the pool'], " idle handle(s)\n";
$sb = (new Sandbox())->seed();
$sb->client()->ping();
$sb->client(['persistent' => false])->ping();   // not pooled
$after = $info();
echo 'after: ', $after['Pooled sessions'], ' session(s), ', $after['Idle transfer handles in the pool'], " idle handle(s)\n";
?>
--EXPECT--
libidn2 version shown
before: 0 session(s), 0 idle handle(s)
after: 1 session(s), 1 idle handle(s)
