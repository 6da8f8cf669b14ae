<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Store;

/** Domain rows and the object the API shows for them (booleans as 0/1, as RunCloud sends them). */
final class Domains
{
    public const COLUMNS = 'id, name, type, www, redirection, wildcard, dns_integration, status, created_at';

    public static function present(array $row): array
    {
        return [
            'id' => (int) $row['id'],
            'name' => $row['name'],
            'type' => $row['type'],
            'www' => (int) $row['www'],
            'redirection' => $row['redirection'],
            'wildcard' => (int) $row['wildcard'],
            'dns_integration' => $row['dns_integration'],
            'status' => $row['status'],
            'created_at' => $row['created_at'],
        ];
    }

    public static function find(Store $store, int $webappId, int $domainId): ?array
    {
        return $store->one('SELECT ' . self::COLUMNS . ' FROM domains WHERE id = ? AND webapp_id = ?', [$domainId, $webappId]);
    }

    /** @return list<string> every name of the web app, oldest first */
    public static function names(Store $store, int $webappId): array
    {
        return $store->run('SELECT name FROM domains WHERE webapp_id = ? ORDER BY id', [$webappId])->fetchAll(\PDO::FETCH_COLUMN);
    }

    /**
     * The names a certificate of the domain must cover: the name and, with www on, its "www." twin
     * (not for a wildcard, nor for a name that starts with "www." already).
     * @return list<string>
     */
    public static function certificateNames(array $domain): array
    {
        $name = $domain['name'];
        $twin = (int) $domain['www'] === 1 && !DomainName::isWildcard($name) && !str_starts_with($name, 'www.');
        return $twin ? [$name, "www.$name"] : [$name];
    }

    /** @return list<string> what the basic certificate of the web app must cover: every domain and its twin */
    public static function webappCertificateNames(Store $store, int $webappId): array
    {
        $names = [];
        foreach ($store->all('SELECT name, www FROM domains WHERE webapp_id = ? ORDER BY id', [$webappId]) as $domain) {
            foreach (self::certificateNames($domain) as $name) {
                $names[$name] = true;
            }
        }
        return array_keys($names);
    }

    /**
     * Inserts one domain; a name the web app has already makes the UNIQUE index throw.
     * @param array{name:string,type?:string,www?:bool,redirection?:string,wildcard?:bool} $domain
     */
    public static function insert(Store $store, int $webappId, array $domain, bool $ignoreDuplicate = false): ?int
    {
        $statement = $store->prepare(self::insertSql($ignoreDuplicate));
        $statement->execute(self::row($webappId, $domain, Clock::stamp()));
        return $statement->rowCount() === 0 ? null : $store->lastId();
    }

    /** Many names in one prepared statement (the caller holds the transaction). Returns how many were new. */
    public static function insertMany(Store $store, int $webappId, iterable $domains): int
    {
        $statement = $store->prepare(self::insertSql(true));
        $now = Clock::stamp();
        $added = 0;
        foreach ($domains as $domain) {
            $statement->execute(self::row($webappId, $domain, $now));
            $added += $statement->rowCount();
        }
        return $added;
    }

    private static function insertSql(bool $ignoreDuplicate): string
    {
        return 'INSERT ' . ($ignoreDuplicate ? 'OR IGNORE ' : '') . 'INTO domains
                (webapp_id, name, type, www, redirection, wildcard, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
    }

    private static function row(int $webappId, array $domain, string $now): array
    {
        $wildcard = ($domain['wildcard'] ?? false) || DomainName::isWildcard($domain['name']);
        return [
            $webappId,
            $domain['name'],
            $domain['type'] ?? 'alias',
            (int) ($domain['www'] ?? false),
            $domain['redirection'] ?? 'none',
            (int) $wildcard,
            $now,
        ];
    }
}
