<?php
/* Soak, one process: N calls on one client (and a fresh client every 1,000 calls, as a long-running
 * worker would make), against the sandbox. Prints one JSON line: calls, errors, resident memory after
 * warm-up and at the end. Usage: php -d extension=runcloud.so calls.php URL CA TOKEN N */
[, $url, $ca, $token, $n] = $argv;
$n = (int) $n;
$rss = fn() => (int) preg_replace('/\D/', '', preg_grep('/^VmRSS/', file('/proc/self/status'))[array_key_first(preg_grep('/^VmRSS/', file('/proc/self/status')))]);
$options = ['base_url' => $url, 'ca_info' => $ca, 'retries' => 2, 'retry_delay' => 0.05];
$client = new RunCloud\Client($token, 1, 1, $options);
$errors = [];
$warm = 0;
for ($i = 1; $i <= $n; $i++) {
    try {
        switch ($i % 4) {
            case 0: $client->ping(); break;
            case 1: $client->findDomain('soak-' . ($i % 50) . '.example.com'); break;
            case 2: $client->listDomains(); break;
            case 3: $client->rateLimit(); $client->ping(); break;
        }
    } catch (RunCloud\Exception $e) {
        $errors[get_class($e) . ': ' . $e->getMessage()] = ($errors[get_class($e) . ': ' . $e->getMessage()] ?? 0) + 1;
    }
    if ($i % 1000 === 0) $client = new RunCloud\Client($token, 1, 1, $options);
    if ($i === min($n, 5000)) { gc_collect_cycles(); $warm = $rss(); }
}
gc_collect_cycles();
echo json_encode(['calls' => $n, 'errors' => array_sum($errors), 'error_kinds' => $errors, 'rss_warm_kb' => $warm, 'rss_end_kb' => $rss()]), "\n";
