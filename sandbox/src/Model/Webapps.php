<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Store;

/**
 * Web app rows and the object the API shows, shaped as RunCloud's examples. The deploy keys
 * (pullKey1, pullKey2) the real API also sends are left out: they are secrets, and no client needs them.
 */
final class Webapps
{
    /** Seed field => column, with the value a web app gets when the seed says nothing. */
    public const FIELDS = [
        'name' => ['name', 'app'],
        'server_user_id' => ['server_user_id', 1],
        'rootPath' => ['root_path', null],
        'publicPath' => ['public_path', null],
        'phpVersion' => ['php_version', 'php82rc'],
        'stack' => ['stack', 'hybrid'],
        'stackMode' => ['stack_mode', 'production'],
        'type' => ['type', 'wordpress'],
        'defaultApp' => ['default_app', false],
        'alias' => ['alias', null],
    ];

    public static function present(array $row): array
    {
        // A path the seed did not set follows the name, as RunCloud's /home/runcloud/webapps/NAME does.
        $root = $row['root_path'] ?? '/home/runcloud/webapps/' . $row['name'];
        return [
            'id' => (int) $row['id'],
            'server_user_id' => (int) $row['server_user_id'],
            'name' => $row['name'],
            'rootPath' => $root,
            'publicPath' => $row['public_path'] ?? $root,
            'phpVersion' => $row['php_version'],
            'stack' => $row['stack'],
            'stackMode' => $row['stack_mode'],
            'type' => $row['type'],
            'defaultApp' => (bool) $row['default_app'],
            'alias' => $row['alias'],
            'created_at' => $row['created_at'],
        ];
    }

    /** The web app, only when it belongs to $serverId. */
    public static function find(Store $store, int $serverId, int $id): ?array
    {
        return $store->one('SELECT * FROM webapps WHERE id = ? AND server_id = ?', [$id, $serverId]);
    }

    /** @param array<string,mixed> $fields seed fields (keys of FIELDS), already checked */
    public static function upsert(Store $store, int $serverId, ?int $id, array $fields): int
    {
        return Rows::upsert($store, 'webapps', self::FIELDS, $id, $fields, ['server_id' => $serverId, 'created_at' => Clock::stamp()]);
    }
}
