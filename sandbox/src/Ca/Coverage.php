<?php

declare(strict_types=1);

namespace RunCloudSandbox\Ca;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Model\Domains;
use RunCloudSandbox\Store;

/**
 * Which domains "answer HTTPS with a valid certificate" in the sandbox's model: every name a domain
 * needs (the name and, with www on, its www. twin) is covered by a certificate that the web app
 * serves in its current mode (basic: the basic certificate; advanced: the per-domain ones, where a
 * wildcard domain's certificate also covers the names one label below it), that has not expired,
 * is not a staging one (browsers do not trust those) and is not a bare CSR.
 */
final class Coverage
{
    /** @return array{complete:bool,webapps:list<array>} */
    public static function report(Store $store, ?int $onlyWebapp): array
    {
        $sql = 'SELECT * FROM webapps' . ($onlyWebapp === null ? '' : ' WHERE id = ?') . ' ORDER BY id';
        $webapps = array_map(
            static fn (array $app): array => self::webapp($store, $app, Clock::now()),
            $store->all($sql, $onlyWebapp === null ? [] : [$onlyWebapp]),
        );
        return ['complete' => !in_array(false, array_column($webapps, 'complete'), true), 'webapps' => $webapps];
    }

    private static function webapp(Store $store, array $app, int $now): array
    {
        $id = (int) $app['id'];
        $advanced = (int) $app['advanced_ssl'] === 1;
        $certs = $store->all('SELECT * FROM certificates WHERE webapp_id = ? AND domain_id IS ' . ($advanced ? 'NOT NULL' : 'NULL'), [$id]);
        [$serving, $flawed] = self::index($certs, $now);
        $uncovered = [];
        $domains = $store->all('SELECT id, name, www FROM domains WHERE webapp_id = ? ORDER BY id', [$id]);
        foreach ($domains as $domain) {
            $missing = array_values(array_filter(
                Domains::certificateNames($domain),
                static fn (string $name): bool => !self::covers($serving, $name),
            ));
            if ($missing !== []) {
                $uncovered[] = [
                    'domain_id' => (int) $domain['id'],
                    'name' => $domain['name'],
                    'missing' => $missing,
                    'reason' => self::reason($flawed, $missing[0]),
                ];
            }
        }
        return [
            'server_id' => (int) $app['server_id'],
            'webapp_id' => $id,
            'mode' => $advanced ? 'advanced' : 'basic',
            'domains' => count($domains),
            'covered' => count($domains) - count($uncovered),
            'complete' => $uncovered === [],
            'uncovered' => $uncovered,
        ];
    }

    /**
     * Names served by a trusted, unexpired certificate; and, for the reasons, the names of the others.
     * @return array{array<string,true>,array<string,string>}
     */
    private static function index(array $certs, int $now): array
    {
        $serving = [];
        $flawed = [];
        foreach ($certs as $cert) {
            $problem = match (true) {
                $cert['method'] === 'csr' => 'only a CSR is installed, no certificate',
                (int) $cert['staging'] === 1 => 'staging certificate (not trusted)',
                strtotime($cert['valid_until'] . ' UTC') <= $now => 'certificate expired on ' . $cert['valid_until'],
                default => null,
            };
            foreach (json_decode($cert['names'], true) as $name) {
                if ($problem === null) {
                    $serving[$name] = true;
                } else {
                    $flawed[$name] = $problem;
                }
            }
        }
        return [$serving, $flawed];
    }

    /** Exact name, or a wildcard one label up ("*.example.com" covers "a.example.com", not "a.b.example.com"). */
    private static function covers(array $names, string $name): bool
    {
        if (isset($names[$name])) {
            return true;
        }
        $dot = strpos($name, '.');
        return $dot !== false && !str_starts_with($name, '*.') && isset($names['*' . substr($name, $dot)]);
    }

    private static function reason(array $flawed, string $name): string
    {
        if (self::covers($flawed, $name)) {
            return $flawed[$name] ?? $flawed['*' . substr($name, (int) strpos($name, '.'))];
        }
        return 'no certificate served by the web application covers it';
    }
}
