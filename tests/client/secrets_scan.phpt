--TEST--
With recognisable credentials, everything a run produces (messages, traces, log lines, dumps, both sandboxes' journals and databases) holds none of them; Authorization never reaches another host
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$elsewhere = new Sandbox();   // where a redirect points
$seen = '';
$logger = function (string $level, string $message, array $context) use (&$seen) { $seen .= "$level $message " . json_encode($context) . "\n"; };
$clients = [
    $sb->client(['logger' => $logger, 'retries' => 1]),
    RunCloud\Client::withApiKey(RC_KEY, RC_SECRET, RC_SERVER, RC_APP, ['base_url' => $sb->url('v2'), 'logger' => $logger, 'retries' => 1, 'retry_delay' => 0.01]),
];
$faults = [
    ['type' => 'status', 'status' => 401, 'body' => '{"message":"Unauthenticated."}'],
    ['type' => 'status', 'status' => 502, 'body' => '<h1>Bad Gateway</h1>'],
    ['type' => 'redirect', 'location' => $elsewhere->url() . '/login'],
    ['type' => 'malformed'], ['type' => 'truncate'], ['type' => 'drop'],
];
foreach ($clients as $c) {
    foreach ([fn() => $c->ping(), fn() => $c->addDomain('s.example.com'), fn() => $c->listDomains(),
              fn() => $c->redeploySsl(), fn() => $c->removeDomain('s.example.com'),
              fn() => $c->syncDomains(['s.example.com'])] as $call) {
        foreach ([null, ...$faults] as $fault) {
            if ($fault) $sb->fault($fault + ['count' => 2]);
            try {
                $seen .= print_r($call(), true);
            } catch (Throwable $e) {
                $seen .= get_class($e) . ' ' . $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . print_r($e->getTrace(), true) . (string) $e;
            }
            $sb->admin('DELETE', '/__sandbox/faults');
        }
    }
    ob_start();
    var_dump($c); print_r($c); var_export($c); debug_zval_dump($c);
    $seen .= ob_get_clean() . json_encode($c);
}
$seen .= json_encode($sb->journal()) . json_encode($elsewhere->journal());
$seen .= file_get_contents($sb->info['db']) . file_get_contents($elsewhere->info['db']);
$secrets = [RC_TOKEN, RC_KEY, RC_SECRET, base64_encode(RC_KEY . ':' . RC_SECRET)];
echo strlen($seen) > 10000 ? "plenty scanned\n" : "too little scanned\n";
foreach ($secrets as $s) echo str_contains($seen, $s) ? "FOUND a credential\n" : "clean\n";
echo count($elsewhere->journal()), " requests reached the redirect's host\n";
?>
--EXPECT--
plenty scanned
clean
clean
clean
clean
0 requests reached the redirect's host
