--TEST--
Client::addDomains() and removeDomains(): concurrent, idempotent, with per-name failures
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['there.example.com']]);
$errors = [];
$c = $sb->client(['concurrency' => 8, 'logger' => function ($level, $message) use (&$errors) { if ($level === 'error') $errors[] = $message; }]);
$names = array_map(fn($i) => "site-$i.example.com", range(1, 30));
$r = $c->addDomains([...$names, 'there.example.com', 'SITE-1.example.com']);
echo count($r->added), ' added, unchanged: ', json_encode($r->unchanged), ', failed: ', count($r->failed), "\n";
echo count($sb->names()), " domains now\n";
echo count($errors), " errors logged for names already there\n";
// One add fails for good (403), the rest land; the failure carries its exception.
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 403, 'body' => '{"message":"This action is unauthorized."}']);
$r = $c->addDomains(['x1.example.com']);
foreach ($r->failed as $name => $e) echo $name, ': ', get_class($e), ' ', $e->getMessage(), "\n";
echo count($errors), " error logged\n";
$r = $c->removeDomains([...array_slice($names, 0, 10), 'never.example.com']);
echo count($r->removed), ' removed, unchanged: ', json_encode($r->unchanged), "\n";
$r = $c->removeDomains(['site-11.example.com', 'site-12.example.com']);
echo json_encode($r->removed), "\n";
echo count($sb->names()), " domains now\n";
$journal = $sb->journal();
$connections = count(array_unique(array_column($journal, 'connection')));
echo $connections > 0 ? "journal has connections\n" : "no connections\n";
?>
--EXPECT--
30 added, unchanged: ["there.example.com"], failed: 0
32 domains now
0 errors logged for names already there
x1.example.com: RunCloud\AuthenticationException RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 403: This action is unauthorized.
1 error logged
10 removed, unchanged: ["never.example.com"]
["site-11.example.com","site-12.example.com"]
20 domains now
journal has connections
