--TEST--
Per-domain SSL refusals are typed exceptions with the HTTP status and RunCloud's message; bad arguments reach no server; a POST is never sent twice
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['bulk' => ['count' => 100, 'pattern' => 'site-%d.test'], 'ssl' => true]);
$c = $sb->client();
$posts = fn() => count(array_filter($sb->journal(), fn($e) => $e['method'] === 'POST'));
echo "-- arguments\n";
rc_expect_throw(fn() => $c->domainSsl(1.5));
rc_expect_throw(fn() => $c->installDomainSsl([]));
rc_expect_throw(fn() => $c->redeployDomainSsl(0));
rc_expect_throw(fn() => $c->removeDomainSsl('bad name'));
rc_expect_throw(fn() => $c->installDomainSsl('site-1.test', ['provider' => 'acme']));
rc_expect_throw(fn() => $c->removeDomain(new stdClass));
echo count($sb->journal()), " requests\n";
echo "-- basic SSL: over 100 names, the basic redeploy is refused\n";
$e = rc_expect_throw(fn() => $c->redeploySsl());
echo get_class($e), ' ', $e->getStatusCode(), "\n";
echo "-- basic SSL: a per-domain install is refused before it is sent\n";
$sb->admin('DELETE', '/__sandbox/journal');
rc_expect_throw(fn() => $c->installDomainSsl('site-1.test'));
echo implode("\n", $sb->calls()), "\n";
echo "-- the sandbox's own refusal when the client believed the mode advanced\n";
$c->setSslMode(true);
$sb->admin('POST', '/__sandbox/seed', ['servers' => [['id' => RC_SERVER, 'webapps' => [['id' => RC_APP, 'advanced_ssl' => ['advancedSSL' => false]]]]]]);
$e = rc_expect_throw(fn() => $c->redeployDomainSsl('site-1.test'));
echo get_class($e), ' ', $e->getStatusCode(), "\n";
$c->setSslMode(true);
echo "-- a name that does not point at the server\n";
$sb->config(['unpointed' => ['site-2.test']]);
$e = rc_expect_throw(fn() => $c->installDomainSsl('site-2.test'));
echo get_class($e), ' ', $e->getStatusCode(), ' ', json_encode($e->getErrors()), "\n";
var_dump($c->domainSsl('site-2.test'));
echo "-- one customer's broken DNS affects only that customer\n";
$c->installDomainSsl('site-3.test');
echo $c->domainSsl('site-3.test')->id > 0 ? "site-3 issued\n" : "site-3 not issued\n";
echo "-- the duplicate-certificate limit\n";
$sb->config(['ca_duplicate_limit' => 2]);
$c->installDomainSsl('site-4.test');
$c->redeployDomainSsl('site-4.test');
$e = rc_expect_throw(fn() => $c->redeployDomainSsl('site-4.test'));
echo get_class($e), ' ', $e->getStatusCode(), "\n";
echo "-- a 500 after the server acted: read back, the POST is not sent again\n";
$sb->admin('DELETE', '/__sandbox/journal');
$sb->fault(['type' => 'status', 'status' => 500, 'method' => 'POST', 'path' => '/ssl', 'process' => true, 'body' => '{"message":"Server Error"}']);
echo $c->installDomainSsl('site-5.test')->id > 0 ? "site-5 installed\n" : "no id\n";
echo $posts(), " POST\n";
echo "-- a lost answer to an install that did not happen: the failure stands\n";
$sb->admin('DELETE', '/__sandbox/journal');
$sb->fault(['type' => 'drop', 'method' => 'POST', 'path' => '/ssl', 'process' => false]);
$e = rc_expect_throw(fn() => $c->installDomainSsl('site-6.test'));
echo get_class($e), "\n";
echo $posts(), " POST\n";
echo "-- one there already (AutoSSL): the existing certificate\n";
$c->installDomainSsl('site-7.test');
var_dump($c->installDomainSsl('site-7.test') == $c->domainSsl('site-7.test'));
echo "-- an install RunCloud accepts while the certificate comes later (in the background)\n";
$sb->fault(['type' => 'status', 'status' => 200, 'method' => 'POST', 'path' => '/ssl', 'body' => '{}']);
echo 'id ', $c->installDomainSsl('site-8.test', ['environment' => 'staging'])->id, ', staging ', var_export($c->installDomainSsl('site-9.test', ['environment' => 'staging'])->staging, true), "\n";
var_dump($c->domainSsl('site-8.test'));
echo "-- a domain the web app does not have\n";
rc_expect_throw(fn() => $c->installDomainSsl('nowhere.test'));
rc_expect_throw(fn() => $c->installDomainSsl(987654));
?>
--EXPECTF--
-- arguments
TypeError (0): RunCloud\Client::domainSsl(): Argument #1 ($domain) must be of type RunCloud\Domain|string|int, float given
TypeError (0): RunCloud\Client::installDomainSsl(): Argument #1 ($domain) must be of type RunCloud\Domain|string|int, array given
ValueError (0): RunCloud\Client::redeployDomainSsl(): Argument #1 ($domain) must be %s
ValueError (0): RunCloud\Client::removeDomainSsl(): Argument #1 ($domain) must be a valid domain name, but it contains a space
ValueError (0): RunCloud\Client::installDomainSsl(): Argument #2 ($settings) option "provider" must be "letsencrypt", "custom" or "csr"
TypeError (0): RunCloud\Client::removeDomain(): Argument #1 ($name) must be of type RunCloud\Domain|string|int, stdClass given
0 requests
-- basic SSL: over 100 names, the basic redeploy is refused
RunCloud\ValidationException (422): RunCloud API PUT /servers/1/webapps/10/ssl/%d failed with HTTP 422: A Let's Encrypt certificate covers at most 100 names; this one would need 101. %s
RunCloud\ValidationException 422
-- basic SSL: a per-domain install is refused before it is sent
RunCloud\SslModeException (0): RunCloud web application 10 uses basic SSL: switch it to advanced SSL (setSslMode(true)) before installing per-domain certificates
GET /api/v3/servers/1/webapps/10/ssl/advanced
-- the sandbox's own refusal when the client believed the mode advanced
RunCloud\ValidationException (422): RunCloud API GET /servers/1/webapps/10/domains/%d/ssl failed with HTTP 422: This web application uses basic SSL: switch it to advanced SSL (POST /ssl/advanced) before managing per-domain certificates.
RunCloud\ValidationException 422
-- a name that does not point at the server
RunCloud\ValidationException (422): RunCloud API POST /servers/1/webapps/10/domains/%d/ssl failed with HTTP 422: DNS of site-2.test does not point to this server.
RunCloud\ValidationException 422 []
NULL
-- one customer's broken DNS affects only that customer
site-3 issued
-- the duplicate-certificate limit
RunCloud\ValidationException (422): RunCloud API PUT /servers/1/webapps/10/domains/%d/ssl/%d failed with HTTP 422: Let's Encrypt rate limit: at most 2 certificates for the exact same names (site-4.test) per 7 days. Retry after %s
RunCloud\ValidationException 422
-- a 500 after the server acted: read back, the POST is not sent again
site-5 installed
1 POST
-- a lost answer to an install that did not happen: the failure stands
RunCloud\TransportException (%d): RunCloud API POST /servers/1/webapps/10/domains/%d/ssl failed: %s
RunCloud\TransportException
1 POST
-- one there already (AutoSSL): the existing certificate
bool(true)
-- an install RunCloud accepts while the certificate comes later (in the background)
id 0, staging true
NULL
-- a domain the web app does not have
RunCloud\DomainNotFoundException (0): RunCloud web application 10 has no domain nowhere.test
RunCloud\NotFoundException (404): RunCloud API POST /servers/1/webapps/10/domains/987654/ssl failed with HTTP 404: Domain not found.
