--TEST--
Client::installDomainSsl(), domainSsl(), redeployDomainSsl(), removeDomainSsl(): a domain's own certificate by name, id or Domain, {} answers read back
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['advanced_ssl' => ['advancedSSL' => true, 'autoSSL' => true]]);
$c = $sb->client();
$shop = $c->addDomain('shop.example.com', true);
$blog = $c->addDomain('blog.example.com');
$calls = function () use ($sb) { $list = $sb->calls(); $sb->admin('DELETE', '/__sandbox/journal'); return implode("\n", $list) . "\n"; };
$calls();
echo "-- nothing yet\n";
var_dump($c->domainSsl($shop), $c->redeployDomainSsl('blog.example.com'), $c->removeDomainSsl($shop->id));
var_dump($c->domainSsl('nowhere.example.com'), $c->redeployDomainSsl('nowhere.example.com'));
echo $calls();
echo "-- install by Domain: the mode is read once; the {} answer returns what was asked (id 0), no read back\n";
$ssl = $c->installDomainSsl($shop, ['enableHsts' => true]);
echo get_class($ssl), ' id=', $ssl->id, ' method=', $ssl->method, ' hsts=', var_export($ssl->enableHsts, true),
     ' http=', var_export($ssl->enableHttp, true), ' auth=', $ssl->authorizationMethod, ' staging=', var_export($ssl->staging, true),
     ' valid=', var_export($ssl->validUntil, true), "\n";
$log = $sb->journal();
echo $calls();
echo json_encode($log[1]['body']), "\n";
foreach ($sb->webapp()['domain_ssl'] as $cert) echo 'covers: ', implode(' ', $cert['names']), "\n";
echo "-- install by name, the certificate object as the answer: no read back\n";
$sb->fault(['type' => 'status', 'status' => 200, 'method' => 'POST', 'path' => '/domains/' . $blog->id . '/ssl', 'process' => true,
            'body' => '{"id":999,"method":"letsencrypt","enable_http":1,"enable_hsts":0,"staging":0}']);
$b = $c->installDomainSsl('blog.example.com', ['enableHttp' => true]);
echo $b->id, ' http=', var_export($b->enableHttp, true), "\n";
echo $calls();
echo "-- read by name, id and Domain: the id and dates now\n";
$ssl = $c->domainSsl('shop.example.com');
echo 'id>0=', var_export($ssl->id > 0, true), ' hsts=', var_export($ssl->enableHsts, true), ' valid=', var_export($ssl->validUntil !== null, true), "\n";
var_dump($c->domainSsl($shop->id) == $ssl, $c->domainSsl($shop) == $ssl);
$calls();
echo "-- redeploy: the certificate id is known, one PUT\n";
var_dump($c->redeployDomainSsl($shop));
echo $calls();
echo "-- another client on the same connections (the session) knows the id too\n";
$other = $sb->client();
var_dump($other->redeployDomainSsl($shop->id), $other->redeployDomainSsl($shop->id));
echo $calls();
$deploys = array_column($sb->webapp()['domain_ssl'], 'deploys', 'domain_id');
echo 'deploys of shop: ', $deploys[$shop->id], "\n";
echo "-- remove\n";
var_dump($c->removeDomainSsl('shop.example.com'), $c->domainSsl($shop->id));
echo $calls();
echo 'certificates left: ', count($sb->webapp()['domain_ssl']), "\n";
?>
--EXPECTF--
-- nothing yet
NULL
bool(false)
bool(false)
NULL
bool(false)
GET /api/v3/servers/1/webapps/10/domains/%d/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=shop.example.com
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=blog.example.com
GET /api/v3/servers/1/webapps/10/domains/%d/ssl
GET /api/v3/servers/1/webapps/10/domains/%d/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=nowhere.example.com
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=nowhere.example.com
-- install by Domain: the mode is read once; the {} answer returns what was asked (id 0), no read back
RunCloud\Ssl id=0 method=letsencrypt hsts=true http=false auth=http-01 staging=false valid=NULL
GET /api/v3/servers/1/webapps/10/ssl/advanced
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
{"provider":"letsencrypt","enableHttp":false,"enableHsts":true,"authorizationMethod":"http-01","environment":"live","advancedSSL":true,"autoSSL":true}
covers: shop.example.com www.shop.example.com
-- install by name, the certificate object as the answer: no read back
999 http=true
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=blog.example.com
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
-- read by name, id and Domain: the id and dates now
id>0=true hsts=true valid=true
bool(true)
bool(true)
-- redeploy: the certificate id is known, one PUT
bool(true)
PUT /api/v3/servers/1/webapps/10/domains/%d/ssl/%d
-- another client on the same connections (the session) knows the id too
bool(true)
bool(true)
PUT /api/v3/servers/1/webapps/10/domains/%d/ssl/%d
PUT /api/v3/servers/1/webapps/10/domains/%d/ssl/%d
deploys of shop: 4
-- remove
bool(true)
NULL
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=shop.example.com
DELETE /api/v3/servers/1/webapps/10/domains/%d/ssl/%d
GET /api/v3/servers/1/webapps/10/domains/%d/ssl
certificates left: 1
