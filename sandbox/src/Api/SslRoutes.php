<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Ca\Authority;
use RunCloudSandbox\Http\Abort;
use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Http\Input;
use RunCloudSandbox\Http\NotFound;
use RunCloudSandbox\Http\Response;
use RunCloudSandbox\Model\Certificates;
use RunCloudSandbox\Model\Domains;
use RunCloudSandbox\Store;

/**
 * SSL of a web app: the basic certificate (/ssl), the advanced-mode switch (/ssl/advanced) and
 * per-domain certificates (/domains/{d}/ssl). Basic routes that issue (install, redeploy) are refused
 * in advanced mode, and every per-domain route in basic mode. Let's Encrypt certificates are ordered
 * from the sandbox's certificate authority (Ca\Authority), which refuses what Let's Encrypt would.
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
        $app = Catalog::webapp($ctx, $serverId, $webappId);
        $in = $ctx->input();
        $settings = self::installSettings($in);
        $in->check();
        self::basicOnly($app);
        self::refuseSecond(Certificates::basic($ctx->store, $webappId));
        $cert = self::issue($ctx, $app, null, $settings, null);
        return Response::json(200, Certificates::present($cert));
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
        $app = Catalog::webapp($ctx, $serverId, $webappId);
        self::basicOnly($app);
        return Response::json(200, Certificates::present(self::issue($ctx, $app, null, [], $cert)));
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

    /** Both modes' certificates are kept across a switch; only the current mode's serve (Ca\Coverage). */
    public static function switchMode(Context $ctx, int $serverId, int $webappId): Response
    {
        Catalog::webapp($ctx, $serverId, $webappId);
        $in = $ctx->input();
        $advanced = $in->bool('advancedSSL', null, true);
        $auto = $in->bool('autoSSL', false);
        $in->check();
        self::setMode($ctx->store, $webappId, $advanced, $auto);
        return Response::emptyObject();
    }

    public static function getForDomain(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        [, $domain] = self::advancedDomain($ctx, $serverId, $webappId, $domainId);
        $cert = Certificates::ofDomain($ctx->store, $webappId, (int) $domain['id']) ?? throw new NotFound('SSL certificate not found.');
        return Response::json(200, Certificates::present($cert));
    }

    /**
     * As RunCloud's example body carries them, "advancedSSL": true switches the web app to advanced
     * mode first (with "autoSSL" when given); without it a web app in basic mode is refused. The
     * switch stands even when the order is then refused: it is a step of its own.
     */
    public static function installForDomain(Context $ctx, int $serverId, int $webappId, int $domainId): Response
    {
        $domain = DomainRoutes::domain($ctx, $serverId, $webappId, $domainId);
        $app = Catalog::webapp($ctx, $serverId, $webappId);
        $in = $ctx->input();
        $settings = self::installSettings($in);
        $advanced = $in->bool('advancedSSL');
        $auto = $in->bool('autoSSL');
        $in->check();
        if ($advanced === true) {
            self::setMode($ctx->store, $webappId, true, $auto ?? (bool) $app['auto_ssl']);
            $app['advanced_ssl'] = 1;
        }
        self::advancedOnly($app);
        self::refuseSecond(Certificates::ofDomain($ctx->store, $webappId, $domainId));
        self::issue($ctx, $app, $domain, $settings, null);
        return Response::emptyObject();
    }

    public static function updateForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        [, , $cert] = self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        Certificates::update($ctx->store, $sslId, self::updateSettings($ctx->input(), $cert));
        return Response::emptyObject();
    }

    public static function redeployForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        [$app, $domain, $cert] = self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        self::issue($ctx, $app, $domain, [], $cert);
        return Response::emptyObject();
    }

    public static function deleteForDomain(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): Response
    {
        self::domainCert($ctx, $serverId, $webappId, $domainId, $sslId);
        Certificates::delete($ctx->store, $sslId);
        return Response::emptyObject();
    }

    /**
     * Installs ($existing null) or redeploys a certificate for what the web app (or the domain) has
     * now. A Let's Encrypt one is first ordered from the authority; a refused or failed order is a
     * 422 with the authority's message, and stays in its history (it counts where Let's Encrypt counts it).
     */
    private static function issue(Context $ctx, array $app, ?array $domain, array $settings, ?array $existing): array
    {
        $webappId = (int) $app['id'];
        [$refusal, $id] = $ctx->store->transaction(static function (Store $s) use ($ctx, $app, $webappId, $domain, $settings, $existing): array {
            if ($existing === null) {
                // Checked again under the lock: a second worker may have installed meanwhile.
                self::refuseSecond($domain === null ? Certificates::basic($s, $webappId) : Certificates::ofDomain($s, $webappId, (int) $domain['id']));
            }
            $names = $domain === null ? Domains::webappCertificateNames($s, $webappId) : Domains::certificateNames($domain);
            $method = $existing['method'] ?? $settings['method'];
            $validity = Certificates::outsideValidity();
            if ($method === 'letsencrypt') {
                $result = Authority::order($s, $ctx->config, [
                    'account' => 'server#' . $app['server_id'],
                    'webapp_id' => $webappId,
                    'domain_id' => $domain === null ? null : (int) $domain['id'],
                    'names' => $names,
                    'authorization' => $existing['authorization_method'] ?? $settings['authorization_method'] ?? 'http-01',
                    'staging' => (bool) ($existing['staging'] ?? $settings['staging'] ?? false),
                ], static fn (array $names): ?string => self::unpointed($ctx, $names));
                if (!$result['ok']) {
                    return [$result['message'], null];
                }
                $validity = [$result['valid_until'], Authority::renewalDate($ctx->config, $result['valid_until'])];
            }
            if ($existing !== null) {
                Certificates::redeploy($s, $existing, $names, $validity);
                return [null, (int) $existing['id']];
            }
            return [null, Certificates::install($s, $webappId, $domain === null ? null : (int) $domain['id'], $settings, $names, $validity)];
        });
        if ($refusal !== null) {
            throw Abort::message(422, $refusal);
        }
        return Certificates::get($ctx->store, $id);
    }

    /** The first name whose DNS "does not point here": a queued dns_not_pointed fault, or config.unpointed. */
    private static function unpointed(Context $ctx, array $names): ?string
    {
        $fault = $ctx->fault('dns_not_pointed');
        if ($fault !== null) {
            return $fault['params']['name'] ?? $names[0] ?? 'the domain';
        }
        return array_values(array_intersect($names, $ctx->config['unpointed']))[0] ?? null;
    }

    private static function basicOnly(array $app): void
    {
        if ((int) $app['advanced_ssl'] === 1) {
            throw Abort::message(422, 'This web application uses advanced SSL: install and redeploy certificates per domain (/domains/{domainId}/ssl).');
        }
    }

    /** The web app and domain of a per-domain route, which needs the web app in advanced mode. */
    private static function advancedDomain(Context $ctx, int $serverId, int $webappId, int $domainId): array
    {
        $domain = DomainRoutes::domain($ctx, $serverId, $webappId, $domainId);
        $app = Catalog::webapp($ctx, $serverId, $webappId);
        self::advancedOnly($app);
        return [$app, $domain];
    }

    private static function advancedOnly(array $app): void
    {
        if ((int) $app['advanced_ssl'] !== 1) {
            throw Abort::message(422, 'This web application uses basic SSL: switch it to advanced SSL (POST /ssl/advanced) before managing per-domain certificates.');
        }
    }

    private static function setMode(Store $store, int $webappId, bool $advanced, bool $auto): void
    {
        $store->run('UPDATE webapps SET advanced_ssl = ?, auto_ssl = ? WHERE id = ?', [(int) $advanced, (int) ($advanced && $auto), $webappId]);
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

    /** @return array{array,array,array} web app, domain, certificate */
    private static function domainCert(Context $ctx, int $serverId, int $webappId, int $domainId, int $sslId): array
    {
        [$app, $domain] = self::advancedDomain($ctx, $serverId, $webappId, $domainId);
        $cert = Certificates::ofDomain($ctx->store, $webappId, $domainId);
        if ($cert === null || (int) $cert['id'] !== $sslId) {
            throw new NotFound('SSL certificate not found.');
        }
        return [$app, $domain, $cert];
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
