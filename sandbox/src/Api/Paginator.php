<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;

/**
 * RunCloud's list envelope (Fractal's): data plus meta.pagination with total, count, per_page,
 * current_page, total_pages and links. perPage defaults to 20 and is clamped to 40.
 */
final class Paginator
{
    public const DEFAULT_PER_PAGE = 20;
    public const MAX_PER_PAGE = 40;

    /** @return array{int,int} page and perPage, made valid */
    public static function params(array $query): array
    {
        $page = self::positive($query['page'] ?? null) ?? 1;
        $perPage = min(self::positive($query['perPage'] ?? null) ?? self::DEFAULT_PER_PAGE, self::MAX_PER_PAGE);
        return [$page, $perPage];
    }

    /**
     * @param callable(int $limit, int $offset): list<array> $fetch rows of the page, already presented
     * @param array<string,string> $keep query parameters the page links carry over (e.g. search)
     */
    public static function respond(Request $request, int $total, callable $fetch, array $keep = []): Response
    {
        [$page, $perPage] = self::params($request->query);
        $items = $fetch($perPage, ($page - 1) * $perPage);
        $totalPages = max(1, (int) ceil($total / $perPage));
        $links = [];
        if ($page > 1) {
            $links['previous'] = self::link($request, $page - 1, $perPage, $keep);
        }
        if ($page < $totalPages) {
            $links['next'] = self::link($request, $page + 1, $perPage, $keep);
        }
        return Response::json(200, [
            'data' => $items,
            'meta' => ['pagination' => [
                'total' => $total,
                'count' => count($items),
                'per_page' => $perPage,
                'current_page' => $page,
                'total_pages' => $totalPages,
                'links' => (object) $links,
            ]],
        ]);
    }

    private static function link(Request $request, int $page, int $perPage, array $keep): string
    {
        return $request->baseUrl . $request->path . '?' . http_build_query(['page' => $page, 'perPage' => $perPage] + $keep);
    }

    private static function positive(mixed $value): ?int
    {
        return is_string($value) && ctype_digit($value) && (int) $value > 0 ? (int) $value : null;
    }
}
