<?php

/**
 * IDE stub and the source of runcloud_arginfo.h (regenerated with PHP's build/gen_stub.php).
 *
 * @generate-class-entries
 * @generate-legacy-arginfo 80200
 */

namespace RunCloud {

    /**
     * A RunCloud API client bound to one web app of one server.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Client
    {
        /**
         * The extension's version.
         * @var string
         * @cvalue PHP_RUNCLOUD_VERSION
         */
        public const VERSION = UNKNOWN;

        public function __construct(#[\SensitiveParameter] string $token, int $serverId, int $webAppId, array $options = []) {}

        /** Legacy v2 "personal space" credentials, sent as HTTP Basic. */
        public static function withApiKey(#[\SensitiveParameter] string $apiKey, #[\SensitiveParameter] string $apiSecret, int $serverId, int $webAppId, array $options = []): Client {}

        /** Reads WU_RUNCLOUD_API_TOKEN (or _API_KEY and _API_SECRET), _SERVER_ID, _APP_ID and the optional _API_URL. */
        public static function fromConstants(array $options = []): Client {}

        /**
         * A domain name the way the client sends it: lower case, one trailing dot dropped, IDN to punycode
         * (UTS #46, non-transitional), "*." allowed as the first label. A ValueError says why otherwise.
         */
        public static function normalizeDomain(string $name): string {}

        public function ping(): bool {}

        /** @return list<Domain> every domain of the web app, all pages */
        public function listDomains(): array {}

        public function findDomain(string $name): ?Domain {}

        public function addDomain(string $name, bool $www = false, string $redirection = "none", string $type = "alias"): Domain {}

        /**
         * By name (a lookup, then DELETE), or by a known id or RunCloud\Domain (one DELETE; a 404 falls back to
         * the name lookup when the name is known). The parameter keeps its old name for named arguments.
         * @return bool true: removed; false: it was not there
         */
        public function removeDomain(string|int|Domain $name): bool {}

        /** The web app's basic certificate, or null when it has none. */
        public function ssl(): ?Ssl {}

        public function installSsl(array $settings = []): Ssl {}

        /** Re-issues the basic certificate for all current names; false when there is no certificate. */
        public function redeploySsl(): bool {}

        /** @param string[] $names */
        public function addDomains(array $names, array $options = []): SyncResult {}

        /** @param string[] $names */
        public function removeDomains(array $names, array $options = []): SyncResult {}

        /**
         * Makes the web app's aliases match $names.
         * @param string[] $names
         */
        public function syncDomains(array $names, array $options = []): SyncResult {}

        /** @return list<array<string, mixed>> every server the credential sees, all pages of GET /servers */
        public function listServers(): array {}

        /** @return list<array<string, mixed>> every web app of the server (default: the client's), all pages */
        public function listWebApps(?int $serverId = null): array {}

        /**
         * Any route of the API: $path is under the base URL (e.g. "/servers/1/databases"), $query is sent as
         * the query string, $body as JSON. Returns the decoded answer as PHP arrays and scalars ([] for {} or
         * an empty body); a non-2xx answer throws like every other method.
         */
        public function request(string $method, string $path, ?array $body = null, array $query = []): mixed {}

        /** @return list<mixed> the items of "data" of every page of a paginated listing, each id once */
        public function listAll(string $path, array $query = []): array {}

        /** @return array{limit: int, remaining: int|null}|null the rate limit, and what the last answer said is left of it (null: nothing readable); null before any answer gave a limit */
        public function rateLimit(): ?array {}

        /** @return array{advanced: bool, autoSsl: bool} the web app's SSL mode: advanced = one certificate per domain */
        public function sslMode(): array {}

        /** Switches basic/advanced SSL (every certificate is kept; only the mode's own are served). */
        public function setSslMode(bool $advanced, bool $autoSsl = false): void {}

        /** The domain's own certificate (advanced SSL), or null when it has none or the domain is unknown. */
        public function domainSsl(string|int|Domain $domain): ?Ssl {}

        /**
         * Issues the domain's own certificate (the web app must be in advanced SSL); settings as installSsl().
         * When RunCloud answers {}, the Ssl is what was asked for, with id 0 and no dates (domainSsl() reads them).
         */
        public function installDomainSsl(string|int|Domain $domain, array $settings = []): Ssl {}

        /** Re-issues the domain's certificate for its current names; false when it has none. */
        public function redeployDomainSsl(string|int|Domain $domain): bool {}

        /** @return bool true: the domain's certificate was removed; false: it had none */
        public function removeDomainSsl(string|int|Domain $domain): bool {}
    }

    /** @strict-properties */
    final class Domain
    {
        public readonly int $id;
        public readonly string $name;
        public readonly string $type;
        public readonly bool $www;
        public readonly string $redirection;
        public readonly bool $wildcard;
        public readonly ?string $dnsIntegration;
        public readonly ?string $status;
        public readonly ?string $createdAt;

        private function __construct() {}
    }

    /** @strict-properties */
    final class Ssl
    {
        public readonly int $id;
        public readonly ?string $method;
        public readonly bool $enableHttp;
        public readonly bool $enableHsts;
        public readonly ?string $authorizationMethod;
        public readonly bool $staging;
        public readonly ?string $validUntil;
        public readonly ?string $renewalDate;
        public readonly ?string $createdAt;

        private function __construct() {}
    }

    /** @strict-properties */
    final class SyncResult
    {
        /** @var list<string> names added, or that a dry run would add */
        public readonly array $added;
        /** @var list<string> */
        public readonly array $removed;
        /** @var list<string> */
        public readonly array $unchanged;
        /** @var array<string, Exception> */
        public readonly array $failed;
        public readonly bool $dryRun;

        private function __construct() {}
    }

    interface Exception extends \Throwable {}

    /** A non-2xx answer from RunCloud; the code is the HTTP status. */
    class ApiException extends \RuntimeException implements Exception
    {
        private array $errors = [];

        public function getStatusCode(): int {}

        /** @return array<string, list<string>> RunCloud's `errors`, field => messages */
        public function getErrors(): array {}
    }

    /** 401 or 403. */
    final class AuthenticationException extends ApiException {}

    /** 404. */
    final class NotFoundException extends ApiException {}

    /** 422. */
    final class ValidationException extends ApiException {}

    /** 429. */
    final class RateLimitException extends ApiException
    {
        private ?int $retryAfter = null;

        public function getRetryAfter(): ?int {}
    }

    /** 5xx and any other unexpected status. */
    final class ServerException extends ApiException {}

    /** DNS, connect, TLS, timeout; the code is the CURLcode. */
    final class TransportException extends \RuntimeException implements Exception {}

    /** A redirect, a body that is not JSON, or JSON of the wrong shape. */
    final class UnexpectedResponseException extends \UnexpectedValueException implements Exception {}

    /**
     * A call refused because the client, or another client on the same connections, is in the middle of
     * one: PHP code (a logger) called back into it.
     */
    final class BusyException extends \LogicException implements Exception {}

    /** fromConstants() with missing or bad constants. */
    final class ConfigurationException extends \LogicException implements Exception {}
}
