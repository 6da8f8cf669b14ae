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
    private function __construct(
        public readonly string $scheme,       // bearer | basic | none, as presented
        public readonly ?string $credential,  // token#N / key#N when it matched, else null
    ) {
    }

    public static function identify(Store $store, Request $request, ?string $version, string $adminSecret): self
    {
        $header = trim((string) $request->header('authorization'));
        if (preg_match('/^Bearer\s+(\S+)$/i', $header, $m)) {
            return new self('bearer', self::token($store, $m[1], $adminSecret));
        }
        if (preg_match('/^Basic\s+(\S+)$/i', $header, $m)) {
            // Basic is the legacy v2 scheme; v3 refuses it even with a valid pair.
            return new self('basic', $version === 'v2' ? self::keyPair($store, $m[1]) : null);
        }
        return new self('none', null);
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

    private static function token(Store $store, string $token, string $adminSecret): ?string
    {
        // The admin secret opens the admin API only, never the API itself.
        if ($adminSecret !== '' && hash_equals($adminSecret, $token)) {
            return null;
        }
        $id = $store->value("SELECT id FROM credentials WHERE kind = 'token' AND lookup = ?", [self::digest('token:' . $token)]);
        return $id === null ? null : 'token#' . $id;
    }

    private static function keyPair(Store $store, string $encoded): ?string
    {
        $decoded = base64_decode($encoded, true);
        if ($decoded === false || !str_contains($decoded, ':')) {
            return null;
        }
        [$key, $secret] = explode(':', $decoded, 2);
        $row = $store->one("SELECT id, secret_hash FROM credentials WHERE kind = 'key' AND lookup = ?", [self::digest('key:' . $key)]);
        if ($row === null || !hash_equals((string) $row['secret_hash'], self::digest($secret))) {
            return null;
        }
        return 'key#' . $row['id'];
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
