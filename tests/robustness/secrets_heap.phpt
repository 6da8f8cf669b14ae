--TEST--
Issue 10 case 15: once a non-persistent client is gone, no "Bearer <token>" is left in the process's malloc heap (header lists and libcurl's own buffers are wiped before they are freed)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
<?php
if (PHP_OS_FAMILY !== 'Linux' || !is_readable('/proc/self/mem')) die('skip needs /proc/self/mem');
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
// Counted by a hash built in parts, so that the scan never puts the needle itself in memory (with
// USE_ZEND_ALLOC=0 PHP's strings live in this same heap). Under valgrind and ASan the process's memory is
// their allocator's, not "[heap]": the scan then finds nothing to look at.
$h = hash_init('sha256');
hash_update($h, 'Bearer ');
hash_update($h, RC_TOKEN);
$want = hash_final($h);
$len = strlen('Bearer ') + strlen(RC_TOKEN);
$copies = 0;
$mem = fopen('/proc/self/mem', 'rb');
foreach (file('/proc/self/maps') as $line) {
    $fields = preg_split('/\s+/', trim($line));  // address perms offset dev inode [path]
    if (($fields[5] ?? '') !== '[heap]' || !str_starts_with($fields[1], 'rw')) continue;
    [$start, $end] = array_map('hexdec', explode('-', $fields[0]));
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
