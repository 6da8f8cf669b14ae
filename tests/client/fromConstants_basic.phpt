--TEST--
Client::fromConstants() with the v3 token, with the legacy key and secret, and WU_RUNCLOUD_API_URL
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
define('WU_RUNCLOUD_SERVER_ID', (string) RC_SERVER);   // wp-config.php often quotes numbers
define('WU_RUNCLOUD_APP_ID', RC_APP);
define('WU_RUNCLOUD_API_KEY', RC_KEY);
define('WU_RUNCLOUD_API_SECRET', RC_SECRET);
define('WU_RUNCLOUD_API_URL', $sb->url('v2') . '/');
$c = RunCloud\Client::fromConstants(['timeout' => 5]);
var_dump($c->ping());
echo print_r($c, true);
echo $sb->journal()[0]['auth'], "\n";
?>
--EXPECTF--
bool(true)
RunCloud\Client Object
(
    [serverId] => 1
    [webAppId] => 10
    [baseUrl] => http://127.0.0.1:%d/api/v2
    [auth] => basic
    [persistent] => 1
)
basic
