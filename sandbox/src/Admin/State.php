<?php

declare(strict_types=1);

namespace RunCloudSandbox\Admin;

use RunCloudSandbox\Config;
use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Model\Certificates;
use RunCloudSandbox\Model\Domains;
use RunCloudSandbox\Store;

/** Everything the sandbox holds, shaped for tests to assert on (GET /__sandbox/state). */
final class State
{
    public static function read(Store $store, ?int $onlyWebapp): array
    {
        $servers = [];
        foreach ($store->all('SELECT * FROM servers ORDER BY id') as $server) {
            $webapps = array_map(
                static fn (array $app): array => self::webapp($store, $app),
                self::webapps($store, (int) $server['id'], $onlyWebapp),
            );
            if ($onlyWebapp !== null && $webapps === []) {
                continue;
            }
            $servers[] = ['id' => (int) $server['id'], 'name' => $server['name'], 'ip' => $server['ip'], 'webapps' => $webapps];
        }
        if ($onlyWebapp !== null && $servers === []) {
            throw new NotFound('Web application not found.');
        }
        return [
            'servers' => $servers,
            'credentials' => array_map(
                static fn (array $c): string => $c['kind'] . '#' . $c['id'],
                $store->all('SELECT id, kind FROM credentials ORDER BY id'),
            ),
            'config' => Config::load($store),
        ];
    }

    private static function webapps(Store $store, int $serverId, ?int $only): array
    {
        if ($only === null) {
            return $store->all('SELECT * FROM webapps WHERE server_id = ? ORDER BY id', [$serverId]);
        }
        return $store->all('SELECT * FROM webapps WHERE server_id = ? AND id = ?', [$serverId, $only]);
    }

    private static function webapp(Store $store, array $app): array
    {
        $id = (int) $app['id'];
        $basic = Certificates::basic($store, $id);
        $domainCerts = $store->all('SELECT * FROM certificates WHERE webapp_id = ? AND domain_id IS NOT NULL ORDER BY id', [$id]);
        return [
            'id' => $id,
            'name' => $app['name'],
            'domains' => array_map(
                [Domains::class, 'present'],
                $store->all('SELECT ' . Domains::COLUMNS . ' FROM domains WHERE webapp_id = ? ORDER BY id', [$id]),
            ),
            'ssl' => $basic === null ? null : Certificates::presentForState($basic),
            'advanced_ssl' => ['advancedSSL' => (bool) $app['advanced_ssl'], 'autoSSL' => (bool) $app['auto_ssl']],
            'domain_ssl' => array_map(
                static fn (array $c): array => ['domain_id' => (int) $c['domain_id']] + Certificates::presentForState($c),
                $domainCerts,
            ),
        ];
    }
}
