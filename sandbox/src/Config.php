<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use RunCloudSandbox\Http\BadInput;

/** Runtime settings, stored in the database so every worker sees a change at once. */
final class Config
{
    public const DEFAULTS = [
        'rate_limit' => 60,        // requests per credential per window (RunCloud's reported figure)
        'rate_window' => 60,       // window length in seconds; tests shorten it
        'allow_ips' => [],         // empty: every address may call the API
        'latency_ms' => 0,         // added to every API answer
        'unpointed' => [],         // names whose DNS "does not point here": certificate issuance fails
        'ignore_search' => false,  // the domain list ignores ?search=
    ];

    /** @return array<string,mixed> */
    public static function load(Store $store): array
    {
        $config = self::DEFAULTS;
        foreach ($store->all('SELECT key, value FROM config') as $row) {
            $config[$row['key']] = json_decode($row['value'], true);
        }
        return $config;
    }

    /** Validates every key first, then writes them together. @return array<string,mixed> the new config */
    public static function merge(Store $store, array $changes): array
    {
        $clean = [];
        $errors = [];
        foreach ($changes as $key => $value) {
            $error = self::problem((string) $key, $value);
            if ($error !== null) {
                $errors[$key] = [$error];
                continue;
            }
            $clean[$key] = self::normalise((string) $key, $value);
        }
        if ($errors !== []) {
            throw new BadInput($errors);
        }
        $store->transaction(static function (Store $s) use ($clean): void {
            foreach ($clean as $key => $value) {
                $s->run('INSERT OR REPLACE INTO config (key, value) VALUES (?, ?)', [$key, json_encode($value)]);
            }
            // New limits start from fresh counters, so a test knows exactly where it stands.
            if (isset($clean['rate_limit']) || isset($clean['rate_window'])) {
                $s->run('DELETE FROM rate_hits');
            }
        });
        return self::load($store);
    }

    private static function problem(string $key, mixed $value): ?string
    {
        return match ($key) {
            'rate_limit', 'rate_window' => is_int($value) && $value >= 1 ? null : "$key must be an integer of at least 1.",
            'latency_ms' => is_int($value) && $value >= 0 && $value <= 60000 ? null : 'latency_ms must be an integer from 0 to 60000.',
            'ignore_search' => is_bool($value) ? null : 'ignore_search must be true or false.',
            'unpointed' => self::isStringList($value) ? null : 'unpointed must be a list of names.',
            'allow_ips' => self::isStringList($value) && array_filter($value, [IpList::class, 'isValidEntry']) === $value
                ? null : 'allow_ips must be a list of IP addresses or CIDR ranges.',
            default => "Unknown setting $key.",
        };
    }

    private static function normalise(string $key, mixed $value): mixed
    {
        return $key === 'unpointed' ? array_map('strtolower', $value) : $value;
    }

    private static function isStringList(mixed $value): bool
    {
        return is_array($value) && array_is_list($value) && array_filter($value, 'is_string') === $value;
    }
}
