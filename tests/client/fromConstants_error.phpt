--TEST--
Client::fromConstants(): ConfigurationException names every missing or bad constant, never a secret
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
rc_expect_throw(fn() => RunCloud\Client::fromConstants());
define('WU_RUNCLOUD_API_KEY', 'key-only');
rc_expect_throw(fn() => RunCloud\Client::fromConstants());
define('WU_RUNCLOUD_API_TOKEN', "secret token\n");
define('WU_RUNCLOUD_SERVER_ID', 'abc');
define('WU_RUNCLOUD_APP_ID', 0);
define('WU_RUNCLOUD_API_URL', 'ftp://example.com');
$e = rc_expect_throw(fn() => RunCloud\Client::fromConstants());
var_dump(str_contains($e->getMessage(), 'secret token'), $e instanceof RunCloud\Exception, $e instanceof LogicException);
rc_expect_throw(fn() => RunCloud\Client::fromConstants(['nope' => 1]));
?>
--EXPECT--
RunCloud\ConfigurationException (0): RunCloud is not configured: define WU_RUNCLOUD_API_TOKEN (or WU_RUNCLOUD_API_KEY and WU_RUNCLOUD_API_SECRET), WU_RUNCLOUD_SERVER_ID, WU_RUNCLOUD_APP_ID in wp-config.php
RunCloud\ConfigurationException (0): RunCloud is not configured: define WU_RUNCLOUD_API_SECRET, WU_RUNCLOUD_SERVER_ID, WU_RUNCLOUD_APP_ID in wp-config.php
RunCloud\ConfigurationException (0): RunCloud is misconfigured: WU_RUNCLOUD_SERVER_ID must be a positive integer; WU_RUNCLOUD_APP_ID must be a positive integer; WU_RUNCLOUD_API_TOKEN must not contain spaces or control characters; WU_RUNCLOUD_API_URL must be an http(s) URL without credentials, query or fragment
bool(false)
bool(true)
bool(true)
RunCloud\ConfigurationException (0): RunCloud is misconfigured: WU_RUNCLOUD_SERVER_ID must be a positive integer; WU_RUNCLOUD_APP_ID must be a positive integer; WU_RUNCLOUD_API_TOKEN must not contain spaces or control characters; WU_RUNCLOUD_API_URL must be an http(s) URL without credentials, query or fragment
