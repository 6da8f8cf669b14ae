--TEST--
Client::installSsl() settings are checked; DNS not pointed is a ValidationException with RunCloud's message
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
rc_expect_throw(fn() => $c->installSsl(['provider' => 'acme']));
rc_expect_throw(fn() => $c->installSsl(['enableHttp' => 'yes']));
rc_expect_throw(fn() => $c->installSsl(['authorizationMethod' => 'dns-01']));
rc_expect_throw(fn() => $c->installSsl(['colour' => 'blue']));
rc_expect_throw(fn() => $c->installSsl(['x']));
echo count($sb->journal()), " requests\n";
$c->addDomain('shop.example.com');
$sb->config(['unpointed' => ['shop.example.com']]);
$e = rc_expect_throw(fn() => $c->installSsl());
echo get_class($e), ' ', $e->getStatusCode(), "\n";
$sb->config(['unpointed' => []]);
$c->installSsl();
$sb->fault(['path' => '/ssl', 'count' => 1, 'type' => 'dns_not_pointed']);
rc_expect_throw(fn() => $c->redeploySsl());
var_dump($c->redeploySsl());
?>
--EXPECTF--
ValueError (0): RunCloud\Client::installSsl(): Argument #1 ($settings) option "provider" must be "letsencrypt", "custom" or "csr"
TypeError (0): RunCloud\Client::installSsl(): Argument #1 ($settings) option "enableHttp" must be of type bool, string given
ValueError (0): RunCloud\Client::installSsl(): Argument #1 ($settings) must give "externalApi" (a DNS API key id) with "authorizationMethod" "dns-01"
ValueError (0): RunCloud\Client::installSsl(): Argument #1 ($settings) contains an unknown setting "colour"
ValueError (0): RunCloud\Client::installSsl(): Argument #1 ($settings) must have setting names as keys, found the index 0
0 requests
RunCloud\ValidationException (422): RunCloud API POST /servers/1/webapps/10/ssl failed with HTTP 422: DNS of shop.example.com does not point to this server.
RunCloud\ValidationException 422
RunCloud\ValidationException (422): RunCloud API PUT /servers/1/webapps/10/ssl/%d failed with HTTP 422: %s
bool(true)
