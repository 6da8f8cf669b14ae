<?php

declare(strict_types=1);

namespace RunCloudSandbox;

use ErrorException;
use RunCloudSandbox\Admin\AdminApi;
use RunCloudSandbox\Api\Kernel;
use RunCloudSandbox\Ca\SiteCertificates;
use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Http\Response;
use Throwable;

/**
 * Front controller for every request php -S receives. The serve command passes the database path,
 * the admin secret and (behind nginx) the proxy key through the environment.
 */
final class App
{
    public static function run(): void
    {
        // Warnings are bugs here: fail the request loudly (except where silenced with @).
        set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
            if (!(error_reporting() & $severity)) {
                return false;
            }
            throw new ErrorException($message, 0, $severity, $file, $line);
        });
        $request = Request::fromGlobals($_SERVER, $_GET, (string) file_get_contents('php://input'), (string) getenv('SANDBOX_PROXY_KEY'));
        try {
            $response = self::dispatch($request);
        } catch (Throwable $e) {
            error_log('runcloud-sandbox: ' . $e);
            $response = Response::message(500, 'Server Error');
        }
        $response->emit($request->method !== 'HEAD');
    }

    private static function dispatch(Request $request): Response
    {
        $db = (string) getenv('SANDBOX_DB');
        if ($db === '') {
            return Response::message(500, 'SANDBOX_DB is not set: start the sandbox with bin/runcloud-sandbox serve.');
        }
        $store = new Store($db, true);
        $secret = (string) getenv('SANDBOX_ADMIN_SECRET');
        $response = AdminApi::owns($request->path)
            ? AdminApi::handle($store, $request, $secret)
            : Kernel::handle($store, $request, $secret);
        // serve --sites: what the names present over HTTPS follows the model before the answer leaves,
        // so a client that saw a certificate issued (or the clock moved) meets it at its next handshake.
        $sites = (string) getenv('SANDBOX_SITES_DIR');
        if ($sites !== '' && !in_array($request->method, ['GET', 'HEAD'], true)) {
            Clock::follow(Config::load($store));
            SiteCertificates::sync($store, $sites);
        }
        return $response;
    }
}
