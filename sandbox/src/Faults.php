<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use RunCloudSandbox\Http\Input;
use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;

/**
 * Queued misbehaviour for the next N matching API requests.
 *
 * Transport faults change what goes over the wire (as a proxy or a crashing backend would); the
 * semantic ones (dns_not_pointed, ignore_search) change what the API itself decides and are used
 * up only by the requests they apply to.
 */
final class Faults
{
    public const TRANSPORT = ['status', 'delay', 'drop', 'truncate', 'malformed', 'redirect'];
    public const SEMANTIC = ['dns_not_pointed', 'ignore_search'];

    /** Whether the request still reaches the API before the fault spoils its answer. */
    private const PROCESS_BY_DEFAULT = ['status' => false, 'redirect' => false, 'drop' => true, 'truncate' => true, 'malformed' => true];

    /** Validates and queues a fault; returns its id. */
    public static function add(Store $store, array $spec): int
    {
        $clean = self::validate($spec);
        $store->run(
            'INSERT INTO faults (type, method, path, remaining, params) VALUES (?, ?, ?, ?, ?)',
            [$clean['type'], $clean['method'], $clean['path'], $clean['count'], json_encode($clean['params'], Response::JSON_FLAGS)],
        );
        return $store->lastId();
    }

    /** @return list<array<string,mixed>> faults still pending, oldest first */
    public static function pending(Store $store): array
    {
        return array_map(static fn (array $row): array => [
            'id' => (int) $row['id'],
            'type' => $row['type'],
            'method' => $row['method'],
            'path' => $row['path'],
            'remaining' => (int) $row['remaining'],
        ] + json_decode($row['params'], true), $store->all('SELECT * FROM faults ORDER BY id'));
    }

    public static function clear(Store $store): void
    {
        $store->run('DELETE FROM faults');
    }

    /**
     * Uses up one pending fault of the given types that matches the request, oldest first.
     * @param list<string> $types
     * @return array{id:int,type:string,params:array<string,mixed>}|null
     */
    public static function take(Store $store, Request $request, array $types): ?array
    {
        // Cheap check first: nearly every request runs with nothing queued.
        if ($store->value('SELECT 1 FROM faults LIMIT 1') === null) {
            return null;
        }
        return $store->transaction(static function (Store $s) use ($request, $types): ?array {
            $marks = implode(',', array_fill(0, count($types), '?'));
            foreach ($s->all("SELECT * FROM faults WHERE type IN ($marks) ORDER BY id", $types) as $row) {
                if (!self::matches($row, $request)) {
                    continue;
                }
                if ((int) $row['remaining'] <= 1) {
                    $s->run('DELETE FROM faults WHERE id = ?', [$row['id']]);
                } else {
                    $s->run('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', [$row['id']]);
                }
                return ['id' => (int) $row['id'], 'type' => $row['type'], 'params' => json_decode($row['params'], true)];
            }
            return null;
        });
    }

    public static function processes(array $fault): bool
    {
        return (bool) ($fault['params']['process'] ?? self::PROCESS_BY_DEFAULT[$fault['type']] ?? false);
    }

    /** What the client receives instead of $answer (the API's real answer, or a stand-in if unprocessed). */
    public static function spoil(array $fault, Response $answer): Response
    {
        $p = $fault['params'];
        return match ($fault['type']) {
            'status' => self::statusAnswer($p),
            'redirect' => self::redirectAnswer($p),
            'drop' => self::cut($answer, 0),
            'truncate' => self::cut(self::withStatus($answer, $p['status'] ?? 200), intdiv(strlen($answer->body), 2)),
            'malformed' => self::malformed($answer, $p),
        };
    }

    /** A stand-in answer for faults that spoil a request the API never saw. */
    public static function standIn(): Response
    {
        return Response::json(200, ['message' => 'The sandbox did not process this request.', 'data' => []]);
    }

    private static function matches(array $row, Request $request): bool
    {
        if ($row['method'] !== null && strcasecmp($row['method'], $request->method) !== 0) {
            return false;
        }
        return $row['path'] === null || str_contains($request->path, $row['path']);
    }

    private static function statusAnswer(array $p): Response
    {
        $status = $p['status'] ?? 500;
        $body = $p['body'] ?? self::errorPage($status);
        $looksJson = json_decode($body) !== null && in_array(ltrim($body)[0] ?? '', ['{', '['], true);
        $type = $p['content_type'] ?? ($looksJson ? 'application/json' : 'text/html; charset=UTF-8');
        return new Response($status, $body, ($p['headers'] ?? []) + ['Content-Type' => $type]);
    }

    private static function redirectAnswer(array $p): Response
    {
        $location = $p['location'] ?? 'http://127.0.0.2:1/login';
        $safe = htmlspecialchars($location, ENT_QUOTES);
        $body = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\" /><meta http-equiv=\"refresh\" content=\"0;url='$safe'\" />"
            . "<title>Redirecting to $safe</title></head><body>Redirecting to <a href=\"$safe\">$safe</a>.</body></html>";
        return new Response($p['status'] ?? 302, $body, ['Location' => $location, 'Content-Type' => 'text/html; charset=UTF-8']);
    }

    /** The kind of page a proxy in front of the API shows, e.g. "502 Bad Gateway". */
    private static function errorPage(int $status): string
    {
        $reason = [500 => 'Internal Server Error', 502 => 'Bad Gateway', 503 => 'Service Temporarily Unavailable', 504 => 'Gateway Time-out'][$status] ?? 'Error';
        return "<html>\r\n<head><title>$status $reason</title></head>\r\n<body>\r\n<center><h1>$status $reason</h1></center>\r\n"
            . "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static function cut(Response $answer, int $bytes): Response
    {
        $answer->cutAt = $bytes;
        return $answer;
    }

    private static function withStatus(Response $answer, int $status): Response
    {
        $answer->status = $status;
        return $answer;
    }

    /** A complete answer (right Content-Length) whose JSON stops half-way. */
    private static function malformed(Response $answer, array $p): Response
    {
        $body = $p['body'] ?? substr($answer->body, 0, max(1, intdiv(strlen($answer->body), 2))) . ',"';
        return new Response($p['status'] ?? 200, $body, ['Content-Type' => 'application/json'] + $answer->headers);
    }

    /** @return array{type:string,method:?string,path:?string,count:int,params:array<string,mixed>} */
    private static function validate(array $spec): array
    {
        $in = new Input($spec);
        $type = $in->choice('type', array_merge(self::TRANSPORT, self::SEMANTIC), null, true);
        $count = $in->has('count') ? $in->integer('count') : 1;
        if ($count !== null && $count < 1) {
            $in->fail('count', 'The count must be at least 1.');
        }
        $method = $in->string('method');
        $path = $in->has('path') ? $in->raw('path') : null;
        if ($path !== null && !is_string($path)) {
            $in->fail('path', 'The path must be a string.');
        }
        $params = self::params($in, (string) $type);
        $in->check();
        return ['type' => $type, 'method' => $method === null ? null : strtoupper($method), 'path' => $path, 'count' => $count, 'params' => $params];
    }

    /** Keeps only the settings the type uses, each checked. */
    private static function params(Input $in, string $type): array
    {
        $params = [];
        $set = static function (string $key, mixed $value) use (&$params): void {
            if ($value !== null) {
                $params[$key] = $value;
            }
        };
        if (isset(self::PROCESS_BY_DEFAULT[$type])) {
            $set('process', $in->bool('process'));
        }
        if (in_array($type, ['status', 'truncate', 'malformed', 'redirect'], true)) {
            $status = $in->integer('status');
            if ($status !== null && ($status < 100 || $status > 599 || ($type === 'redirect' && ($status < 300 || $status > 399)))) {
                $in->fail('status', 'The status is not a valid HTTP status for this fault.');
            }
            $set('status', $status);
        }
        if (in_array($type, ['status', 'malformed'], true)) {
            $set('body', self::text($in, 'body'));
        }
        if ($type === 'status') {
            $set('content_type', $in->string('content_type'));
            $set('headers', self::headerMap($in));
        }
        if ($type === 'redirect') {
            $set('location', $in->string('location'));
        }
        if ($type === 'delay') {
            $delay = $in->integer('delay_ms', true);
            if ($delay !== null && ($delay < 0 || $delay > 600000)) {
                $in->fail('delay_ms', 'The delay_ms must be from 0 to 600000.');
            }
            $set('delay_ms', $delay);
        }
        if ($type === 'dns_not_pointed') {
            $set('name', $in->string('name'));
        }
        return $params;
    }

    private static function text(Input $in, string $key): ?string
    {
        $value = $in->raw($key);
        if ($value !== null && !is_string($value)) {
            return $in->fail($key, "The $key must be a string.");
        }
        return $value;
    }

    private static function headerMap(Input $in): ?array
    {
        $headers = $in->raw('headers');
        if ($headers === null) {
            return null;
        }
        $valid = is_array($headers) && array_filter($headers, 'is_string') === $headers
            && array_filter(array_keys($headers), static fn ($k) => is_string($k) && preg_match('/^[A-Za-z0-9-]+$/', $k)) === array_keys($headers)
            && array_filter($headers, static fn ($v) => !preg_match('/[\r\n]/', $v)) === $headers;
        return $valid ? $headers : $in->fail('headers', 'The headers must be an object of header names to string values.');
    }
}
