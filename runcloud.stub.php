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

        public function ping(): bool {}

        /** @return list<Domain> every domain of the web app, all pages */
        public function listDomains(): array {}

        public function findDomain(string $name): ?Domain {}

        public function addDomain(string $name, bool $www = false, string $redirection = "none", string $type = "alias"): Domain {}

        /** @return bool true: removed; false: it was not there */
        public function removeDomain(string $name): bool {}

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

        /** @return array{limit: int, remaining: int}|null the X-RateLimit figures of the last answer */
        public function rateLimit(): ?array {}
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

    /** fromConstants() with missing or bad constants. */
    final class ConfigurationException extends \LogicException implements Exception {}
}
