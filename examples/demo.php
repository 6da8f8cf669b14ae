<?php
/* The main job, as Ultimate Multisite's integration does it: add a customer's domain, redeploy the
 * certificate, list the web app's domains, remove the domain. Points at RUNCLOUD_API_URL (the local
 * sandbox by default in scripts/demo.sh) with the sandbox's demo credentials unless told otherwise. */

$url = getenv('RUNCLOUD_API_URL') ?: 'https://manage.runcloud.io/api/v3';
$token = getenv('RUNCLOUD_API_TOKEN') ?: 'demo-token';
$server = (int) (getenv('RUNCLOUD_SERVER_ID') ?: 1);
$app = (int) (getenv('RUNCLOUD_APP_ID') ?: 1);
$domain = $argv[1] ?? 'shop.example.com';

$client = new RunCloud\Client($token, $server, $app, [
    'base_url' => $url,
    'logger' => function (string $level, string $message) {
        if ($level !== 'debug') fprintf(STDERR, "[%s] %s\n", $level, $message);
    },
]);

try {
    printf("ping: %s\n", $client->ping() ? 'pong' : 'no answer');
    $added = $client->addDomain($domain, www: false);
    printf("added: %s (id %d, %s)\n", $added->name, $added->id, $added->type);
    printf("ssl redeployed: %s\n", $client->redeploySsl() ? 'yes' : 'no certificate installed');
    foreach ($client->listDomains() as $d) {
        printf("  %-30s %-8s id %d%s\n", $d->name, $d->type, $d->id, $d->wildcard ? ' (wildcard)' : '');
    }
    printf("removed: %s\n", $client->removeDomain($domain) ? 'yes' : 'it was not there');
    $limit = $client->rateLimit();
    if ($limit !== null && $limit['remaining'] !== null) {
        printf("rate limit: %d of %d calls left this minute\n", $limit['remaining'], $limit['limit']);
    }
} catch (RunCloud\Exception $e) {
    fprintf(STDERR, "%s: %s\n", get_class($e), $e->getMessage());
    exit(1);
}
