<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;

/**
 * The record of API requests, for tests to check what a client really sent.
 * It never holds a secret: credentials appear as "token#ID" / "key#ID", the Authorization header
 * is not kept, and body or query fields that look like secrets are replaced.
 */
final class Journal
{
    private const SECRET_FIELD = '/(secret|password|passwd|token|private_?key|api_?key|^authorization$)/i';
    private const MAX_RAW_BODY = 65536;

    /** @param array{at:float,until:float,allowed:bool}|null $rate what the rate limiter decided, null when it was not asked */
    public static function record(Store $store, Request $request, ?string $version, Auth $auth, Response $response, array $faults, ?array $rate = null): void
    {
        $store->run(
            'INSERT INTO journal (unix, method, path, query, body, version, credential, auth, connection, connection_requests,
                                  remote_addr, protocol, tls_reused, status, fault, worker, duration_ms, limit_at, limit_until)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                $request->startedAt,
                $request->method,
                $request->path,
                json_encode((object) self::redact($request->query), Response::JSON_FLAGS),
                json_encode(self::body($request), Response::JSON_FLAGS),
                $version,
                $auth->credential,
                $auth->scheme,
                $request->connection,
                $request->connectionRequests,
                $request->remoteAddr,
                $request->protocol,
                $request->tlsReused === null ? null : (int) $request->tlsReused,
                $response->status,
                $faults === [] ? null : implode(',', $faults),
                getmypid(),
                round((microtime(true) - $request->startedAt) * 1000, 1),
                $rate['at'] ?? null,
                $rate === null || $rate['allowed'] ? null : $rate['until'],
            ],
        );
    }

    /** @return list<array<string,mixed>> */
    public static function entries(Store $store, int $since, ?int $limit): array
    {
        $sql = 'SELECT * FROM journal WHERE id > ? ORDER BY id' . ($limit !== null ? ' LIMIT ' . max(0, $limit) : '');
        return array_map([self::class, 'present'], $store->all($sql, [$since]));
    }

    public static function clear(Store $store): void
    {
        $store->run('DELETE FROM journal');
    }

    private static function present(array $row): array
    {
        return [
            'id' => (int) $row['id'],
            'time' => Clock::preciseStamp((float) $row['unix']),
            'unix' => (float) $row['unix'],
            'method' => $row['method'],
            'path' => $row['path'],
            'query' => json_decode($row['query']),
            'body' => json_decode($row['body']),
            'version' => $row['version'],
            'credential' => $row['credential'],
            'auth' => $row['auth'],
            'connection' => $row['connection'],
            'connection_requests' => $row['connection_requests'] === null ? null : (int) $row['connection_requests'],
            'remote_addr' => $row['remote_addr'],
            'protocol' => $row['protocol'],
            'tls_reused' => $row['tls_reused'] === null ? null : (bool) $row['tls_reused'],
            'status' => (int) $row['status'],
            'fault' => $row['fault'],
            'worker' => (int) $row['worker'],
            'duration_ms' => (float) $row['duration_ms'],
            'limit_at' => $row['limit_at'] === null ? null : (float) $row['limit_at'],
            'limit_until' => $row['limit_until'] === null ? null : (float) $row['limit_until'],
        ];
    }

    /** Parsed JSON or form fields when the body has them, else the raw text, else null. */
    private static function body(Request $request): mixed
    {
        if ($request->rawBody === '') {
            return null;
        }
        $type = strtolower((string) $request->header('content-type'));
        if (str_starts_with($type, 'application/x-www-form-urlencoded')) {
            parse_str($request->rawBody, $fields);
            return self::redact($fields);
        }
        // Decoded as objects so that "{}" is journaled as {} and not [].
        $parsed = json_decode($request->rawBody);
        if (json_last_error() === JSON_ERROR_NONE) {
            return self::redact($parsed);
        }
        return substr($request->rawBody, 0, self::MAX_RAW_BODY);
    }

    /** Replaces secret-looking fields at any depth, in decoded JSON objects and in arrays alike. */
    private static function redact(mixed $data): mixed
    {
        if (!is_array($data) && !$data instanceof \stdClass) {
            return $data;
        }
        foreach ($data as $key => $value) {
            $clean = is_string($key) && preg_match(self::SECRET_FIELD, $key) ? '[redacted]' : self::redact($value);
            if (is_array($data)) {
                $data[$key] = $clean;
            } else {
                $data->{$key} = $clean;
            }
        }
        return $data;
    }
}
