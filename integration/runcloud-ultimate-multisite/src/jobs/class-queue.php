<?php
/**
 * Background jobs: Action Scheduler when it is there, WP-Cron otherwise.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Jobs;

defined( 'ABSPATH' ) || exit;

/**
 * A small queue over Action Scheduler (bundled with Ultimate Multisite, whose failed jobs show in the admin) with WP-Cron as the
 * fallback when Action Scheduler is not loaded.
 */
final class Queue {

	const GROUP = 'runcloud';

	/** Whether Action Scheduler's API is available. */
	public function uses_action_scheduler(): bool {
		$use = function_exists( 'as_schedule_single_action' ) && function_exists( 'as_next_scheduled_action' );
		return (bool) apply_filters( 'wu_runcloud_use_action_scheduler', $use );
	}

	/**
	 * Runs $hook with $args in about $delay seconds (0: as soon as possible).
	 *
	 * @param int          $delay Seconds from now.
	 * @param string       $hook  Action.
	 * @param array<mixed> $args  Positional arguments.
	 */
	public function schedule( int $delay, string $hook, array $args = array() ): void {
		$when = time() + max( 0, $delay );
		if ( ! $this->uses_action_scheduler() ) {
			wp_schedule_single_event( $when, $hook, $args );
		} elseif ( $delay <= 0 && function_exists( 'as_enqueue_async_action' ) ) {
			as_enqueue_async_action( $hook, $args, self::GROUP );
		} else {
			as_schedule_single_action( $when, $hook, $args, self::GROUP );
		}
	}

	/**
	 * Timestamp of the next run of $hook with exactly $args, true when one is running, false if none.
	 *
	 * @param string       $hook Action.
	 * @param array<mixed> $args Arguments.
	 */
	public function next( string $hook, array $args = array() ): int|bool {
		return $this->uses_action_scheduler() ? as_next_scheduled_action( $hook, $args, self::GROUP ) : wp_next_scheduled( $hook, $args );
	}

	/**
	 * Whether a run of $hook with $args is pending or running.
	 *
	 * @param string       $hook Action.
	 * @param array<mixed> $args Arguments.
	 */
	public function is_scheduled( string $hook, array $args = array() ): bool {
		return false !== $this->next( $hook, $args );
	}

	/**
	 * Whether a run of $hook with $args is waiting to start (the run in progress, if any, does not count: a job that queues its
	 * own next look must not see itself).
	 *
	 * @param string       $hook Action.
	 * @param array<mixed> $args Arguments.
	 */
	public function is_waiting( string $hook, array $args = array() ): bool {
		if ( ! $this->uses_action_scheduler() ) {
			return false !== wp_next_scheduled( $hook, $args );
		}
		return (bool) as_get_scheduled_actions(
			array(
				'hook'     => $hook,
				'args'     => $args,
				'group'    => self::GROUP,
				'status'   => \ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 1,
			),
			'ids'
		);
	}

	/**
	 * Makes sure $hook runs every $interval seconds.
	 *
	 * @param int    $interval Seconds.
	 * @param string $hook     Action.
	 */
	public function ensure_recurring( int $interval, string $hook ): void {
		if ( $this->uses_action_scheduler() && function_exists( 'as_schedule_recurring_action' ) ) {
			if ( false === as_next_scheduled_action( $hook, array(), self::GROUP ) ) {
				as_schedule_recurring_action( time() + $interval, $interval, $hook, array(), self::GROUP );
			}
		} elseif ( false === wp_next_scheduled( $hook ) ) {
			wp_schedule_event( time() + $interval, $interval >= DAY_IN_SECONDS ? 'daily' : 'hourly', $hook );
		}
	}

	/**
	 * Cancels every pending run of $hook, whatever its arguments.
	 *
	 * @param string $hook Action.
	 */
	public function unschedule_all( string $hook ): void {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( $hook, array(), self::GROUP );
		}
		// wp_clear_scheduled_hook() only matches one set of arguments; retries carry several.
		foreach ( (array) _get_cron_array() as $timestamp => $hooks ) {
			foreach ( $hooks[ $hook ] ?? array() as $event ) {
				wp_unschedule_event( (int) $timestamp, $hook, $event['args'] );
			}
		}
	}
}
