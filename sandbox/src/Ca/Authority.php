<?php

declare(strict_types=1);

namespace RunCloudSandbox\Ca;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Model\DomainName;
use RunCloudSandbox\Store;

/**
 * A certificate authority that refuses what Let's Encrypt would refuse (its published limits):
 * more than ca_max_names names; a wildcard without dns-01; more than ca_order_limit new orders per
 * account per ca_order_window; more than ca_duplicate_limit certificates for the exact same names per
 * ca_duplicate_window; more than ca_domain_limit new certificates per registered domain per
 * ca_domain_window (a renewal, i.e. a set of names issued before, is exempt); and an order any of whose
 * names does not point at the server. Staging orders skip the rate limits (Let's Encrypt's staging
 * limits are far higher) but not the checks of the names.
 *
 * The caller holds the transaction, so two workers never both take the last unit of a limit.
 */
final class Authority
{
    /**
     * Places one order and, when every check passes, issues it.
     * @param array{account:string,webapp_id:int,domain_id:?int,names:list<string>,authorization:?string,staging:bool} $order
     * @param callable(list<string>): ?string $unpointed the first name whose DNS does not point at the server
     * @return array{ok:bool,message:?string,order_id:int,issued_at:?int,valid_until:?int}
     */
    public static function order(Store $store, array $config, array $order, callable $unpointed): array
    {
        $now = Clock::now();
        $names = $order['names'];
        $refusal = self::nameProblem($store, $config, $names, $order['authorization'])
            ?? ($order['staging'] ? null : self::limitProblem($store, $config, $order['account'], $names, $now));
        if ($refusal !== null) {
            return self::record($store, $order, $now, 'refused', $refusal);
        }
        $bad = $unpointed($names);
        if ($bad !== null) {
            return self::record($store, $order, $now, 'invalid', "DNS of $bad does not point to this server.");
        }
        $result = self::record($store, $order, $now, 'valid', null);
        $validUntil = $now + $config['ca_validity_days'] * 86400;
        $domains = self::registeredDomains($store, $names);
        $store->run(
            'INSERT INTO ca_issued (order_id, name_set, names, registered_domains, staging, unix, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [$result['order_id'], self::nameSet($names), json_encode($names), json_encode($domains), (int) $order['staging'], $now, $validUntil],
        );
        $issued = $store->lastId();
        foreach ($domains as $domain) {
            $store->run('INSERT INTO ca_issued_domains (issued_id, domain, staging, unix) VALUES (?, ?, ?, ?)', [$issued, $domain, (int) $order['staging'], $now]);
        }
        return ['issued_at' => $now, 'valid_until' => $validUntil] + $result;
    }

    /** The renewal date of a certificate valid until $validUntil. */
    public static function renewalDate(array $config, int $validUntil): int
    {
        return $validUntil - $config['ca_renewal_days'] * 86400;
    }

    /** The exact-set key of a certificate: its names, lower-case, sorted, without repeats. */
    public static function nameSet(array $names): string
    {
        $names = array_values(array_unique(array_map('strtolower', $names)));
        sort($names);
        return implode(',', $names);
    }

    /** @return list<string> the distinct registered domains of $names */
    public static function registeredDomains(Store $store, array $names): array
    {
        $domains = [];
        foreach ($names as $name) {
            $domain = PublicSuffixList::registeredDomain($store, $name);
            if ($domain !== null) {
                $domains[$domain] = true;
            }
        }
        return array_keys($domains);
    }

    /** What is wrong with the names themselves, whatever the limits say. */
    private static function nameProblem(Store $store, array $config, array $names, ?string $authorization): ?string
    {
        $max = $config['ca_max_names'];
        if (count($names) > $max) {
            return sprintf(
                "A Let's Encrypt certificate covers at most %d names; this one would need %d. "
                . 'Switch the web application to advanced SSL (one certificate per domain), or remove domains.',
                $max,
                count($names),
            );
        }
        foreach ($names as $name) {
            if (DomainName::isWildcard($name) && $authorization !== 'dns-01') {
                return "The wildcard name $name needs DNS-01 authorization (authorizationMethod dns-01 with externalApi).";
            }
            if (PublicSuffixList::registeredDomain($store, $name) === null) {
                return "$name is a public suffix: Let's Encrypt does not issue certificates for it.";
            }
        }
        return null;
    }

    /** The first rate limit the order would exceed, as a message with the time to retry. */
    private static function limitProblem(Store $store, array $config, string $account, array $names, int $now): ?string
    {
        $orders = self::overLimit($store, 'ca_orders', "account = ? AND staging = 0 AND status <> 'refused'", [$account], $config['ca_order_limit'], $config['ca_order_window'], $now);
        if ($orders !== null) {
            return sprintf(
                "Let's Encrypt rate limit: at most %d new orders per account per %s. Retry after %s.",
                $config['ca_order_limit'],
                self::span($config['ca_order_window']),
                Clock::stamp($orders),
            );
        }
        $set = self::nameSet($names);
        $duplicate = self::overLimit($store, 'ca_issued', 'staging = 0 AND name_set = ?', [$set], $config['ca_duplicate_limit'], $config['ca_duplicate_window'], $now);
        if ($duplicate !== null) {
            return sprintf(
                "Let's Encrypt rate limit: at most %d certificates for the exact same names (%s) per %s. Retry after %s.",
                $config['ca_duplicate_limit'],
                str_replace(',', ', ', $set),
                self::span($config['ca_duplicate_window']),
                Clock::stamp($duplicate),
            );
        }
        $isRenewal = $store->value('SELECT 1 FROM ca_issued WHERE staging = 0 AND name_set = ? LIMIT 1', [$set]) !== null;
        if ($isRenewal) {
            return null;
        }
        foreach (self::registeredDomains($store, $names) as $domain) {
            $full = self::overLimit($store, 'ca_issued_domains', 'staging = 0 AND domain = ?', [$domain], $config['ca_domain_limit'], $config['ca_domain_window'], $now);
            if ($full !== null) {
                return sprintf(
                    "Let's Encrypt rate limit: at most %d new certificates for the registered domain %s per %s. Retry after %s.",
                    $config['ca_domain_limit'],
                    $domain,
                    self::span($config['ca_domain_window']),
                    Clock::stamp($full),
                );
            }
        }
        return null;
    }

    /**
     * When the window is full: the time at which one more fits (the entry that must leave the
     * sliding window first, plus the window). Null when there is room.
     */
    private static function overLimit(Store $store, string $table, string $where, array $params, int $limit, int $window, int $now): ?int
    {
        $since = $now - $window;
        $count = (int) $store->value("SELECT COUNT(*) FROM $table WHERE $where AND unix > ?", [...$params, $since]);
        if ($count < $limit) {
            return null;
        }
        $leaving = (int) $store->value("SELECT unix FROM $table WHERE $where AND unix > ? ORDER BY unix LIMIT 1 OFFSET ?", [...$params, $since, $count - $limit]);
        return $leaving + $window;
    }

    private static function record(Store $store, array $order, int $now, string $status, ?string $error): array
    {
        $store->run(
            'INSERT INTO ca_orders (account, webapp_id, domain_id, names, status, error, staging, unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [$order['account'], $order['webapp_id'], $order['domain_id'], json_encode($order['names']), $status, $error, (int) $order['staging'], $now],
        );
        return ['ok' => $status === 'valid', 'message' => $error, 'order_id' => $store->lastId(), 'issued_at' => null, 'valid_until' => null];
    }

    /** "3 hours", "7 days", "90 seconds": the window in the words of the message. */
    public static function span(int $seconds): string
    {
        foreach ([86400 => 'day', 3600 => 'hour', 60 => 'minute'] as $unit => $word) {
            if ($seconds % $unit === 0) {
                $n = intdiv($seconds, $unit);
                return $n === 1 ? $word : "$n {$word}s";
            }
        }
        return $seconds === 1 ? 'second' : "$seconds seconds";
    }
}
