<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Auth;
use RunCloudSandbox\Clock;
use RunCloudSandbox\Config;
use RunCloudSandbox\Faults;
use RunCloudSandbox\Http\HttpException;
use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Http\Router;
use RunCloudSandbox\IpList;
use RunCloudSandbox\Journal;
use RunCloudSandbox\RateLimiter;
use RunCloudSandbox\Store;
use Throwable;

/**
 * Every request outside the admin prefix goes through here, in this order:
 * latency -> rate limit (429) -> transport faults -> IP allow-list (401) -> route (404/405)
 * -> credential (401) -> handler; then rate-limit headers are added and the request is journaled.
 */
final class Kernel
{
    private static ?Router $router = null;

    public static function handle(Store $store, Request $request, string $adminSecret): Response
    {
        $config = Config::load($store);
        Clock::follow($config);
        if ($config['latency_ms'] > 0) {
            usleep($config['latency_ms'] * 1000);
        }
        $version = preg_match('#^/api/(v2|v3)(/|$)#', $request->path, $m) ? $m[1] : null;
        $auth = Auth::identify($store, $request, $version, $adminSecret);
        $rate = RateLimiter::hit($store, $auth->credential ?? 'ip:' . $request->remoteAddr, $config['rate_limit'], $config['rate_window'], microtime(true));
        $faults = [];
        $response = $rate['allowed']
            ? self::withFaults($store, $request, $config, $version, $auth, $faults)
            : Response::message(429, 'Too Many Attempts.');
        // Headers a fault sets on purpose win over the rate-limit ones.
        $response->headers += RateLimiter::headers($rate);
        Journal::record($store, $request, $version, $auth, $response, $faults, $rate);
        return $response;
    }

    private static function withFaults(Store $store, Request $request, array $config, ?string $version, Auth $auth, array &$faults): Response
    {
        $delay = Faults::take($store, $request, ['delay']);
        if ($delay !== null) {
            $faults[] = 'delay';
            usleep($delay['params']['delay_ms'] * 1000);
        }
        $fault = Faults::take($store, $request, array_values(array_diff(Faults::TRANSPORT, ['delay'])));
        if ($fault === null) {
            return self::api($store, $request, $config, $version, $auth, $faults);
        }
        $faults[] = $fault['type'];
        $answer = Faults::processes($fault) ? self::api($store, $request, $config, $version, $auth, $faults) : Faults::standIn();
        return Faults::spoil($fault, $answer);
    }

    private static function api(Store $store, Request $request, array $config, ?string $version, Auth $auth, array &$faults): Response
    {
        if (!IpList::allows($config['allow_ips'], $request->remoteAddr)) {
            return Response::message(401, 'Unauthenticated.');
        }
        $match = $version === null ? ['none'] : self::router()->match($request->method, substr($request->path, 7) ?: '/');
        if ($match[0] !== 'found') {
            return Router::miss($match, $request->method, $request->path);
        }
        if (!$auth->valid()) {
            return Response::message(401, 'Unauthenticated.');
        }
        $ctx = new Context($store, $request, $config, $version, $auth);
        try {
            return ($match[1])($ctx, ...$match[2]);
        } catch (HttpException $e) {
            return $e->response();
        } catch (Throwable $e) {
            error_log('runcloud-sandbox: ' . $e);
            return Response::message(500, 'Server Error');
        } finally {
            array_push($faults, ...$ctx->faults);
        }
    }

    /** The routes under /api/v2 and /api/v3 (both generations share their paths). */
    private static function router(): Router
    {
        if (self::$router !== null) {
            return self::$router;
        }
        $app = '/servers/{server}/webapps/{webapp}';
        return self::$router = (new Router())
            ->add('GET', '/ping', [Catalog::class, 'ping'])
            ->add('GET', '/servers', [Catalog::class, 'listServers'])
            ->add('GET', '/servers/{server}', [Catalog::class, 'getServer'])
            ->add('GET', '/servers/{server}/webapps', [Catalog::class, 'listWebapps'])
            ->add('GET', $app, [Catalog::class, 'getWebapp'])
            ->add('GET', "$app/domains", [DomainRoutes::class, 'list'])
            ->add('POST', "$app/domains", [DomainRoutes::class, 'add'])
            ->add('GET', "$app/domains/{domain}", [DomainRoutes::class, 'get'])
            ->add('DELETE', "$app/domains/{domain}", [DomainRoutes::class, 'delete'])
            ->add('GET', "$app/domains/{domain}/ssl", [SslRoutes::class, 'getForDomain'])
            ->add('POST', "$app/domains/{domain}/ssl", [SslRoutes::class, 'installForDomain'])
            ->add('PATCH', "$app/domains/{domain}/ssl/{ssl}", [SslRoutes::class, 'updateForDomain'])
            ->add('PUT', "$app/domains/{domain}/ssl/{ssl}", [SslRoutes::class, 'redeployForDomain'])
            ->add('DELETE', "$app/domains/{domain}/ssl/{ssl}", [SslRoutes::class, 'deleteForDomain'])
            ->add('GET', "$app/ssl", [SslRoutes::class, 'getBasic'])
            ->add('POST', "$app/ssl", [SslRoutes::class, 'installBasic'])
            ->add('GET', "$app/ssl/advanced", [SslRoutes::class, 'getMode'])
            ->add('POST', "$app/ssl/advanced", [SslRoutes::class, 'switchMode'])
            ->add('PATCH', "$app/ssl/{ssl}", [SslRoutes::class, 'updateBasic'])
            ->add('PUT', "$app/ssl/{ssl}", [SslRoutes::class, 'redeployBasic'])
            ->add('DELETE', "$app/ssl/{ssl}", [SslRoutes::class, 'deleteBasic']);
    }
}
