<?php

declare(strict_types=1);

namespace RunCloudSandbox\Admin;

use RunCloudSandbox\Auth;
use RunCloudSandbox\Ca\Authority;
use RunCloudSandbox\Clock;
use RunCloudSandbox\Config;
use RunCloudSandbox\Http\BadInput;
use RunCloudSandbox\Model\Certificates;
use RunCloudSandbox\Model\DomainName;
use RunCloudSandbox\Model\Domains;
use RunCloudSandbox\Model\Servers;
use RunCloudSandbox\Model\Webapps;
use RunCloudSandbox\Store;

/**
 * Adds what a seed document names, all in one transaction (so 10,000 bulk domains take well under
 * a second). Existing servers and web apps (same id) are reused; names already there are skipped.
 */
final class Seeder
{
    private const MAX_BULK = 200000;

    /** The fixture behind --seed=demo and --demo. */
    public static function demo(): array
    {
        return [
            'credentials' => [['token' => 'demo-token'], ['key' => 'demo-key', 'secret' => 'demo-secret']],
            'servers' => [[
                'id' => 1, 'name' => 'demo-server', 'ip' => '127.0.0.1',
                'webapps' => [['id' => 1, 'name' => 'network', 'primary' => 'network.test', 'ssl' => true]],
            ]],
            'config' => ['rate_limit' => 60],
        ];
    }

    /** @return array{ok:true,domains:int,credentials:list<string>,servers:list<int>,webapps:list<int>} */
    public static function seed(Store $store, array $doc, string $adminSecret): array
    {
        return $store->transaction(static function (Store $s) use ($doc, $adminSecret): array {
            $result = ['ok' => true, 'domains' => 0, 'credentials' => [], 'servers' => [], 'webapps' => []];
            foreach (self::listAt($doc, 'credentials') as $i => $credential) {
                $result['credentials'][] = self::credential($s, $credential, "credentials.$i", $adminSecret);
            }
            foreach (self::listAt($doc, 'servers') as $i => $server) {
                $serverId = self::server($s, $server, "servers.$i");
                $result['servers'][] = $serverId;
                foreach (self::listAt($server, 'webapps', "servers.$i.") as $j => $webapp) {
                    $path = "servers.$i.webapps.$j";
                    $webappId = self::webapp($s, $serverId, $webapp, $path);
                    $result['webapps'][] = $webappId;
                    $result['domains'] += self::domains($s, $webappId, $webapp, $path);
                    self::ssl($s, $webappId, $webapp, $path);
                }
            }
            if (isset($doc['config'])) {
                Config::merge($s, is_array($doc['config']) ? $doc['config'] : self::fail('config', 'config must be an object.'));
            }
            return $result;
        });
    }

    private static function credential(Store $s, mixed $c, string $path, string $adminSecret): string
    {
        $isText = static fn ($v): bool => is_string($v) && $v !== '';
        $servers = is_array($c) ? ($c['servers'] ?? null) : null;
        if ($servers !== null && (!is_array($servers) || !array_is_list($servers) || array_filter($servers, 'is_int') !== $servers)) {
            self::fail("$path.servers", 'servers must be a list of server ids.');
        }
        if (is_array($c) && $isText($c['token'] ?? null)) {
            if ($adminSecret !== '' && hash_equals($adminSecret, $c['token'])) {
                self::fail($path, 'A token may not equal the admin secret.');
            }
            $id = Auth::addToken($s, $c['token']);
            Auth::restrict($s, $id, $servers);
            return "token#$id";
        }
        if (is_array($c) && $isText($c['key'] ?? null) && $isText($c['secret'] ?? null)) {
            $id = Auth::addKey($s, $c['key'], $c['secret']);
            Auth::restrict($s, $id, $servers);
            return "key#$id";
        }
        self::fail($path, 'A credential is {"token":"..."} or {"key":"...","secret":"..."}, optionally with "servers":[ids].');
    }

    private static function server(Store $s, mixed $server, string $path): int
    {
        $id = self::optionalId($server, $path);
        return Servers::upsert($s, $id, self::fields($server, Servers::FIELDS, $path));
    }

    private static function webapp(Store $s, int $serverId, mixed $webapp, string $path): int
    {
        $id = self::optionalId($webapp, $path);
        $owner = $id === null ? null : $s->value('SELECT server_id FROM webapps WHERE id = ?', [$id]);
        if ($owner !== null && (int) $owner !== $serverId) {
            self::fail("$path.id", "Web app $id belongs to server $owner.");
        }
        $id = Webapps::upsert($s, $serverId, $id, self::fields($webapp, Webapps::FIELDS, $path));
        if (isset($webapp['advanced_ssl'])) {
            $mode = $webapp['advanced_ssl'];
            $advanced = (bool) ($mode['advancedSSL'] ?? false);
            $s->run('UPDATE webapps SET advanced_ssl = ?, auto_ssl = ? WHERE id = ?', [(int) $advanced, (int) ($advanced && ($mode['autoSSL'] ?? false)), $id]);
        }
        return $id;
    }

    /**
     * The object fields of a server or web app the document sets, each of its default's type
     * (a default of null means an optional string).
     * @param array<string,array{string,mixed}> $map
     */
    private static function fields(array $item, array $map, string $path): array
    {
        $fields = [];
        foreach ($map as $field => [, $default]) {
            if (!array_key_exists($field, $item)) {
                continue;
            }
            $value = $item[$field];
            $ok = match (true) {
                is_bool($default) => is_bool($value),
                is_int($default) => is_int($value) && $value > 0,
                $default === null => $value === null || (is_string($value) && $value !== ''),
                default => is_string($value) && $value !== '',
            };
            if (!$ok) {
                $kind = is_bool($default) ? 'true or false' : (is_int($default) ? 'a positive integer' : 'a non-empty string');
                self::fail("$path.$field", "$field must be $kind.");
            }
            $fields[$field] = $value;
        }
        return $fields;
    }

    /** The primary, the listed domains and the bulk ones; returns how many were new. */
    private static function domains(Store $s, int $webappId, array $webapp, string $path): int
    {
        $added = 0;
        if (isset($webapp['primary'])) {
            $name = self::name($webapp['primary'], "$path.primary");
            $current = $s->value("SELECT name FROM domains WHERE webapp_id = ? AND type = 'primary'", [$webappId]);
            if ($current !== null && $current !== $name) {
                self::fail("$path.primary", "Web app $webappId already has the primary domain $current.");
            }
            $added += Domains::insertMany($s, $webappId, [['name' => $name, 'type' => 'primary']]);
        }
        $listed = [];
        foreach (self::listAt($webapp, 'domains', "$path.") as $k => $domain) {
            $listed[] = self::domain($domain, "$path.domains.$k");
        }
        $added += Domains::insertMany($s, $webappId, $listed);
        if (isset($webapp['bulk'])) {
            $added += Domains::insertMany($s, $webappId, self::bulk($webapp['bulk'], "$path.bulk"));
        }
        return $added;
    }

    /** A listed domain: a name, or an object with the API's add fields. */
    private static function domain(mixed $domain, string $path): array
    {
        if (is_string($domain)) {
            return ['name' => self::name($domain, $path)];
        }
        if (!is_array($domain) || !isset($domain['name'])) {
            self::fail($path, 'A domain is a name or an object with "name".');
        }
        $type = $domain['type'] ?? 'alias';
        $redirection = $domain['redirection'] ?? 'none';
        if (!in_array($type, ['alias', 'redirect'], true) || !in_array($redirection, ['none', 'www', 'non-www'], true)) {
            self::fail($path, 'type is alias or redirect; redirection is none, www or non-www.');
        }
        return [
            'name' => self::name($domain['name'], "$path.name"),
            'type' => $type,
            'www' => (bool) ($domain['www'] ?? false),
            'redirection' => $redirection,
            'wildcard' => (bool) ($domain['wildcard'] ?? false),
        ];
    }

    /** {"count":N,"pattern":"site-%d.test","start":1}: names generated lazily. */
    private static function bulk(mixed $bulk, string $path): \Generator
    {
        $count = $bulk['count'] ?? null;
        $pattern = $bulk['pattern'] ?? 'site-%d.test';
        $start = $bulk['start'] ?? 1;
        if (!is_int($count) || $count < 0 || $count > self::MAX_BULK || !is_int($start)) {
            self::fail("$path.count", 'count must be an integer from 0 to ' . self::MAX_BULK . '; start an integer.');
        }
        if (!is_string($pattern) || substr_count($pattern, '%d') !== 1 || substr_count($pattern, '%') !== 1) {
            self::fail("$path.pattern", 'pattern must contain %d exactly once, and no other %.');
        }
        for ($n = $start; $n < $start + $count; $n++) {
            yield ['name' => self::name(str_replace('%d', (string) $n, $pattern), "$path.pattern")];
        }
    }

    private static function ssl(Store $s, int $webappId, array $webapp, string $path): void
    {
        $ssl = $webapp['ssl'] ?? false;
        if ($ssl === false || Certificates::basic($s, $webappId) !== null) {
            return;
        }
        if ($ssl !== true && !is_array($ssl)) {
            self::fail("$path.ssl", 'ssl is true or an object of settings.');
        }
        $settings = is_array($ssl) ? [
            'method' => $ssl['provider'] ?? 'letsencrypt',
            'enable_http' => (bool) ($ssl['enableHttp'] ?? false),
            'enable_hsts' => (bool) ($ssl['enableHsts'] ?? false),
            'authorization_method' => $ssl['authorizationMethod'] ?? 'http-01',
            'staging' => ($ssl['environment'] ?? 'live') === 'staging',
            'api_id' => $ssl['externalApi'] ?? null,
        ] : [];
        // Seeded certificates bypass the authority (no order, nothing counted): they are the past.
        $config = Config::load($s);
        $validity = Certificates::outsideValidity();
        if (($settings['method'] ?? 'letsencrypt') === 'letsencrypt') {
            $until = Clock::now() + $config['ca_validity_days'] * 86400;
            $validity = [$until, Authority::renewalDate($config, $until)];
        }
        Certificates::install($s, $webappId, null, $settings, Domains::webappCertificateNames($s, $webappId), $validity);
    }

    private static function name(mixed $name, string $path): string
    {
        $clean = is_string($name) ? DomainName::normalise($name) : null;
        return $clean ?? self::fail($path, 'Not a valid domain name: ' . json_encode($name));
    }

    private static function listAt(mixed $parent, string $key, string $prefix = ''): array
    {
        $list = is_array($parent) ? ($parent[$key] ?? []) : [];
        if (!is_array($list) || !array_is_list($list)) {
            self::fail($prefix . $key, "$key must be a list.");
        }
        return $list;
    }

    private static function optionalId(mixed $item, string $path): ?int
    {
        if (!is_array($item)) {
            self::fail($path, 'Must be an object.');
        }
        $id = $item['id'] ?? null;
        if ($id !== null && (!is_int($id) || $id < 1)) {
            self::fail("$path.id", 'id must be a positive integer.');
        }
        return $id;
    }

    private static function fail(string $path, string $message): never
    {
        throw new BadInput([$path => [$message]], 'The seed document is invalid.');
    }
}
