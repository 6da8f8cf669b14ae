--TEST--
HTTPS through nginx: peer verified against the CA, one kept-alive connection (HTTP/2) for many calls; untrusted or wrong-name certificates refused
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox(['--tls']))->seed();
echo parse_url($sb->url(), PHP_URL_SCHEME), "\n";
$c = $sb->client();
for ($i = 0; $i < 5; $i++) $c->ping();
$c->addDomain('tls.example.com');
$c->listDomains();
$journal = $sb->journal();
echo count($journal), ' calls on ', count(array_unique(array_column($journal, 'connection'))), " connection(s)\n";
echo 'versions: ', implode(',', array_unique(array_column($journal, 'protocol'))), "\n";
$untrusted = new RunCloud\Client(RC_TOKEN, RC_SERVER, RC_APP, ['base_url' => $sb->url(), 'retries' => 0, 'persistent' => false]);
$e = rc_expect_throw(fn() => $untrusted->ping());
echo 'handshake refused: ', $e->getMethod(), ' ', $e->getPath(), ', sent: ', var_export($e->wasSent(), true), "\n";
$other = (new Sandbox(['--tls', '--tls-name=other.test']))->seed();
$wrong = $other->client(['retries' => 0]);
$e = rc_expect_throw(fn() => $wrong->ping());
echo 'wrong name: sent: ', var_export($e->wasSent(), true), "\n";
echo count($other->journal()), " requests reached the wrong-name server\n";
?>
--EXPECTF--
https
7 calls on 1 connection(s)
versions: %s2%s
RunCloud\TransportException (60): RunCloud API GET /ping failed: %s
handshake refused: GET /ping, sent: false
RunCloud\TransportException (60): RunCloud API GET /ping failed: %s
wrong name: sent: false
0 requests reached the wrong-name server
