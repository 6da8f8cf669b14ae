<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use RunCloudSandbox\Http\Request;

/**
 * Who is calling. v3 takes Bearer tokens only; v2 takes Bearer tokens and Basic key:secret.
 * Credentials are stored as SHA-256 digests and named "token#ID" / "key#ID" everywhere else.
 */
final class Auth
{
    /** @param list<int>|null $servers the servers the credential may use; null: all */
    private function __construct(
        public readonly string $scheme,       // bearer | basic | none, as presented
        public readonly ?string $credential,  // token#N / key#N when it matched, else null
        public readonly ?array $servers = null,
    ) {
    }

    public static function identify(Store $store, Request $request, ?string $version, string $adminSecret): self
    {
        $header = trim((string) $request->header('authorization'));
        if (preg_match('/^Bearer\s+(\S+)$/i', $header, $m)) {
            return self::matched('bearer', self::token($store, $m[1], $adminSecret));
        }
        if (preg_match('/^Basic\s+(\S+)$/i', $header, $m)) {
            // Basic is the legacy v2 scheme; v3 refuses it even with a valid pair.
            return self::matched('basic', $version === 'v2' ? self::keyPair($store, $m[1]) : null);
        }
        return new self('none', null);
    }

    public function mayUseServer(int $serverId): bool
    {
        return $this->servers === null || in_array($serverId, $this->servers, true);
    }

    /** Limits a credential to some servers (null: all of them). */
    public static function restrict(Store $store, int $id, ?array $servers): void
    {
        $store->run('UPDATE credentials SET servers = ? WHERE id = ?', [$servers === null ? null : json_encode(array_values($servers)), $id]);
    }

    private static function matched(string $scheme, ?array $row): self
    {
        if ($row === null) {
            return new self($scheme, null);
        }
        $servers = $row['servers'] === null ? null : array_map('intval', json_decode($row['servers'], true));
        return new self($scheme, $row['kind'] . '#' . $row['id'], $servers);
    }

    public function valid(): bool
    {
        return $this->credential !== null;
    }

    public static function digest(string $secret): string
    {
        return hash('sha256', $secret);
    }

    public static function addToken(Store $store, string $token): int
    {
        return self::insert($store, 'token', self::digest('token:' . $token), null);
    }

    public static function addKey(Store $store, string $key, string $secret): int
    {
        return self::insert($store, 'key', self::digest('key:' . $key), self::digest($secret));
    }

    private static function token(Store $store, string $token, string $adminSecret): ?array
    {
        // The admin secret opens the admin API only, never the API itself.
        if ($adminSecret !== '' && hash_equals($adminSecret, $token)) {
            return null;
        }
        return $store->one("SELECT id, kind, servers FROM credentials WHERE kind = 'token' AND lookup = ?", [self::digest('token:' . $token)]);
    }

    private static function keyPair(Store $store, string $encoded): ?array
    {
        $decoded = base64_decode($encoded, true);
        if ($decoded === false || !str_contains($decoded, ':')) {
            return null;
        }
        [$key, $secret] = explode(':', $decoded, 2);
        $row = $store->one("SELECT id, kind, servers, secret_hash FROM credentials WHERE kind = 'key' AND lookup = ?", [self::digest('key:' . $key)]);
        if ($row === null || !hash_equals((string) $row['secret_hash'], self::digest($secret))) {
            return null;
        }
        return $row;
    }

    /** Adding a credential that exists already is a no-op that returns its id. */
    private static function insert(Store $store, string $kind, string $lookup, ?string $secretHash): int
    {
        $store->run(
            'INSERT INTO credentials (kind, lookup, secret_hash, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (lookup) DO UPDATE SET secret_hash = excluded.secret_hash',
            [$kind, $lookup, $secretHash, Clock::stamp()],
        );
        return (int) $store->value('SELECT id FROM credentials WHERE lookup = ?', [$lookup]);
    }
}
