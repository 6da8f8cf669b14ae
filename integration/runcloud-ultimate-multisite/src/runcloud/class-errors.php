<?php
/**
 * How a failure is described and whether it is worth retrying.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\RunCloud;

use RunCloud\ApiException;
use RunCloud\DomainNotFoundException;
use RunCloud\RateLimitException;
use RunCloud\RequestException;
use RunCloud\SslModeException;
use RunCloud\ThrottledException;
use RunCloud\TransportException;

defined( 'ABSPATH' ) || exit;

/**
 * Classification of the extension's exceptions, by class and getters only: the extension's wording may change without changing
 * what the plugin does.
 */
final class Errors {

	/**
	 * Transient failures: RunCloud asked us to slow down or the client held the call for it, RunCloud itself failed, the network
	 * failed, or an answer arrived broken (a proxy cut it). Trying again later can succeed. Everything else (401/403 credentials,
	 * 404 wrong ids, 422 invalid data, basic SSL mode, a name RunCloud does not have) fails the same way again.
	 *
	 * @param \Throwable $e Failure.
	 */
	public static function is_transient( \Throwable $e ): bool {
		return self::is_rate_limited( $e )
			|| $e instanceof \RunCloud\ServerException
			|| $e instanceof TransportException
			|| $e instanceof \RunCloud\UnexpectedResponseException;
	}

	/**
	 * Whether RunCloud's rate limit stopped the call: its 429, or the client's refusal to send a request its pacing or a
	 * remembered Retry-After would hold past the call's deadline. Waiting, not retrying less, is the answer to both.
	 *
	 * @param \Throwable $e Failure.
	 */
	public static function is_rate_limited( \Throwable $e ): bool {
		return $e instanceof RateLimitException || $e instanceof ThrottledException;
	}

	/**
	 * Seconds to wait before the call can go (RunCloud's Retry-After, or the client's hold), or null.
	 *
	 * @param \Throwable $e Failure.
	 */
	public static function retry_after( \Throwable $e ): ?int {
		$after = $e instanceof RateLimitException || $e instanceof ThrottledException ? $e->getRetryAfter() : null;
		return null === $after ? null : max( 0, $after );
	}

	/**
	 * One line saying what went wrong: the HTTP status, the request and RunCloud's message and field errors, or the network
	 * error, or why the client sent nothing. The extension never puts a credential in these.
	 *
	 * @param \Throwable $e Failure.
	 */
	public static function describe( \Throwable $e ): string {
		$request = $e instanceof RequestException ? sprintf( ' on %s %s%s', $e->getMethod(), $e->getPath(), $e->wasSent() ? '' : ' (not sent)' ) : '';

		if ( $e instanceof ApiException ) {
			$fields = array();
			foreach ( $e->getErrors() as $field => $messages ) {
				$fields[] = $field . ': ' . implode( ' ', $messages );
			}

			return sprintf( 'HTTP %d%s: %s', $e->getStatusCode(), $request, $e->getApiMessage() ) . ( $fields ? ' (' . implode( '; ', $fields ) . ')' : '' );
		}
		return match ( true ) {
			$e instanceof ThrottledException => sprintf( 'held by the rate limit%s: it could go in %d s', $request, $e->getRetryAfter() ),
			$e instanceof TransportException => sprintf( 'network error (curl %d)%s: %s', $e->getCode(), $request, $e->getMessage() ),
			$e instanceof RequestException => sprintf( 'unexpected answer%s: %s', $request, $e->getMessage() ),
			$e instanceof SslModeException => 'refused by the client: the web app is in basic SSL mode (nothing sent)',
			$e instanceof DomainNotFoundException => sprintf( '%s is not among the web app\'s domains', $e->getDomain() ),
			$e instanceof \RunCloud\ConfigurationException => 'configuration: ' . $e->getMessage(),
			$e instanceof Not_Ready_Exception => $e->getMessage(),
			default => get_class( $e ) . ': ' . $e->getMessage(),
		};
	}
}
