--TEST--
Client::removeDomain(): true when removed, false when absent; never the first page only; primary refused
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 100, 'pattern' => 'site-%d.test'], 'domains' => ['Deep.Example.com']]);
$c = $sb->client();
var_dump($c->removeDomain('deep.example.com.'));
echo implode("\n", array_map(fn($x) => preg_replace('/\d+$/', 'ID', $x), $sb->calls())), "\n";
var_dump($c->removeDomain('deep.example.com'));
var_dump(in_array('deep.example.com', $sb->names(), true), count($sb->names()));
$e = rc_expect_throw(fn() => $c->removeDomain(RC_PRIMARY));
var_dump($e->getErrors() !== [] || $e->getMessage() !== '');
$sb->config(['ignore_search' => true]);
var_dump($c->removeDomain('site-100.test'));
?>
--EXPECTF--
bool(true)
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=deep.example.com
DELETE /api/v3/servers/1/webapps/10/domains/ID
bool(false)
bool(false)
int(101)
RunCloud\ValidationException (422): RunCloud API DELETE /servers/1/webapps/10/domains/%d failed with HTTP 422: %s
bool(true)
bool(true)
