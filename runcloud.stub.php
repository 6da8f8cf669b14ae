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

    /** A failure of one HTTP request: which one, and whether it reached RunCloud. */
    interface RequestException extends Exception
    {
        /** The method sent: "GET", "POST", "PUT", "PATCH", "DELETE". */
        public function getMethod(): string;

        /** The path under the API base as sent, without the query, e.g. "/servers/1/webapps/2/domains". */
        public function getPath(): string;

        /** False: nothing reached RunCloud, so sending the request again cannot apply it twice. */
        public function wasSent(): bool;
    }

    /** RunCloud answered with a non-2xx status; the code is that status. */
    class ApiException extends \RuntimeException implements RequestException
    {
        /** @var array<string, list<string>> */
        private array $errors = [];
        private string $apiMessage = '';
        private string $method = '';
        private string $path = '';
        private bool $sent = true;

        public function getStatusCode(): int {}

        /** RunCloud's own `message` from the answer's body; '' when it gave none. */
        public function getApiMessage(): string {}

        /** @return array<string, list<string>> RunCloud's `errors`, field => messages */
        public function getErrors(): array {}

        public function getMethod(): string {}

        public function getPath(): string {}

        public function wasSent(): bool {}
    }

    /** 401 or 403. */
    final class AuthenticationException extends ApiException {}

    /** 404, answered by RunCloud. */
    final class NotFoundException extends ApiException {}

    /** 422, answered by RunCloud. */
    final class ValidationException extends ApiException {}

    /** 429, answered by RunCloud. */
    final class RateLimitException extends ApiException
    {
        private ?int $retryAfter = null;

        /** RunCloud's Retry-After in seconds; null when it gave none that could be read. */
        public function getRetryAfter(): ?int {}
    }

    /** 5xx and any other unexpected status. */
    final class ServerException extends ApiException {}

    /** libcurl failed (DNS, connect, TLS, timeout, connection dropped); the code is the CURLcode. */
    final class TransportException extends \RuntimeException implements RequestException
    {
        private string $method = '';
        private string $path = '';
        private bool $sent = false;

        public function getMethod(): string {}

        public function getPath(): string {}

        /** False when it failed before the request went out (DNS, connect, TLS handshake). */
        public function wasSent(): bool {}
    }

    /** A redirect, a body that is not JSON, or JSON of the wrong shape. */
    final class UnexpectedResponseException extends \UnexpectedValueException implements RequestException
    {
        private string $method = '';
        private string $path = '';
        private bool $sent = true;

        public function getMethod(): string {}

        public function getPath(): string {}

        public function wasSent(): bool {}
    }

    /**
     * Never sent: the client's own pacing or a remembered Retry-After would hold the request past the call's
     * deadline. The code is 0.
     */
    final class ThrottledException extends \RuntimeException implements RequestException
    {
        private string $method = '';
        private string $path = '';
        private bool $sent = false;
        private int $retryAfter = 0;

        public function getMethod(): string {}

        public function getPath(): string {}

        public function wasSent(): bool {}

        /** Seconds until the request could go (0 or more, rounded up). */
        public function getRetryAfter(): int {}
    }

    /**
     * A per-domain certificate call refused by the client because the web app is in basic SSL mode (the
     * client's own decision from sslMode(); nothing sent).
     */
    final class SslModeException extends \RuntimeException implements Exception {}

    /** A domain given by name is not among the web app's domains (the listing said so; nothing else was sent). */
    final class DomainNotFoundException extends \RuntimeException implements Exception
    {
        private string $domain = '';

        /** The name looked for, normalised. */
        public function getDomain(): string {}
    }

    /**
     * A call refused because the client, or another client on the same connections, is in the middle of
     * one: PHP code (a logger) called back into it.
     */
    final class BusyException extends \LogicException implements Exception {}

    /** fromConstants() with missing or bad constants. */
    final class ConfigurationException extends \LogicException implements Exception {}
}
