<?php
// Runs in the one PHP-FPM worker: each HTTP request to it is one separate PHP request doing the add-domain
// flow (3 API calls) over HTTPS against the canned API, with the client named by ?client=.
//   ext         RunCloud\Client (persistent connections: the pool outlives the PHP request)
//   curl-new    a new curl handle per call (what wp_remote_request does)
//   curl-reuse  one curl handle for the request's three calls (dies with the PHP request)
// Answers {"ok":true,"pid":N} so the caller can check that a single worker served everything.

declare(strict_types=1);

header('Content-Type: application/json');
$base = (string) ($_SERVER['BENCH_API'] ?? '');
$ca = (string) ($_SERVER['BENCH_CA'] ?? '');
$token = (string) ($_SERVER['BENCH_TOKEN'] ?? '');
$name = 'shop.example.com';
try {
    switch ($_GET['client'] ?? '') {
        case 'ext':
            $client = new RunCloud\Client($token, 1, 1, ['base_url' => $base, 'ca_info' => $ca]);
            $client->addDomain($name);
            if (!$client->redeploySsl()) {
                throw new RuntimeException('redeploySsl found no certificate');
            }
            break;
        case 'curl-new':
            require_once __DIR__ . '/../drivers/curl-new.php';
            (new BenchFlows(new CurlNewTransport($base, $token, $ca)))->add($name);
            break;
        case 'curl-reuse':
            require_once __DIR__ . '/../drivers/curl-reuse.php';
            (new BenchFlows(new CurlReuseTransport($base, $token, $ca)))->add($name);
            break;
        default:
            throw new InvalidArgumentException('unknown client');
    }
    echo json_encode(['ok' => true, 'pid' => getmypid()]);
} catch (Throwable $e) {
    http_response_code(500);
    echo json_encode(['ok' => false, 'pid' => getmypid(), 'error' => get_class($e) . ': ' . $e->getMessage()]);
}
