<?php
/* One PHP request in the soak's PHP-FPM pool: three calls, then this worker's pid and resident memory. */
header('Content-Type: application/json');
try {
    $c = new RunCloud\Client(getenv('SOAK_TOKEN'), 1, 1, ['base_url' => getenv('SOAK_URL'), 'ca_info' => getenv('SOAK_CA')]);
    $ok = $c->ping() && $c->findDomain('soak-1.example.com') !== null && count($c->listDomains()) > 0;
} catch (RunCloud\Exception $e) {
    $ok = false;
}
$rss = (int) preg_replace('/\D/', '', implode('', preg_grep('/^VmRSS/', file('/proc/self/status'))));
echo json_encode(['ok' => $ok, 'pid' => getmypid(), 'rss_kb' => $rss]);
