<?php

declare(strict_types=1);

namespace RunCloudSandbox;

/** The API's IP allow-list: exact addresses or CIDR ranges, IPv4 or IPv6. */
final class IpList
{
    public static function isValidEntry(string $entry): bool
    {
        return self::parse($entry) !== null;
    }

    /** @param list<string> $entries an empty list allows everyone */
    public static function allows(array $entries, string $address): bool
    {
        if ($entries === []) {
            return true;
        }
        $packed = @inet_pton($address);
        if ($packed === false) {
            return false;
        }
        foreach ($entries as $entry) {
            [$network, $bits] = self::parse($entry) ?? [null, 0];
            if ($network !== null && strlen($network) === strlen($packed) && self::samePrefix($network, $packed, $bits)) {
                return true;
            }
        }
        return false;
    }

    /** @return array{string,int}|null packed network and prefix length */
    private static function parse(string $entry): ?array
    {
        [$address, $bits] = array_pad(explode('/', $entry, 2), 2, null);
        $packed = @inet_pton((string) $address);
        if ($packed === false) {
            return null;
        }
        $max = strlen($packed) * 8;
        if ($bits === null) {
            return [$packed, $max];
        }
        if (!ctype_digit($bits) || (int) $bits > $max) {
            return null;
        }
        return [$packed, (int) $bits];
    }

    private static function samePrefix(string $a, string $b, int $bits): bool
    {
        $bytes = intdiv($bits, 8);
        if (substr($a, 0, $bytes) !== substr($b, 0, $bytes)) {
            return false;
        }
        $rest = $bits % 8;
        if ($rest === 0) {
            return true;
        }
        $mask = (0xFF << (8 - $rest)) & 0xFF;
        return (ord($a[$bytes]) & $mask) === (ord($b[$bytes]) & $mask);
    }
}
