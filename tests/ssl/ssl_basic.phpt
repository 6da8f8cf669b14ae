--TEST--
Client::ssl(), installSsl(), redeploySsl(): the basic certificate's life, and redeploy as GET ssl + PUT ssl/{id}
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
var_dump($c->ssl());
var_dump($c->redeploySsl());
$ssl = $c->installSsl(['enableHsts' => true]);
echo get_class($ssl), ' id>0=', var_export($ssl->id > 0, true), ' method=', $ssl->method, ' hsts=', var_export($ssl->enableHsts, true),
     ' http=', var_export($ssl->enableHttp, true), ' auth=', $ssl->authorizationMethod, "\n";
$body = array_values(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'))[0]['body'];
echo json_encode($body), "\n";
var_dump($c->ssl() == $ssl);
$c->addDomain('shop.example.com');
$sb->admin('DELETE', '/__sandbox/journal');
var_dump($c->redeploySsl());
echo implode("\n", $sb->calls()), "\n";
$cert = $sb->webapp()['ssl'];
echo 'covers: ', implode(' ', $cert['names']), ' deploys: ', $cert['deploys'], "\n";
// A fresh client learns the id once; the session then remembers it.
$sb->admin('DELETE', '/__sandbox/journal');
$other = $sb->client();
$other->redeploySsl();
$other->redeploySsl();
echo implode("\n", $sb->calls()), "\n";
?>
--EXPECTF--
NULL
bool(false)
RunCloud\Ssl id>0=true method=letsencrypt hsts=true http=false auth=http-01
{"provider":"letsencrypt","enableHttp":false,"enableHsts":true,"authorizationMethod":"http-01","environment":"live"}
bool(true)
bool(true)
PUT /api/v3/servers/1/webapps/10/ssl/%d
covers: network.test shop.example.com deploys: %d
PUT /api/v3/servers/1/webapps/10/ssl/%d
PUT /api/v3/servers/1/webapps/10/ssl/%d
