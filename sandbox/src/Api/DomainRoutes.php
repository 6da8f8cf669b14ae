<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Model\DomainName;
use RunCloudSandbox\Model\Domains;
use RunCloudSandbox\Store;

/** /servers/{s}/webapps/{w}/domains: list (paginated, searchable), add, get, delete. */
final class DomainRoutes
{
    public static function list(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $search = self::search($ctx);
        $where = 'webapp_id = ?';
        $params = [$webappId];
        if ($search !== '') {
            // Case-insensitive substring; LIKE wildcards typed by the caller are taken literally.
            $where .= " AND name LIKE ? ESCAPE '\\'";
            $params[] = '%' . addcslashes(strtolower($search), '%_\\') . '%';
        }
        $total = (int) $ctx->store->value("SELECT COUNT(*) FROM domains WHERE $where", $params);
        $fetch = static fn (int $limit, int $offset): array => array_map(
            [Domains::class, 'present'],
            $ctx->store->all('SELECT ' . Domains::COLUMNS . " FROM domains WHERE $where ORDER BY id LIMIT ? OFFSET ?", [...$params, $limit, $offset]),
        );
        return Paginator::respond($ctx->request, $total, $fetch, $search === '' ? [] : ['search' => $search]);
    }

    public static function add(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $domain = self::validated($ctx);
        try {
            $id = Domains::insert($ctx->store, $webappId, $domain);
        } catch (\PDOException $e) {
            if (Store::isUniqueViolation($e)) {
                throw new BadInput(['name' => ['The name has already been taken.']]);
            }
            throw $e;
        }
        return Response::json(200, Domains::present(Domains::find($ctx->store, $webappId, (int) $id)));
    }

    public static function get(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        return Response::json(200, Domains::present(self::domain($ctx, $serverId, $webappId, $domainId)));
    }

    public static function delete(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        $domain = self::domain($ctx, $serverId, $webappId, $domainId);
        if ($domain['type'] === 'primary') {
            throw new BadInput(['domain' => ['The primary domain of a web application cannot be deleted.']]);
        }
        // rowCount tells a concurrent second delete that the first one already won.
        $deleted = $ctx->store->run('DELETE FROM domains WHERE id = ? AND webapp_id = ?', [$domainId, $webappId])->rowCount();
        if ($deleted === 0) {
            throw new NotFound('Domain not found.');
        }
        return Response::json(200, Domains::present($domain));
    }

    /** The domain, which must belong to the web app and server named in the path. */
    public static function domain(Context $ctx, int $serverId, int $webappId, int $domainId): array
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        return Domains::find($ctx->store, $webappId, $domainId) ?? throw new NotFound('Domain not found.');
    }

    /** The ?search= to honour, or '' when there is none or the sandbox is told to ignore it. */
    private static function search(Context $ctx): string
    {
        $search = $ctx->request->query['search'] ?? '';
        $search = is_string($search) ? trim($search) : '';
        if ($search === '' || $ctx->config['ignore_search'] || $ctx->fault('ignore_search') !== null) {
            return '';
        }
        return $search;
    }

    /** Only name is required; defaults are www=false, redirection=none, type=alias. */
    private static function validated(Context $ctx): array
    {
        $in = $ctx->input();
        $raw = $in->string('name', true);
        $name = $raw === null ? null : DomainName::normalise($raw);
        if ($raw !== null && $name === null) {
            $in->fail('name', 'The name format is invalid.');
        }
        $domain = [
            'name' => $name,
            'www' => $in->bool('www', false),
            'redirection' => $in->choice('redirection', ['none', 'www', 'non-www'], 'none'),
            'type' => $in->choice('type', ['alias', 'redirect'], 'alias'),
            'wildcard' => $in->bool('wildcard', false),
        ];
        $in->check();
        return $domain;
    }
}
