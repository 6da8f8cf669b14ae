<?php

declare(strict_types=1);

namespace RunCloudSandbox;

/** Time formats the API uses: "YYYY-MM-DD HH:MM:SS", no zone (the sandbox keeps UTC). */
final class Clock
{
    public static function stamp(?int $unix = null): string
    {
        return gmdate('Y-m-d H:i:s', $unix ?? time());
    }

    /** Millisecond precision, for the journal, where backoff timing matters. */
    public static function preciseStamp(float $unix): string
    {
        $whole = (int) floor($unix);
        return gmdate('Y-m-d H:i:s', $whole) . sprintf('.%03d', (int) (($unix - $whole) * 1000));
    }
}
