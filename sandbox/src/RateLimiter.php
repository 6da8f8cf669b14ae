<?php

declare(strict_types=1);

namespace RunCloudSandbox;

/**
 * Fixed window per caller, as Laravel's throttle does: the window opens at the caller's first request
 * and lasts rate_window seconds; past the limit requests get 429 and are not counted.
 */
final class RateLimiter
{
    /**
     * @return array{allowed:bool,limit:int,remaining:int,retry_after:int,reset:int,at:float,until:float}
     */
    public static function hit(Store $store, string $key, int $limit, int $window, float $now): array
    {
        return $store->transaction(static function (Store $s) use ($key, $limit, $window, $now): array {
            $row = $s->one('SELECT window_start, hits FROM rate_hits WHERE key = ?', [$key]);
            $start = $row === null ? $now : (float) $row['window_start'];
            $hits = $row === null ? 0 : (int) $row['hits'];
            if ($now >= $start + $window) {
                [$start, $hits] = [$now, 0];
            }
            $allowed = $hits < $limit;
            if ($allowed) {
                $hits++;
            }
            $s->run('INSERT OR REPLACE INTO rate_hits (key, window_start, hits) VALUES (?, ?, ?)', [$key, $start, $hits]);
            $end = $start + $window;
            return [
                'allowed' => $allowed,
                'limit' => $limit,
                'remaining' => max(0, $limit - $hits),
                'retry_after' => max(1, (int) ceil($end - $now)),
                'reset' => (int) ceil($end),
                'at' => $now,
                'until' => $end,
            ];
        });
    }

    /** @return array<string,string> */
    public static function headers(array $state): array
    {
        $headers = [
            'X-RateLimit-Limit' => (string) $state['limit'],
            'X-RateLimit-Remaining' => (string) $state['remaining'],
        ];
        if (!$state['allowed']) {
            $headers['Retry-After'] = (string) $state['retry_after'];
            $headers['X-RateLimit-Reset'] = (string) $state['reset'];
        }
        return $headers;
    }
}
