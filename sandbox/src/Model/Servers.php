<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Store;

/**
 * Server rows and the object the API shows for them, shaped as RunCloud's examples: camelCase keys
 * (ipAddress, osVersion, agentVersion) beside snake_case created_at, booleans as true/false.
 */
final class Servers
{
    /** Seed field => column, with the value a server gets when the seed says nothing. */
    public const FIELDS = [
        'name' => ['name', 'server'],
        'ip' => ['ip', '127.0.0.1'],
        'provider' => ['provider', 'Localhost'],
        'stack' => ['stack', 'nginx'],
        'os' => ['os', 'Ubuntu'],
        'osVersion' => ['os_version', 'jammy'],
        'connected' => ['connected', true],
        'online' => ['online', true],
        'agentVersion' => ['agent_version', '2.8.7-1+ubuntu22.04+1'],
        'phpCLIVersion' => ['php_cli_version', 'php82rc'],
    ];

    public static function present(array $row): array
    {
        return [
            'id' => (int) $row['id'],
            'name' => $row['name'],
            'provider' => $row['provider'],
            'stack' => $row['stack'],
            'ipAddress' => $row['ip'],
            'country_iso_code' => null,
            'os' => $row['os'],
            'osVersion' => $row['os_version'],
            'connected' => (bool) $row['connected'],
            'online' => (bool) $row['online'],
            'agentVersion' => $row['agent_version'],
            'phpCLIVersion' => $row['php_cli_version'],
            'softwareUpdate' => false,
            'securityUpdate' => true,
            'transferStatus' => 'AVAILABLE',
            'created_at' => $row['created_at'],
            'tags' => [],
        ];
    }

    public static function find(Store $store, int $id): ?array
    {
        return $store->one('SELECT * FROM servers WHERE id = ?', [$id]);
    }

    /**
     * Inserts a server, or changes the given fields of an existing one (same id).
     * @param array<string,mixed> $fields seed fields (keys of FIELDS), already checked
     */
    public static function upsert(Store $store, ?int $id, array $fields): int
    {
        return Rows::upsert($store, 'servers', self::FIELDS, $id, $fields, ['created_at' => Clock::stamp()]);
    }
}
