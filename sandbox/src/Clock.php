<?php

declare(strict_types=1);

namespace RunCloudSandbox;

/**
 * The sandbox's idea of "now", and the time formats the API uses ("YYYY-MM-DD HH:MM:SS", no zone,
 * UTC). Tests move time with the clock_offset setting (POST /__sandbox/clock), so that certificate
 * expiry and the certificate authority's week-long windows can be tested in seconds. Transport
 * matters (the API rate limit, latency, the journal) keep real time.
 */
final class Clock
{
    private static int $offset = 0;

    public static function now(): int
    {
        return time() + self::$offset;
    }

    /** Takes the offset of the stored settings; every request does this before it reads the clock. */
    public static function follow(array $config): void
    {
        self::$offset = (int) ($config['clock_offset'] ?? 0);
    }

    public static function stamp(?int $unix = null): string
    {
        return gmdate('Y-m-d H:i:s', $unix ?? self::now());
    }

    /** Millisecond precision, for the journal, where backoff timing matters. */
    public static function preciseStamp(float $unix): string
    {
        $whole = (int) floor($unix);
        return gmdate('Y-m-d H:i:s', $whole) . sprintf('.%03d', (int) (($unix - $whole) * 1000));
    }
}
