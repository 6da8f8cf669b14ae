<?php
/**
 * How a failure is described and whether it is worth retrying.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\RunCloud;

defined( 'ABSPATH' ) || exit;

/**
 * Classification of the extension's exceptions.
 */
final class Errors {

	/**
	 * Transient failures: RunCloud asked us to slow down, RunCloud itself failed, the network failed,
	 * or an answer arrived broken (a proxy cut it). Trying again later can succeed.
	 * Everything else (401/403 credentials, 404 wrong ids, 422 invalid data) fails the same way again.
	 *
	 * @param \Throwable $e Failure.
	 * @return bool
	 */
	public static function is_transient( \Throwable $e ) {
		return $e instanceof \RunCloud\RateLimitException
			|| $e instanceof \RunCloud\ThrottledException
			|| $e instanceof \RunCloud\ServerException
			|| $e instanceof \RunCloud\TransportException
			|| $e instanceof \RunCloud\UnexpectedResponseException;
	}

	/**
	 * Whether the call was never sent because RunCloud's rate limit held it: a 429 (RunCloud's, or
	 * the client's own when a remembered Retry-After outlasts the call), or a start that the client's
	 * pacing near the end of the budget would have held past the call's timeout (a timeout "before
	 * this request could start", as the extension documents it). Waiting, not retrying less, is the
	 * answer to both.
	 *
	 * @param \Throwable $e Failure.
	 * @return bool
	 */
	public static function is_rate_limited( \Throwable $e ) {
		if ( $e instanceof \RunCloud\RateLimitException || $e instanceof \RunCloud\ThrottledException ) {
			return true;
		}

		return $e instanceof \RunCloud\TransportException && 28 === (int) $e->getCode() && false !== strpos( $e->getMessage(), 'before this request could start' );
	}

	/**
	 * Seconds RunCloud asked us to wait (Retry-After), or null.
	 *
	 * @param \Throwable $e Failure.
	 * @return int|null
	 */
	public static function retry_after( \Throwable $e ) {
		if ( $e instanceof \RunCloud\RateLimitException ) {
			$after = $e->getRetryAfter();

			return null === $after ? null : max( 0, (int) $after );
		}
		if ( $e instanceof \RunCloud\ThrottledException ) {
			return $e->getRetryAfter();
		}

		return null;
	}

	/**
	 * RunCloud's own message of an API error, without the request line the client puts before it.
	 *
	 * @param \RunCloud\ApiException $e Failure.
	 * @return string
	 */
	public static function api_message( $e ) {
		$message = (string) $e->getMessage();
		if ( preg_match( '/failed with HTTP \d+: (.*)$/s', $message, $m ) ) {
			return trim( $m[1] );
		}

		return $message;
	}

	/**
	 * One line saying what went wrong: the HTTP status and RunCloud's message and field errors,
	 * or the network error. The extension never puts a credential in these.
	 *
	 * @param \Throwable $e Failure.
	 * @return string
	 */
	public static function describe( \Throwable $e ) {
		if ( $e instanceof \RunCloud\ApiException ) {
			$text = sprintf( 'HTTP %d: %s', $e->getStatusCode(), self::api_message( $e ) );
			if ( preg_match( '/^RunCloud API (\S+) (\S+) failed/', $e->getMessage(), $m ) ) {
				$text = sprintf( 'HTTP %d on %s %s: %s', $e->getStatusCode(), $m[1], $m[2], self::api_message( $e ) );
			}
			$fields = array();
			foreach ( (array) $e->getErrors() as $field => $messages ) {
				$fields[] = $field . ': ' . implode( ' ', (array) $messages );
			}
			if ( $fields ) {
				$text .= ' (' . implode( '; ', $fields ) . ')';
			}

			return $text;
		}

		if ( $e instanceof \RunCloud\TransportException ) {
			return sprintf( 'network error (curl %d): %s', $e->getCode(), $e->getMessage() );
		}

		if ( $e instanceof \RunCloud\UnexpectedResponseException ) {
			return 'unexpected answer: ' . $e->getMessage();
		}

		if ( $e instanceof \RunCloud\ConfigurationException ) {
			return 'configuration: ' . $e->getMessage();
		}

		return get_class( $e ) . ': ' . $e->getMessage();
	}
}
