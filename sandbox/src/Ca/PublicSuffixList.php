<?php

declare(strict_types=1);

namespace RunCloudSandbox\Ca;

use RuntimeException;
use RunCloudSandbox\Store;

/**
 * Registered domains ("example.co.uk" for "shop.example.co.uk"), which Let's Encrypt's per-domain
 * limit counts, from the Public Suffix List as Debian's publicsuffix package installs it (both
 * sections, ICANN and private, as Let's Encrypt uses both).
 *
 * The list is loaded into the database once (at `serve`), so a lookup is one indexed query in any worker.
 * Rules in Unicode are skipped: the API takes ASCII names only (IDNs as xn--), and without the intl
 * extension they cannot be converted; such names fall back to the default rule "*".
 */
final class PublicSuffixList
{
    public const DEFAULT_FILE = '/usr/share/publicsuffix/public_suffix_list.dat';

    /** The registered domain of $name, or null when $name is itself a public suffix. */
    public static function registeredDomain(Store $store, string $name): ?string
    {
        self::load($store);
        $labels = explode('.', strtolower(preg_replace('/^\*\./', '', $name)));
        $suffixLength = self::suffixLength($store, $labels);
        if ($suffixLength >= count($labels)) {
            return null;
        }
        return implode('.', array_slice($labels, -($suffixLength + 1)));
    }

    /** How many labels, from the right, the public suffix of $labels has. */
    private static function suffixLength(Store $store, array $labels): int
    {
        $n = count($labels);
        $candidates = [];
        for ($i = 0; $i < $n; $i++) {
            $suffix = implode('.', array_slice($labels, $i));
            $candidates[] = $suffix;
            $candidates[] = '!' . $suffix;
            if ($i + 1 < $n) {
                $candidates[] = '*.' . implode('.', array_slice($labels, $i + 1));
            }
        }
        $marks = implode(',', array_fill(0, count($candidates), '?'));
        $found = $store->run("SELECT rule FROM psl_rules WHERE rule IN ($marks)", $candidates)->fetchAll(\PDO::FETCH_COLUMN);
        $longest = 1; // the default rule "*": the last label alone
        foreach ($found as $rule) {
            if ($rule[0] === '!') {
                // An exception wins over everything: its suffix is the rule without its first label.
                return substr_count($rule, '.');
            }
            $longest = max($longest, substr_count($rule, '.') + 1);
        }
        return $longest;
    }

    /** Loads the list into the database unless it is there; `serve` does it at start, so a missing list stops it. */
    public static function load(Store $store): void
    {
        if ($store->value('SELECT 1 FROM psl_rules LIMIT 1') !== null) {
            return;
        }
        $file = getenv('SANDBOX_PSL') ?: self::DEFAULT_FILE;
        $text = @file_get_contents($file);
        if ($text === false) {
            throw new RuntimeException("The Public Suffix List $file is missing (Debian package publicsuffix).");
        }
        $store->transaction(static function (Store $s) use ($text): void {
            $insert = $s->prepare('INSERT OR IGNORE INTO psl_rules (rule) VALUES (?)');
            foreach (explode("\n", $text) as $line) {
                // A rule is the line up to the first white space; comments start with //.
                $rule = strtolower(preg_split('/\s/', trim($line))[0]);
                if ($rule !== '' && !str_starts_with($rule, '//') && preg_match('/^[!*a-z0-9.-]+$/', $rule)) {
                    $insert->execute([$rule]);
                }
            }
        });
    }
}
