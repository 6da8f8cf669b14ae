--TEST--
Issue 10 case 15: once a non-persistent client is gone, no "Bearer <token>" is left in the process's malloc heap (header lists and libcurl's own buffers are wiped before they are freed)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
<?php
if (PHP_OS_FAMILY !== 'Linux' || !is_readable('/proc/self/mem')) die('skip needs /proc/self/mem');
// With the system allocator (valgrind and ASan runs) PHP's own strings, the scan's included, live in that heap too.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip PHP strings share the malloc heap under USE_ZEND_ALLOC=0');
if (extension_loaded('curl')) die('skip another extension initialised libcurl first');
?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = new RunCloud\Client(RC_TOKEN, RC_SERVER, RC_APP, ['base_url' => $sb->url(), 'persistent' => false]);
$c->ping();
$c->addDomains(['heap1.test', 'heap2.test', 'heap3.test']);
$c->listDomains();
unset($c);
gc_collect_cycles();
// Counted by hash so that the scan itself never holds the needle.
$want = hash('sha256', 'Bearer ' . RC_TOKEN);
$len = strlen('Bearer ' . RC_TOKEN);
$copies = 0;
$mem = fopen('/proc/self/mem', 'rb');
foreach (file('/proc/self/maps') as $line) {
    if (!preg_match('/^([0-9a-f]+)-([0-9a-f]+) rw\S+ \S+ \S+ \S+\s+\[heap\]$/', trim($line), $m)) continue;
    [$start, $end] = [hexdec($m[1]), hexdec($m[2])];
    for ($at = $start; $at < $end; $at += 1 << 20) {
        fseek($mem, $at);
        $chunk = (string) fread($mem, (int) min((1 << 20) + $len, $end - $at));
        for ($p = strpos($chunk, 'Bearer '); $p !== false; $p = strpos($chunk, 'Bearer ', $p + 1)) {
            if (hash('sha256', substr($chunk, $p, $len)) === $want) $copies++;
        }
    }
}
echo "$copies copies\n";
?>
--EXPECT--
0 copies
