<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Http\Abort;
use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Http\Response;

/** Ping, and read-only servers and web apps (the parents every domain and SSL route sits under). */
final class Catalog
{
    public static function ping(Context $ctx): Response
    {
        return Response::json(200, ['message' => 'pong']);
    }

    /** The servers the credential may use. */
    public static function listServers(Context $ctx): Response
    {
        $scope = $ctx->auth->servers;
        $where = $scope === null ? '1' : 'id IN (' . implode(',', array_map('intval', [0, ...$scope])) . ')';
        $total = (int) $ctx->store->value("SELECT COUNT(*) FROM servers WHERE $where");
        return Paginator::respond($ctx->request, $total, static fn (int $limit, int $offset): array => array_map(
            [self::class, 'presentServer'],
            $ctx->store->all("SELECT * FROM servers WHERE $where ORDER BY id LIMIT ? OFFSET ?", [$limit, $offset]),
        ));
    }

    public static function getServer(Context $ctx, int $serverId): Response
    {
        return Response::json(200, self::presentServer(self::server($ctx, $serverId)));
    }

    public static function listWebapps(Context $ctx, int $serverId): Response
    {
        self::server($ctx, $serverId);
        $total = (int) $ctx->store->value('SELECT COUNT(*) FROM webapps WHERE server_id = ?', [$serverId]);
        return Paginator::respond($ctx->request, $total, static fn (int $limit, int $offset): array => array_map(
            [self::class, 'presentWebapp'],
            $ctx->store->all('SELECT * FROM webapps WHERE server_id = ? ORDER BY id LIMIT ? OFFSET ?', [$serverId, $limit, $offset]),
        ));
    }

    public static function getWebapp(Context $ctx, int $serverId, int $webappId): Response
    {
        return Response::json(200, self::presentWebapp(self::webapp($ctx, $serverId, $webappId)));
    }

    /** The server; 404 when there is none, 403 when the credential is limited to other servers. */
    public static function server(Context $ctx, int $serverId): array
    {
        $server = $ctx->store->one('SELECT * FROM servers WHERE id = ?', [$serverId])
            ?? throw new NotFound('Server not found.');
        if (!$ctx->auth->mayUseServer($serverId)) {
            throw Abort::message(403, 'This action is unauthorized.');
        }
        return $server;
    }

    /** The web app, which must belong to the server named in the path. */
    public static function webapp(Context $ctx, int $serverId, int $webappId): array
    {
        self::server($ctx, $serverId);
        return $ctx->store->one('SELECT * FROM webapps WHERE id = ? AND server_id = ?', [$webappId, $serverId])
            ?? throw new NotFound('Web application not found.');
    }

    public static function presentServer(array $row): array
    {
        return ['id' => (int) $row['id'], 'name' => $row['name'], 'ipAddress' => $row['ip'], 'created_at' => $row['created_at']];
    }

    public static function presentWebapp(array $row): array
    {
        return ['id' => (int) $row['id'], 'server_id' => (int) $row['server_id'], 'name' => $row['name'], 'created_at' => $row['created_at']];
    }
}
