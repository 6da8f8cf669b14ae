--TEST--
Client::listServers() and listWebApps() return every page as lists of RunCloud's objects (PHP arrays)
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$servers = [];
for ($i = 2; $i <= 45; $i++) $servers[] = ['id' => $i, 'name' => "srv-$i", 'ip' => '127.0.0.1', 'webapps' => []];
$apps = [];
for ($i = 1; $i <= 41; $i++) $apps[] = ['id' => 1000 + $i, 'name' => "app$i", 'primary' => "app$i.test"];
$servers[] = ['id' => 46, 'name' => 'busy', 'ip' => '127.0.0.1', 'webapps' => $apps];
$sb->admin('POST', '/__sandbox/seed', ['servers' => $servers]);

$c = $sb->client();
$list = $c->listServers();
echo count($list), " servers, ids ", implode(',', array_slice(array_column($list, 'id'), 0, 3)), ",...,", end($list)['id'], "\n";
echo json_encode(array_keys($list) === range(0, count($list) - 1)), ' ', $list[0]['name'], ' ', $list[0]['ipAddress'], ' ', gettype($list[0]['id']), "\n";
$mine = $c->listWebApps();
echo count($mine), ' web app of server ', RC_SERVER, ': ', $mine[0]['id'], ' ', $mine[0]['name'], "\n";
$many = $c->listWebApps(46);
echo count($many), ' web apps of server 46, first ', $many[0]['name'], ', last ', end($many)['name'], "\n";
var_dump($c->listWebApps(45));
rc_expect_throw(fn() => $c->listWebApps(999));
$paths = array_map(fn($e) => $e['path'], $sb->journal());
echo implode("\n", array_unique($paths)), "\n";
?>
--EXPECTF--
46 servers, ids 1,2,3,...,46
true test-server 127.0.0.1 integer
1 web app of server 1: 10 network
41 web apps of server 46, first app1, last app41
array(0) {
}
RunCloud\NotFoundException (404): RunCloud API GET /servers/999/webapps?page=1&perPage=40 failed with HTTP 404: Server not found.
/api/v3/servers
/api/v3/servers/1/webapps
/api/v3/servers/46/webapps
/api/v3/servers/45/webapps
/api/v3/servers/999/webapps
