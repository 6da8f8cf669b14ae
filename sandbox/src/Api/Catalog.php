<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Model\Servers;
use RunCloudSandbox\Model\Webapps;

/**
 * Ping, and read-only servers and web apps (the parents every domain and SSL route sits under).
 * A credential limited to some servers sees only those: any other server, and everything under it,
 * is 404 exactly as if it did not exist (RunCloud shows a workspace only its own servers).
 */
final class Catalog
{
    public static function ping(Context $ctx): Response
    {
        return Response::json(200, ['message' => 'pong']);
    }

    /** The servers the credential may use; ?search= matches name or IP address. */
    public static function listServers(Context $ctx): Response
    {
        $scope = $ctx->auth->servers;
        $where = $scope === null ? '1' : 'id IN (' . implode(',', array_map('intval', [0, ...$scope])) . ')';
        $params = [];
        $search = self::search($ctx);
        if ($search !== '') {
            $where .= " AND (lower(name) LIKE ? ESCAPE '\\' OR ip LIKE ? ESCAPE '\\')";
            $params = [self::like($search), self::like($search)];
        }
        return self::page($ctx, 'servers', $where, $params, [Servers::class, 'present'], $search);
    }

    public static function getServer(Context $ctx, int $serverId): Response
    {
        return Response::json(200, Servers::present(self::server($ctx, $serverId)));
    }

    /** The web apps of a server; ?search= matches the name. */
    public static function listWebapps(Context $ctx, int $serverId): Response
    {
        self::server($ctx, $serverId);
        $where = 'server_id = ?';
        $params = [$serverId];
        $search = self::search($ctx);
        if ($search !== '') {
            $where .= " AND lower(name) LIKE ? ESCAPE '\\'";
            $params[] = self::like($search);
        }
        return self::page($ctx, 'webapps', $where, $params, [Webapps::class, 'present'], $search);
    }

    public static function getWebapp(Context $ctx, int $serverId, int $webappId): Response
    {
        return Response::json(200, Webapps::present(self::webapp($ctx, $serverId, $webappId)));
    }

    /** The server; 404 when there is none or the credential may not see it. */
    public static function server(Context $ctx, int $serverId): array
    {
        $server = $ctx->auth->mayUseServer($serverId) ? Servers::find($ctx->store, $serverId) : null;
        return $server ?? throw new NotFound('Server not found.');
    }

    /** The web app, which must belong to the server named in the path. */
    public static function webapp(Context $ctx, int $serverId, int $webappId): array
    {
        self::server($ctx, $serverId);
        return Webapps::find($ctx->store, $serverId, $webappId) ?? throw new NotFound('Web application not found.');
    }

    private static function page(Context $ctx, string $table, string $where, array $params, callable $present, string $search): Response
    {
        $total = (int) $ctx->store->value("SELECT COUNT(*) FROM $table WHERE $where", $params);
        $fetch = static fn (int $limit, int $offset): array => array_map(
            $present,
            $ctx->store->all("SELECT * FROM $table WHERE $where ORDER BY id LIMIT ? OFFSET ?", [...$params, $limit, $offset]),
        );
        return Paginator::respond($ctx->request, $total, $fetch, $search === '' ? [] : ['search' => $search]);
    }

    private static function search(Context $ctx): string
    {
        $search = $ctx->request->query['search'] ?? '';
        return is_string($search) ? trim($search) : '';
    }

    /** Case-insensitive substring; LIKE wildcards typed by the caller are taken literally. */
    private static function like(string $search): string
    {
        return '%' . addcslashes(strtolower($search), '%_\\') . '%';
    }
}
