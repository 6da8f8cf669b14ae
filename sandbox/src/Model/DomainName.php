<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

/** Host names as the API accepts them: lower-case labels, optionally behind a leading "*.". */
final class DomainName
{
    private const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

    /** The stored form of $name, or null when it is not a host name. */
    public static function normalise(string $name): ?string
    {
        $name = rtrim(strtolower(trim($name)), '.');
        $pattern = '/^(?:\*\.)?(?:' . self::LABEL . '\.)+' . self::LABEL . '$/';
        if (strlen($name) > 253 || !preg_match($pattern, $name)) {
            return null;
        }
        return $name;
    }

    public static function isWildcard(string $name): bool
    {
        return str_starts_with($name, '*.');
    }
}
