--TEST--
Client::addDomain() of a name that is already there returns the existing domain; retried adds never duplicate
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['shop.example.com']]);
$c = $sb->client(['retries' => 2]);
$existing = $c->addDomain('SHOP.example.com');
echo $existing->name, ' id>0: ', var_export($existing->id > 0, true), "\n";
echo implode("\n", $sb->calls()), "\n";
// The answer is lost after the add landed: the retry meets 422 and reads the domain back.
$sb->admin('DELETE', '/__sandbox/journal');
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'drop', 'after' => true]);
$d = $c->addDomain('retry.example.com');
echo $d->name, "\n";
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 502,
            'body' => '<html><body><h1>502 Bad Gateway</h1></body></html>', 'content_type' => 'text/html']);
$d = $c->addDomain('after-502.example.com');
echo $d->name, "\n";
$names = $sb->names();
echo implode(' ', $names), "\n";
echo count($names) === count(array_unique($names)) ? "no duplicates\n" : "DUPLICATES\n";
?>
--EXPECT--
shop.example.com id>0: true
POST /api/v3/servers/1/webapps/10/domains
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=shop.example.com
retry.example.com
after-502.example.com
network.test shop.example.com retry.example.com after-502.example.com
no duplicates
