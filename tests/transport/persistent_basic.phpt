--TEST--
Connections outlive the PHP request: one server process, many requests, one TLS connection; persistent=false opens one per request
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/served.inc';
$sb = (new Sandbox(['--tls']))->seed();
$script = tempnam(sys_get_temp_dir(), 'rc') . '.php';
file_put_contents($script, '<?php
$c = new RunCloud\Client(getenv("RC_TOKEN"), 1, 10, ["base_url" => getenv("RC_URL"), "ca_info" => getenv("RC_CA"),
                          "persistent" => ($_GET["persistent"] ?? "1") === "1"]);
echo $c->ping() ? "pong" : "no";');
$web = new ServedScript($script, ['RC_TOKEN' => RC_TOKEN, 'RC_URL' => $sb->url(), 'RC_CA' => $sb->info['ca']]);
$answers = [];
for ($i = 0; $i < 5; $i++) $answers[] = $web->get();
echo implode(' ', $answers), "\n";
echo count(array_unique(array_column($sb->journal(), 'connection'))), " connection(s) for 5 PHP requests\n";
$sb->admin('DELETE', '/__sandbox/journal');
for ($i = 0; $i < 3; $i++) $web->get('persistent=0');
echo count(array_unique(array_column($sb->journal(), 'connection'))), " connection(s) for 3 PHP requests without persistence\n";
unlink($script);
?>
--EXPECT--
pong pong pong pong pong
1 connection(s) for 5 PHP requests
3 connection(s) for 3 PHP requests without persistence
