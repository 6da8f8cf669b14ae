--TEST--
Issue 10 case 12, as decided in issue 19: pacing never holds a start past the call's deadline, and never fails a call: such a start goes at once
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0, 'timeout' => 20]);
$items = [];
for ($i = 1; $i <= 40; $i++) $items[] = ['id' => $i, 'name' => "r$i.test", 'type' => 'alias'];
// One call a minute allowed, none left: pacing would hold every next page a minute, past the call's 20 s.
// Only a 429's Retry-After holds for certain; an estimate gives way, so the pages go at once.
$sb->fault(['path' => '/domains', 'count' => 5, 'type' => 'status', 'status' => 200,
            'headers' => ['X-RateLimit-Limit' => '1', 'X-RateLimit-Remaining' => '0'],
            'body' => json_encode(['data' => $items, 'meta' => ['pagination' => ['current_page' => 1, 'total_pages' => 5]]])]);
$sb->admin('DELETE', '/__sandbox/journal');
echo count($c->listDomains()), " domains\n";
echo count($sb->journal()), " pages sent\n";
?>
--EXPECT--
40 domains
5 pages sent
