<?php

declare(strict_types=1);

namespace RunCloudSandbox\Ca;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Config;
use RunCloudSandbox\Store;

/** The authority's state for tests and benchmarks (GET /__sandbox/ca), and forgetting it. */
final class Report
{
    public static function read(Store $store, ?int $limit): array
    {
        $config = Config::load($store);
        $now = Clock::now();
        $tail = $limit === null ? '' : ' LIMIT ' . $limit;
        return [
            'now' => Clock::stamp($now),
            'unix' => $now,
            'limits' => [
                'max_names' => $config['ca_max_names'],
                'orders_per_account' => ['limit' => $config['ca_order_limit'], 'window' => $config['ca_order_window']],
                'duplicate_certificates' => ['limit' => $config['ca_duplicate_limit'], 'window' => $config['ca_duplicate_window']],
                'certificates_per_registered_domain' => ['limit' => $config['ca_domain_limit'], 'window' => $config['ca_domain_window']],
                'validity_days' => $config['ca_validity_days'],
                'renewal_days' => $config['ca_renewal_days'],
            ],
            'accounts' => array_map(static fn (array $r): array => [
                'account' => $r['account'],
                'orders_in_window' => (int) $r['n'],
                'remaining' => max(0, $config['ca_order_limit'] - (int) $r['n']),
            ], $store->all(
                "SELECT account, COUNT(*) AS n FROM ca_orders WHERE staging = 0 AND status <> 'refused' AND unix > ? GROUP BY account ORDER BY account",
                [$now - $config['ca_order_window']],
            )),
            'registered_domains' => array_map(static fn (array $r): array => [
                'domain' => $r['domain'],
                'certificates_in_window' => (int) $r['n'],
                'remaining' => max(0, $config['ca_domain_limit'] - (int) $r['n']),
            ], $store->all(
                'SELECT domain, COUNT(*) AS n FROM ca_issued_domains WHERE staging = 0 AND unix > ? GROUP BY domain ORDER BY domain',
                [$now - $config['ca_domain_window']],
            )),
            'orders' => array_map(static fn (array $r): array => [
                'id' => (int) $r['id'],
                'account' => $r['account'],
                'webapp_id' => (int) $r['webapp_id'],
                'domain_id' => $r['domain_id'] === null ? null : (int) $r['domain_id'],
                'names' => json_decode($r['names'], true),
                'status' => $r['status'],
                'error' => $r['error'],
                'staging' => (bool) $r['staging'],
                'created_at' => Clock::stamp((int) $r['unix']),
            ], array_reverse($store->all('SELECT * FROM ca_orders ORDER BY id DESC' . $tail))),
            'certificates' => array_map(static fn (array $r): array => [
                'id' => (int) $r['id'],
                'order_id' => (int) $r['order_id'],
                'names' => json_decode($r['names'], true),
                'registered_domains' => json_decode($r['registered_domains'], true),
                'staging' => (bool) $r['staging'],
                'issued_at' => Clock::stamp((int) $r['unix']),
                'valid_until' => Clock::stamp((int) $r['valid_until']),
                'renewal_date' => Clock::stamp(Authority::renewalDate($config, (int) $r['valid_until'])),
            ], array_reverse($store->all('SELECT * FROM ca_issued ORDER BY id DESC' . $tail))),
        ];
    }

    /** Forgets every order and issued certificate (the limits' counters); installed certificates stay. */
    public static function forget(Store $store): void
    {
        $store->transaction(static function (Store $s): void {
            foreach (['ca_orders', 'ca_issued', 'ca_issued_domains'] as $table) {
                $s->run("DELETE FROM $table");
            }
        });
    }
}
