--TEST--
INI entries can be changed and are read by new clients
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--INI--
runcloud.timeout=2.5
runcloud.connect_timeout=1
runcloud.persistent=0
runcloud.max_response_size=1K
--FILE--
<?php
var_dump(ini_get('runcloud.timeout'), ini_get('runcloud.connect_timeout'), ini_get('runcloud.persistent'), ini_get('runcloud.max_response_size'));
var_dump(ini_set('runcloud.timeout', '7'), ini_get('runcloud.timeout'));
var_dump(ini_set('runcloud.ca_info', __FILE__), ini_get('runcloud.ca_info') === __FILE__);
$c = new RunCloud\Client('t', 1, 2);
var_dump($c);
?>
--EXPECTF--
string(3) "2.5"
string(1) "1"
string(1) "0"
string(2) "1K"
string(3) "2.5"
string(1) "7"
string(0) ""
bool(true)
object(RunCloud\Client)#%d (5) {
  ["serverId"]=>
  int(1)
  ["webAppId"]=>
  int(2)
  ["baseUrl"]=>
  string(33) "https://manage.runcloud.io/api/v3"
  ["auth"]=>
  string(6) "bearer"
  ["persistent"]=>
  bool(false)
}
