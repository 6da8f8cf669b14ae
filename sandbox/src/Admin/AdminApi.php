<?php

declare(strict_types=1);

namespace RunCloudSandbox\Admin;

use RunCloudSandbox\Ca\Coverage;
use RunCloudSandbox\Ca\Report;
use RunCloudSandbox\Clock;
use RunCloudSandbox\Config;
use RunCloudSandbox\Faults;
use RunCloudSandbox\Http\HttpException;
use RunCloudSandbox\Http\Input;
use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Http\Router;
use RunCloudSandbox\Journal;
use RunCloudSandbox\Store;

/**
 * The admin API under /__sandbox, for tests and people. It takes only the X-Sandbox-Admin header:
 * API credentials do not open it, and it is neither journaled nor rate limited.
 */
final class AdminApi
{
    public const PREFIX = '/__sandbox';

    public static function owns(string $path): bool
    {
        return $path === self::PREFIX || str_starts_with($path, self::PREFIX . '/');
    }

    public static function handle(Store $store, Request $request, string $secret): Response
    {
        $given = (string) $request->header('x-sandbox-admin');
        if ($secret === '' || !hash_equals($secret, $given)) {
            return Response::message(401, 'Unauthenticated.');
        }
        Clock::follow(Config::load($store));
        $match = self::router()->match($request->method, substr($request->path, strlen(self::PREFIX)) ?: '/');
        if ($match[0] !== 'found') {
            return Router::miss($match, $request->method, $request->path);
        }
        try {
            return ($match[1])($store, $request, $secret);
        } catch (HttpException $e) {
            return $e->response();
        }
    }

    private static function router(): Router
    {
        return (new Router())
            ->add('GET', '/health', static fn (): Response => Response::json(200, [
                'ok' => true,
                'instance' => (string) getenv('SANDBOX_INSTANCE'),
                'mode' => getenv('SANDBOX_PROXY_KEY') ? 'nginx' : 'php',
            ]))
            ->add('POST', '/reset', static function (Store $store): Response {
                $store->wipe();
                return Response::json(200, ['ok' => true]);
            })
            ->add('POST', '/seed', static fn (Store $store, Request $r, string $secret): Response => Response::json(
                200,
                Seeder::seed($store, self::body($r), $secret),
            ))
            ->add('GET', '/state', static fn (Store $store, Request $r): Response => Response::json(
                200,
                State::read($store, self::intParam($r, 'webapp')),
            ))
            ->add('GET', '/journal', static fn (Store $store, Request $r): Response => Response::json(200, [
                'data' => Journal::entries($store, self::intParam($r, 'since') ?? 0, self::intParam($r, 'limit')),
            ]))
            ->add('DELETE', '/journal', static function (Store $store): Response {
                Journal::clear($store);
                return Response::json(200, ['ok' => true]);
            })
            ->add('POST', '/faults', static fn (Store $store, Request $r): Response => Response::json(
                200,
                ['id' => Faults::add($store, self::body($r))],
            ))
            ->add('GET', '/faults', static fn (Store $store): Response => Response::json(200, ['data' => Faults::pending($store)]))
            ->add('DELETE', '/faults', static function (Store $store): Response {
                Faults::clear($store);
                return Response::json(200, ['ok' => true]);
            })
            ->add('GET', '/ca', static fn (Store $store, Request $r): Response => Response::json(200, Report::read($store, self::intParam($r, 'limit'))))
            ->add('DELETE', '/ca', static function (Store $store): Response {
                Report::forget($store);
                return Response::json(200, ['ok' => true]);
            })
            ->add('GET', '/ca/coverage', static fn (Store $store, Request $r): Response => Response::json(
                200,
                Coverage::report($store, self::intParam($r, 'webapp')),
            ))
            ->add('GET', '/clock', static fn (): Response => Response::json(200, self::clock()))
            ->add('POST', '/clock', static function (Store $store, Request $r): Response {
                $in = new Input(self::body($r));
                $offset = $in->has('advance') ? (int) Clock::now() - time() + (int) $in->integer('advance') : $in->integer('offset', true);
                $in->check();
                Clock::follow(Config::merge($store, ['clock_offset' => $offset]));
                return Response::json(200, self::clock());
            })
            ->add('GET', '/config', static fn (Store $store): Response => Response::json(200, Config::load($store)))
            ->add('POST', '/config', static fn (Store $store, Request $r): Response => Response::json(
                200,
                Config::merge($store, self::body($r)),
            ));
    }

    private static function clock(): array
    {
        return ['now' => Clock::stamp(), 'unix' => Clock::now(), 'offset' => Clock::now() - time()];
    }

    private static function body(Request $request): array
    {
        return Input::decode($request->rawBody, 'application/json');
    }

    private static function intParam(Request $request, string $key): ?int
    {
        $value = $request->query[$key] ?? null;
        return is_string($value) && ctype_digit($value) ? (int) $value : null;
    }
}
