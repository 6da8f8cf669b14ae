<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Store;

/**
 * Certificates: one "basic" per web app (domain_id NULL) covering all its names, or one per domain
 * in advanced mode. Each remembers the names it was issued for and how often it was (re)deployed.
 */
final class Certificates
{
    private const DAY = 86400;

    public const DEFAULT_SETTINGS = [
        'method' => 'letsencrypt',
        'enable_http' => false,
        'enable_hsts' => false,
        'authorization_method' => 'http-01',
        'staging' => false,
        'api_id' => null,
    ];

    /** The certificate object the API shows (booleans as true/false, as in RunCloud's examples). */
    public static function present(array $row): array
    {
        return [
            'id' => (int) $row['id'],
            'method' => $row['method'],
            'enable_http' => (bool) $row['enable_http'],
            'enable_hsts' => (bool) $row['enable_hsts'],
            'authorization_method' => $row['authorization_method'],
            'staging' => (bool) $row['staging'],
            'api_id' => $row['api_id'] === null ? null : (int) $row['api_id'],
            'valid_until' => $row['valid_until'],
            'renewal_date' => $row['renewal_date'],
            'created_at' => $row['created_at'],
        ];
    }

    /** The API object plus what only tests need: the names covered and the number of deploys. */
    public static function presentForState(array $row): array
    {
        return self::present($row) + ['names' => json_decode($row['names'], true), 'deploys' => (int) $row['deploys']];
    }

    public static function basic(Store $store, int $webappId): ?array
    {
        return $store->one('SELECT * FROM certificates WHERE webapp_id = ? AND domain_id IS NULL', [$webappId]);
    }

    public static function ofDomain(Store $store, int $webappId, int $domainId): ?array
    {
        return $store->one('SELECT * FROM certificates WHERE webapp_id = ? AND domain_id = ?', [$webappId, $domainId]);
    }

    /**
     * @param array<string,mixed> $settings subset of DEFAULT_SETTINGS
     * @param list<string> $names
     * @param array{int,?int} $validity valid-until and renewal date (unix), as the authority issued them
     */
    public static function install(Store $store, int $webappId, ?int $domainId, array $settings, array $names, array $validity): int
    {
        $s = $settings + self::DEFAULT_SETTINGS;
        [$validUntil, $renewal] = $validity;
        $store->run(
            'INSERT INTO certificates (webapp_id, domain_id, method, enable_http, enable_hsts, authorization_method, staging, api_id,
                                       names, deploys, valid_until, renewal_date, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
            [$webappId, $domainId, $s['method'], (int) $s['enable_http'], (int) $s['enable_hsts'], $s['authorization_method'],
             (int) $s['staging'], $s['api_id'], json_encode($names), Clock::stamp($validUntil),
             $renewal === null ? null : Clock::stamp($renewal), Clock::stamp()],
        );
        return $store->lastId();
    }

    /** @param array<string,mixed> $settings only the keys to change */
    public static function update(Store $store, int $id, array $settings): void
    {
        foreach ($settings as $column => $value) {
            if (!array_key_exists($column, self::DEFAULT_SETTINGS) || $column === 'method') {
                continue;
            }
            $store->run("UPDATE certificates SET $column = ? WHERE id = ?", [is_bool($value) ? (int) $value : $value, $id]);
        }
    }

    /** Re-issued for $names (what the web app or domain has now), with the new validity. */
    public static function redeploy(Store $store, array $row, array $names, array $validity): void
    {
        [$validUntil, $renewal] = $validity;
        $store->run(
            'UPDATE certificates SET names = ?, deploys = deploys + 1, valid_until = ?, renewal_date = ? WHERE id = ?',
            [json_encode($names), Clock::stamp($validUntil), $renewal === null ? null : Clock::stamp($renewal), $row['id']],
        );
    }

    public static function delete(Store $store, int $id): void
    {
        $store->run('DELETE FROM certificates WHERE id = ?', [$id]);
    }

    public static function get(Store $store, int $id): ?array
    {
        return $store->one('SELECT * FROM certificates WHERE id = ?', [$id]);
    }

    /** Certificates the sandbox does not issue itself (custom, CSR) are taken to last a year, with no renewal. */
    public static function outsideValidity(): array
    {
        return [Clock::now() + 365 * self::DAY, null];
    }
}
