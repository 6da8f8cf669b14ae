<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use PDO;
use PDOStatement;
use Throwable;

/**
 * The sandbox state: one SQLite file shared by every php -S worker.
 *
 * WAL lets readers run beside a writer; busy_timeout makes a worker wait for the lock instead of
 * failing; writes that read-then-write run under BEGIN IMMEDIATE so two workers never interleave.
 */
final class Store
{

    private PDO $pdo;

    private int $depth = 0;

    /**
     * @param bool $persistent keep the connection open across requests of a php -S worker, which
     *                         saves most of the cost of a request
     */
    public function __construct(string $path, bool $persistent = false)
    {
        $this->pdo = new PDO('sqlite:' . $path, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_TIMEOUT => 30,
            PDO::ATTR_PERSISTENT => $persistent,
        ]);
        if ($persistent) {
            $this->abandonOpenTransaction();
        }
        $this->pdo->exec('PRAGMA busy_timeout = 30000');
        $this->pdo->exec('PRAGMA foreign_keys = ON');
        $this->pdo->exec('PRAGMA synchronous = NORMAL');
        $this->migrate();
    }

    /**
     * Runs $work inside BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows on any error.
     * A transaction inside another simply joins it.
     */
    public function transaction(callable $work): mixed
    {
        if ($this->depth > 0) {
            return $work($this);
        }
        $this->pdo->exec('BEGIN IMMEDIATE');
        $this->depth = 1;
        try {
            $result = $work($this);
            $this->pdo->exec('COMMIT');
            return $result;
        } catch (Throwable $e) {
            $this->pdo->exec('ROLLBACK');
            throw $e;
        } finally {
            $this->depth = 0;
        }
    }

    public function run(string $sql, array $params = []): PDOStatement
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($params);
        return $statement;
    }

    public function one(string $sql, array $params = []): ?array
    {
        $row = $this->run($sql, $params)->fetch();
        return $row === false ? null : $row;
    }

    public function all(string $sql, array $params = []): array
    {
        return $this->run($sql, $params)->fetchAll();
    }

    public function value(string $sql, array $params = []): mixed
    {
        $value = $this->run($sql, $params)->fetchColumn();
        return $value === false ? null : $value;
    }

    public function prepare(string $sql): PDOStatement
    {
        return $this->pdo->prepare($sql);
    }

    public function lastId(): int
    {
        return (int) $this->pdo->lastInsertId();
    }

    /** Empties every table and restarts id counters, as a fresh sandbox would be. */
    public function wipe(): void
    {
        $this->transaction(function (): void {
            foreach (['certificates', 'domains', 'webapps', 'servers', 'credentials', 'faults', 'journal', 'rate_hits', 'config',
                      'ca_orders', 'ca_issued', 'ca_issued_domains'] as $table) {
                $this->pdo->exec("DELETE FROM $table");
            }
            $this->pdo->exec('DELETE FROM sqlite_sequence');
        });
    }

    public static function isUniqueViolation(Throwable $e): bool
    {
        return $e instanceof \PDOException && str_contains($e->getMessage(), 'UNIQUE constraint failed');
    }

    /** A request that died inside a transaction leaves it open on a persistent connection. */
    private function abandonOpenTransaction(): void
    {
        try {
            $this->pdo->exec('ROLLBACK');
        } catch (\PDOException) {
            // The usual case: there was none.
        }
    }

    /** Brings a new or older database file to the current schema, one numbered step at a time. */
    private function migrate(): void
    {
        $steps = self::migrations();
        if ((int) $this->pdo->query('PRAGMA user_version')->fetchColumn() >= count($steps)) {
            return;
        }
        $this->pdo->exec('PRAGMA journal_mode = WAL');
        $this->transaction(function () use ($steps): void {
            // Another process may have migrated while this one waited for the lock.
            $version = (int) $this->pdo->query('PRAGMA user_version')->fetchColumn();
            foreach (array_slice($steps, $version) as $statements) {
                foreach ($statements as $statement) {
                    $this->pdo->exec($statement);
                }
            }
            $this->pdo->exec('PRAGMA user_version = ' . count($steps));
        });
    }

    /** @return list<list<string>> step N brings user_version N-1 to N */
    private static function migrations(): array
    {
        return [
            self::baseSchema(),
            // Credentials limited to some servers (403 elsewhere); NULL means all servers.
            ['ALTER TABLE credentials ADD COLUMN servers TEXT'],
            // Servers and web apps with the fields RunCloud's objects carry.
            [
                "ALTER TABLE servers ADD COLUMN provider TEXT NOT NULL DEFAULT 'Localhost'",
                "ALTER TABLE servers ADD COLUMN stack TEXT NOT NULL DEFAULT 'nginx'",
                "ALTER TABLE servers ADD COLUMN os TEXT NOT NULL DEFAULT 'Ubuntu'",
                "ALTER TABLE servers ADD COLUMN os_version TEXT DEFAULT 'jammy'",
                'ALTER TABLE servers ADD COLUMN connected INTEGER NOT NULL DEFAULT 1',
                'ALTER TABLE servers ADD COLUMN online INTEGER NOT NULL DEFAULT 1',
                "ALTER TABLE servers ADD COLUMN agent_version TEXT DEFAULT '2.8.7-1+ubuntu22.04+1'",
                "ALTER TABLE servers ADD COLUMN php_cli_version TEXT NOT NULL DEFAULT 'php82rc'",
                'ALTER TABLE webapps ADD COLUMN server_user_id INTEGER NOT NULL DEFAULT 1',
                'ALTER TABLE webapps ADD COLUMN root_path TEXT',
                'ALTER TABLE webapps ADD COLUMN public_path TEXT',
                "ALTER TABLE webapps ADD COLUMN php_version TEXT NOT NULL DEFAULT 'php82rc'",
                "ALTER TABLE webapps ADD COLUMN stack TEXT NOT NULL DEFAULT 'hybrid'",
                "ALTER TABLE webapps ADD COLUMN stack_mode TEXT NOT NULL DEFAULT 'production'",
                "ALTER TABLE webapps ADD COLUMN type TEXT NOT NULL DEFAULT 'wordpress'",
                'ALTER TABLE webapps ADD COLUMN default_app INTEGER NOT NULL DEFAULT 0',
                'ALTER TABLE webapps ADD COLUMN alias TEXT',
            ],
            self::authoritySchema(),
            // The rate limiter's own clock reading for each request, and the end of the window a 429
            // announced: tests compare a client's next request with the window on one clock.
            ['ALTER TABLE journal ADD COLUMN limit_at REAL', 'ALTER TABLE journal ADD COLUMN limit_until REAL'],
        ];
    }

    /**
     * The certificate authority's memory: every order (refused, failed or issued) and every issued
     * certificate with its registered domains, which the rate limits count over sliding windows.
     * Installed certificates (table certificates) are what the web apps serve; this is history.
     * @return list<string>
     */
    private static function authoritySchema(): array
    {
        return [
            'CREATE TABLE ca_orders (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                account TEXT NOT NULL,
                webapp_id INTEGER NOT NULL,
                domain_id INTEGER,
                names TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                staging INTEGER NOT NULL,
                unix INTEGER NOT NULL)',
            'CREATE INDEX ca_orders_by_account ON ca_orders (account, unix)',
            'CREATE TABLE ca_issued (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id INTEGER NOT NULL,
                name_set TEXT NOT NULL,
                names TEXT NOT NULL,
                registered_domains TEXT NOT NULL,
                staging INTEGER NOT NULL,
                unix INTEGER NOT NULL,
                valid_until INTEGER NOT NULL)',
            'CREATE INDEX ca_issued_by_set ON ca_issued (staging, name_set, unix)',
            'CREATE TABLE ca_issued_domains (issued_id INTEGER NOT NULL, domain TEXT NOT NULL, staging INTEGER NOT NULL, unix INTEGER NOT NULL)',
            'CREATE INDEX ca_issued_domains_by_domain ON ca_issued_domains (staging, domain, unix)',
            // The Public Suffix List, loaded once per database: a lookup is one indexed query.
            'CREATE TABLE psl_rules (rule TEXT PRIMARY KEY)',
        ];
    }

    /** @return list<string> */
    private static function baseSchema(): array
    {
        return [
            // Tokens and secrets are kept only as SHA-256 digests.
            'CREATE TABLE credentials (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN (\'token\', \'key\')),
                lookup TEXT NOT NULL UNIQUE,
                secret_hash TEXT,
                created_at TEXT NOT NULL)',
            'CREATE TABLE servers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                ip TEXT NOT NULL,
                created_at TEXT NOT NULL)',
            'CREATE TABLE webapps (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                advanced_ssl INTEGER NOT NULL DEFAULT 0,
                auto_ssl INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL)',
            'CREATE INDEX webapps_by_server ON webapps (server_id, id)',
            'CREATE TABLE domains (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                webapp_id INTEGER NOT NULL REFERENCES webapps(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                www INTEGER NOT NULL DEFAULT 0,
                redirection TEXT NOT NULL DEFAULT \'none\',
                wildcard INTEGER NOT NULL DEFAULT 0,
                dns_integration TEXT NOT NULL DEFAULT \'none\',
                status TEXT,
                created_at TEXT NOT NULL)',
            // The database, not the code, guarantees one name per web app, so two workers
            // adding the same name at once cannot both succeed.
            'CREATE UNIQUE INDEX domains_unique_name ON domains (webapp_id, name)',
            'CREATE INDEX domains_by_webapp ON domains (webapp_id, id)',
            'CREATE TABLE certificates (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                webapp_id INTEGER NOT NULL REFERENCES webapps(id) ON DELETE CASCADE,
                domain_id INTEGER REFERENCES domains(id) ON DELETE CASCADE,
                method TEXT NOT NULL,
                enable_http INTEGER NOT NULL DEFAULT 0,
                enable_hsts INTEGER NOT NULL DEFAULT 0,
                authorization_method TEXT,
                staging INTEGER NOT NULL DEFAULT 0,
                api_id INTEGER,
                names TEXT NOT NULL DEFAULT \'[]\',
                deploys INTEGER NOT NULL DEFAULT 1,
                valid_until TEXT,
                renewal_date TEXT,
                created_at TEXT NOT NULL)',
            // One basic certificate per web app (domain_id NULL), one per domain in advanced mode.
            'CREATE UNIQUE INDEX certificates_scope ON certificates (webapp_id, IFNULL(domain_id, 0))',
            'CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
            'CREATE TABLE faults (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                method TEXT,
                path TEXT,
                remaining INTEGER NOT NULL,
                params TEXT NOT NULL)',
            'CREATE TABLE journal (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                unix REAL NOT NULL,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                query TEXT NOT NULL,
                body TEXT NOT NULL,
                version TEXT,
                credential TEXT,
                auth TEXT NOT NULL,
                connection TEXT NOT NULL,
                connection_requests INTEGER,
                remote_addr TEXT NOT NULL,
                protocol TEXT,
                tls_reused INTEGER,
                status INTEGER NOT NULL,
                fault TEXT,
                worker INTEGER NOT NULL,
                duration_ms REAL NOT NULL)',
            'CREATE TABLE rate_hits (key TEXT PRIMARY KEY, window_start REAL NOT NULL, hits INTEGER NOT NULL)',
        ];
    }
}
