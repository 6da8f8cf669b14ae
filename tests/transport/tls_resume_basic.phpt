--TEST--
When the server closes a connection, the next one resumes the TLS session (abbreviated handshake); http_version 1.1 keeps to HTTP/1.1
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
// nginx closes every connection after 2 requests.
$sb = (new Sandbox(['--tls', '--keepalive-requests=2']))->seed();
$c = $sb->client(['http_version' => '1.1']);
for ($i = 0; $i < 6; $i++) $c->ping();
// Resumption is asserted for sequential reconnections only: a TLS 1.3 ticket is single-use in newer
// libcurl, so concurrent reconnections (below) may race for one ticket and some do a full handshake.
$sequential = $sb->journal();
$c->addDomains(['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com']);
$journal = $sb->journal();
$first = [];
foreach ($sequential as $e) $first[$e['connection']] ??= $e;
echo count($sequential), ' sequential requests on ', count($first), " connections\n";
echo 'then ', count($journal), " requests in all\n";
echo 'protocols: ', implode(',', array_unique(array_column($journal, 'protocol'))), "\n";
$resumed = count(array_filter(array_slice(array_values($first), 1), fn($e) => $e['tls_reused']));
echo 'sequential reconnections that resumed TLS: ', $resumed === count($first) - 1 ? 'all' : "$resumed of " . (count($first) - 1), "\n";
rc_expect_throw(fn() => $sb->client(['http_version' => '3']));
?>
--EXPECTF--
6 sequential requests on 3 connections
then 10 requests in all
protocols: HTTP/1.1
sequential reconnections that resumed TLS: all
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "http_version" must be "2" or "1.1"
