--TEST--
runcloud.ssl_mode_ttl: the SSL mode is trusted for a while only, so a switch to basic made elsewhere is not undone by a per-domain install
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--INI--
runcloud.ssl_mode_ttl=3600
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['advanced_ssl' => ['advancedSSL' => true, 'autoSSL' => false]]);
$c = $sb->client();
foreach (['a', 'b', 'c', 'd'] as $n) $c->addDomain("$n.example.com");
// What an admin does in RunCloud's panel: the client is not told.
$panel = fn(bool $advanced) => $sb->admin('POST', '/__sandbox/seed', ['servers' => [['id' => RC_SERVER,
    'webapps' => [['id' => RC_APP, 'advanced_ssl' => ['advancedSSL' => $advanced, 'autoSSL' => false]]]]]]);
$calls = function () use ($sb) { $list = $sb->calls(); $sb->admin('DELETE', '/__sandbox/journal'); return implode("\n", $list) . "\n"; };
$calls();
echo "-- within the TTL (an hour) the mode is read once for several installs\n";
$c->installDomainSsl('a.example.com');
$c->installDomainSsl('b.example.com');
echo $calls();
$panel(false);
// A client of the same session (the same connections and memory) that trusts the mode for 1 s: after
// 1.2 s the mode seen above is too old for it, however long the installs above took.
ini_set('runcloud.ssl_mode_ttl', '1');
$c = $sb->client();
usleep(1200000);
echo "-- past it the mode is read again: the install is refused and the web app stays basic\n";
rc_expect_throw(fn() => $c->installDomainSsl('c.example.com'));
echo $calls();
echo json_encode($sb->webapp()['advanced_ssl']), "\n";
echo "-- 0: the mode is read before every install\n";
ini_set('runcloud.ssl_mode_ttl', '0');
$zero = $sb->client();
$panel(true);
$zero->installDomainSsl('c.example.com');
$zero->installDomainSsl('d.example.com');
echo $calls();
echo "-- values out of range are refused, the value in force kept\n";
var_dump(ini_set('runcloud.ssl_mode_ttl', '-1'), ini_set('runcloud.ssl_mode_ttl', 'soon'), ini_get('runcloud.ssl_mode_ttl'));
?>
--EXPECTF--
-- within the TTL (an hour) the mode is read once for several installs
GET /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=a.example.com
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=b.example.com
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
-- past it the mode is read again: the install is refused and the web app stays basic
RunCloud\SslModeException (0): RunCloud web application 10 uses basic SSL: switch it to advanced SSL (setSslMode(true)) before installing per-domain certificates
GET /api/v3/servers/1/webapps/10/ssl/advanced
{"advancedSSL":false,"autoSSL":false}
-- 0: the mode is read before every install
GET /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=c.example.com
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
GET /api/v3/servers/1/webapps/10/ssl/advanced
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=d.example.com
POST /api/v3/servers/1/webapps/10/domains/%d/ssl
-- values out of range are refused, the value in force kept

Warning: ini_set(): runcloud.ssl_mode_ttl must be a number of seconds from 0 to 86400; "-1" refused, keeping "0" in %s on line %d

Warning: ini_set(): runcloud.ssl_mode_ttl must be a number of seconds from 0 to 86400; "soon" refused, keeping "0" in %s on line %d
bool(false)
bool(false)
string(1) "0"
