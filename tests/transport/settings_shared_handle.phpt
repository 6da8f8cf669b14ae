--TEST--
Clients sharing pooled handles each get their own settings: a handle configured for one client is configured again for another (here the HTTP version), and back
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox(['--tls']))->seed();
// Same token and URL: one pooled session, so the second client's calls run on the handle the first one used.
$h2 = $sb->client();
$h1 = $sb->client(['http_version' => '1.1']);
$protocols = function () use ($sb): string {
    $seen = array_column($sb->journal(), 'protocol');
    $sb->admin('DELETE', '/__sandbox/journal');
    return implode(',', array_unique($seen));
};
$h2->ping();
$h2->ping();
echo 'default: ', $protocols(), "\n";
$h1->ping();
$h1->ping();
echo 'http_version 1.1: ', $protocols(), "\n";
$h2->ping();
echo 'default again: ', $protocols(), "\n";
?>
--EXPECT--
default: HTTP/2.0
http_version 1.1: HTTP/1.1
default again: HTTP/2.0
