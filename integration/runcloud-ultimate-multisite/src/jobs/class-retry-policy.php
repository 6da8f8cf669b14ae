<?php
/**
 * What happens after a failed RunCloud call.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Jobs;

use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Logs every failure at ERROR, retries transient ones later with exponential backoff, and turns permanent ones (and transient
 * ones that kept failing) into a failed job.
 */
final class Retry_Policy {

	/**
	 * Builds the policy.
	 *
	 * @param Logger $logger Logger.
	 */
	public function __construct( private readonly Logger $logger ) {}

	/** Attempts before giving up (the first try included). */
	public function max_attempts(): int {
		return max( 1, (int) apply_filters( 'wu_runcloud_max_attempts', 6 ) );
	}

	/**
	 * Delay before retry number $attempt (1 = first retry): 1, 2, 4, 8... minutes, capped at an hour, plus up to 10% jitter so
	 * that many failed jobs do not come back in the same second; never sooner than RunCloud's Retry-After.
	 *
	 * @param int      $attempt     Retry number, from 1.
	 * @param int|null $retry_after Seconds RunCloud asked for.
	 */
	public function delay( int $attempt, ?int $retry_after = null ): int {
		$base  = (int) apply_filters( 'wu_runcloud_retry_base_delay', 60 );
		$delay = (int) min( HOUR_IN_SECONDS, $base * ( 2 ** max( 0, $attempt - 1 ) ) );
		$delay = $delay + wp_rand( 0, intdiv( $delay, 10 ) );
		return max( $delay, (int) $retry_after );
	}

	/**
	 * Handles one failure; returns only when a retry was scheduled.
	 *
	 * @param string                   $what       What was attempted, e.g. "add domain shop.example.com".
	 * @param \Throwable               $e          The failure.
	 * @param int                      $attempt    Attempts made before this one (0 on the first try).
	 * @param callable(int, int): void $reschedule Queues the retry, given the delay and the next attempt.
	 * @throws Job_Failed_Exception When the failure is permanent or retries are exhausted.
	 */
	public function handle( string $what, \Throwable $e, int $attempt, callable $reschedule ): void {
		$reason = Errors::describe( $e );
		$next   = $attempt + 1;

		if ( Errors::is_transient( $e ) && $next < $this->max_attempts() ) {
			$delay = $this->delay( $next, Errors::retry_after( $e ) );
			$reschedule( $delay, $next );
			$this->logger->error( sprintf( 'Could not %s: %s. Retry %d of %d in %d s.', $what, $reason, $next, $this->max_attempts() - 1, $delay ) );
			return;
		}

		$message = Errors::is_transient( $e )
			? sprintf( 'Could not %s: %s. Giving up after %d attempts.', $what, $reason, $next )
			: sprintf( 'Could not %s: %s.', $what, $reason );
		$this->logger->error( $message );

		throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a job's message, not HTML.
	}
}
