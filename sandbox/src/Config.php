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
        'clock_offset' => 0,       // seconds added to the real time (Clock::now), to test expiry and CA windows
        // The certificate authority, with Let's Encrypt's published limits; tests scale them down.
        'ca_max_names' => 100,             // names per certificate
        'ca_duplicate_limit' => 5,         // certificates for the exact same set of names ...
        'ca_duplicate_window' => 604800,   // ... per 7 days
        'ca_domain_limit' => 50,           // new certificates per registered domain ...
        'ca_domain_window' => 604800,      // ... per 7 days
        'ca_order_limit' => 300,           // new orders per account ...
        'ca_order_window' => 10800,        // ... per 3 hours
        'ca_validity_days' => 90,          // a certificate's lifetime
        'ca_renewal_days' => 30,           // renewal date: this many days before expiry
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
            'rate_limit', 'rate_window', 'ca_max_names', 'ca_duplicate_limit', 'ca_duplicate_window', 'ca_domain_limit',
            'ca_domain_window', 'ca_order_limit', 'ca_order_window', 'ca_validity_days'
                => is_int($value) && $value >= 1 ? null : "$key must be an integer of at least 1.",
            'ca_renewal_days' => is_int($value) && $value >= 0 ? null : 'ca_renewal_days must be an integer of at least 0.',
            'clock_offset' => is_int($value) ? null : 'clock_offset must be an integer (seconds).',
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
