--TEST--
Client::ping() over v3 Bearer and v2 Basic; the journal shows which credential matched and no secret
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
var_dump($sb->client()->ping());
$v2 = RunCloud\Client::withApiKey(RC_KEY, RC_SECRET, RC_SERVER, RC_APP, ['base_url' => $sb->url('v2')]);
var_dump($v2->ping());
$bearer_v2 = new RunCloud\Client(RC_TOKEN, RC_SERVER, RC_APP, ['base_url' => $sb->url('v2')]);
var_dump($bearer_v2->ping());
foreach ($sb->journal() as $e) {
    echo $e['method'], ' ', $e['path'], ' ', $e['auth'], ' ', $e['credential'] !== null ? 'matched' : 'none', ' ', $e['status'], "\n";
}
$raw = json_encode($sb->journal());
var_dump(str_contains($raw, RC_TOKEN) || str_contains($raw, RC_SECRET));
// Basic credentials are refused on v3, as RunCloud does.
$wrong = RunCloud\Client::withApiKey(RC_KEY, RC_SECRET, RC_SERVER, RC_APP, ['base_url' => $sb->url('v3')]);
rc_expect_throw(fn() => $wrong->ping());
$bad = new RunCloud\Client('wrong-token', RC_SERVER, RC_APP, ['base_url' => $sb->url()]);
$e = rc_expect_throw(fn() => $bad->ping());
var_dump($e->getStatusCode(), $e->getErrors());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
GET /api/v3/ping bearer matched 200
GET /api/v2/ping basic matched 200
GET /api/v2/ping bearer matched 200
bool(false)
RunCloud\AuthenticationException (401): RunCloud API GET /ping failed with HTTP 401: Unauthenticated.
RunCloud\AuthenticationException (401): RunCloud API GET /ping failed with HTTP 401: Unauthenticated.
int(401)
array(0) {
}
