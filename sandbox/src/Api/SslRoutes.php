<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Http\Abort;
use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Http\Input;
use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Model\Certificates;
use RunCloudSandbox\Model\Domains;

/**
 * SSL of a web app: the basic certificate (/ssl), the advanced-mode switch (/ssl/advanced) and
 * per-domain certificates (/domains/{d}/ssl). Let's Encrypt issuance fails with 422 when a name's
 * DNS "does not point here" (config.unpointed, or a dns_not_pointed fault).
 */
final class SslRoutes
{
    public static function getBasic(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $cert = Certificates::basic($ctx->store, $webappId) ?? throw new NotFound('SSL certificate not found.');
        return Response::json(200, Certificates::present($cert));
    }

    public static function installBasic(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $in = $ctx->input();
        $settings = self::installSettings($in);
        $in->check();
        self::refuseSecond(Certificates::basic($ctx->store, $webappId));
        // The DNS check runs outside the transaction so a used-up fault stays used up.
        self::checkDns($ctx, $settings['method'], Domains::names($ctx->store, $webappId));
        $id = $ctx->store->transaction(static function () use ($ctx, $webappId, $settings): int {
            self::refuseSecond(Certificates::basic($ctx->store, $webappId));
            return Certificates::install($ctx->store, $webappId, null, $settings, Domains::names($ctx->store, $webappId));
        });
        return Response::json(200, Certificates::present(Certificates::get($ctx->store, $id)));
    }

    public static function updateBasic(Context $ctx, int $serverId, int $webappId, int $sslId): Response
    {
        $cert = self::basicCert($ctx, $serverId, $webappId, $sslId);
        Certificates::update($ctx->store, $sslId, self::updateSettings($ctx->input(), $cert));
        return Response::json(200, Certificates::present(Certificates::get($ctx->store, $sslId)));
    }

    public static function redeployBasic(Context $ctx, int $serverId, int $webappId, int $sslId): Response
    {
        $cert = self::basicCert($ctx, $serverId, $webappId, $sslId);
        $names = Domains::names($ctx->store, $webappId);
        self::checkDns($ctx, $cert['method'], $names);
        Certificates::redeploy($ctx->store, $cert, $names);
        return Response::json(200, Certificates::present(Certificates::get($ctx->store, $sslId)));
    }

    public static function deleteBasic(Context $ctx, int $serverId, int $webappId, int $sslId): Response
    {
        $cert = self::basicCert($ctx, $serverId, $webappId, $sslId);
        Certificates::delete($ctx->store, $sslId);
        return Response::json(200, Certificates::present($cert));
    }

    public static function getMode(Context $ctx, int $serverId, int $webappId): Response
    {
        $app = Catalog::webapp($ctx, $serverId, $webappId);
        return Response::json(200, ['advancedSSL' => (bool) $app['advanced_ssl'], 'autoSSL' => (bool) $app['auto_ssl']]);
    }

    public static function switchMode(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $in = $ctx->input();
        $advanced = $in->bool('advancedSSL', null, true);
        $auto = $in->bool('autoSSL', false);
        $in->check();
        self::setMode($ctx, $webappId, $advanced, $auto);
        return Response::emptyObject();
    }

    public static function getForDomain(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        DomainRoutes::domain($ctx, $serverId, $webappId, $domainId);
        $cert = Certificates::ofDomain($ctx->store, $webappId, $domainId) ?? throw new NotFound('SSL certificate not found.');
        return Response::json(200, Certificates::present($cert));
    }

    public static function installForDomain(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        $domain = DomainRoutes::domain($ctx, $serverId, $webappId, $domainId);
        $in = $ctx->input();
        $settings = self::installSettings($in);
        $advanced = $in->bool('advancedSSL');
        $auto = $in->bool('autoSSL');
        $in->check();
        self::refuseSecond(Certificates::ofDomain($ctx->store, $webappId, $domainId));
        self::checkDns($ctx, $settings['method'], [$domain['name']]);
        $ctx->store->transaction(static function () use ($ctx, $webappId, $domain, $settings, $advanced, $auto): void {
            self::refuseSecond(Certificates::ofDomain($ctx->store, $webappId, (int) $domain['id']));
            Certificates::install($ctx->store, $webappId, (int) $domain['id'], $settings, [$domain['name']]);
            if ($advanced !== null) {
                self::setMode($ctx, $webappId, $advanced, $auto ?? false);
            }
        });
        return Response::emptyObject();
    }

    public static function updateForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        $cert = self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        Certificates::update($ctx->store, $sslId, self::updateSettings($ctx->input(), $cert));
        return Response::emptyObject();
    }

    public static function redeployForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        $cert = self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        $names = json_decode($cert['names'], true);
        self::checkDns($ctx, $cert['method'], $names);
        Certificates::redeploy($ctx->store, $cert, $names);
        return Response::emptyObject();
    }

    public static function deleteForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        Certificates::delete($ctx->store, $sslId);
        return Response::emptyObject();
    }

    private static function refuseSecond(?array $existing): void
    {
        if ($existing !== null) {
            throw new BadInput(['ssl' => ['An SSL certificate is already installed; update or redeploy it.']]);
        }
    }

    private static function basicCert(Context $ctx, int $serverId, int $webappId, int $sslId): array
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $cert = Certificates::basic($ctx->store, $webappId);
        if ($cert === null || (int) $cert['id'] !== $sslId) {
            throw new NotFound('SSL certificate not found.');
        }
        return $cert;
    }

    private static function domainCert(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): array
    {
        DomainRoutes::domain($ctx, $serverId, $webappId, $domainId);
        $cert = Certificates::ofDomain($ctx->store, $webappId, $domainId);
        if ($cert === null || (int) $cert['id'] !== $sslId) {
            throw new NotFound('SSL certificate not found.');
        }
        return $cert;
    }

    private static function setMode(Context $ctx, int $webappId, bool $advanced, bool $auto): void
    {
        $ctx->store->run(
            'UPDATE webapps SET advanced_ssl = ?, auto_ssl = ? WHERE id = ?',
            [(int) $advanced, (int) ($advanced && $auto), $webappId],
        );
    }

    /** Let's Encrypt only issues for names whose DNS points at the server. */
    private static function checkDns(Context $ctx, string $method, array $names): void
    {
        if ($method !== 'letsencrypt') {
            return;
        }
        $fault = $ctx->fault('dns_not_pointed');
        $bad = $fault !== null
            ? ($fault['params']['name'] ?? $names[0] ?? 'the domain')
            : (array_values(array_intersect($names, $ctx->config['unpointed']))[0] ?? null);
        if ($bad !== null) {
            throw Abort::message(422, "DNS of $bad does not point to this server.");
        }
    }

    /** Body of an install (the caller checks it): provider required; the rest defaults as a fresh setup does. */
    private static function installSettings(Input $in): array
    {
        $provider = $in->choice('provider', ['letsencrypt', 'custom', 'csr'], null, true);
        if ($provider === 'custom') {
            $in->string('privateKey', true);
            $in->string('certificate', true);
        }
        $settings = ['method' => $provider] + self::settings($in, null);
        if ($provider !== 'letsencrypt') {
            $settings['authorization_method'] = null;
        }
        return $settings;
    }

    private static function updateSettings(Input $in, array $cert): array
    {
        $settings = self::settings($in, $cert);
        $in->check();
        return $settings;
    }

    /**
     * Maps the camelCase body to stored columns. On install ($cert null) absent fields take their
     * defaults; on update only the fields present change.
     */
    private static function settings(Input $in, ?array $cert): array
    {
        $install = $cert === null;
        $s = [];
        if ($install || $in->has('enableHttp')) {
            $s['enable_http'] = $in->bool('enableHttp', false);
        }
        if ($install || $in->has('enableHsts')) {
            $s['enable_hsts'] = $in->bool('enableHsts', false);
        }
        if ($install || $in->has('authorizationMethod')) {
            $s['authorization_method'] = $in->choice('authorizationMethod', ['http-01', 'dns-01'], 'http-01');
        }
        if ($install || $in->has('environment')) {
            $s['staging'] = $in->choice('environment', ['live', 'staging'], 'live') === 'staging';
        }
        if ($in->has('externalApi')) {
            $s['api_id'] = $in->integer('externalApi');
        }
        $method = $s['authorization_method'] ?? $cert['authorization_method'] ?? null;
        $apiId = $s['api_id'] ?? $cert['api_id'] ?? null;
        if ($method === 'dns-01' && $apiId === null && !$in->has('externalApi')) {
            $in->fail('externalApi', 'The externalApi field is required when authorizationMethod is dns-01.');
        }
        return array_filter($s, static fn ($v) => $v !== null);
    }
}
