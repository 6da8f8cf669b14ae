<?php
/**
 * Background jobs: Action Scheduler when it is there, WP-Cron otherwise.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Jobs;

defined( 'ABSPATH' ) || exit;

/**
 * A small queue over Action Scheduler (bundled with Ultimate Multisite, whose failed jobs show in the
 * admin) with WP-Cron as the fallback when Action Scheduler is not loaded.
 */
final class Queue {

	const GROUP = 'runcloud';

	/**
	 * Whether Action Scheduler's API is available.
	 *
	 * @return bool
	 */
	public function uses_action_scheduler() {
		$use = function_exists( 'as_schedule_single_action' ) && function_exists( 'as_next_scheduled_action' );

		return (bool) apply_filters( 'wu_runcloud_use_action_scheduler', $use );
	}

	/**
	 * Runs $hook with $args in about $delay seconds.
	 *
	 * @param int    $delay Seconds from now (0: as soon as possible).
	 * @param string $hook  Action.
	 * @param array  $args  Positional arguments.
	 * @return void
	 */
	public function schedule( $delay, $hook, array $args = array() ) {
		$when = time() + max( 0, (int) $delay );

		if ( $this->uses_action_scheduler() ) {
			if ( $delay <= 0 && function_exists( 'as_enqueue_async_action' ) ) {
				as_enqueue_async_action( $hook, $args, self::GROUP );
			} else {
				as_schedule_single_action( $when, $hook, $args, self::GROUP );
			}
			return;
		}

		wp_schedule_single_event( $when, $hook, $args );
	}

	/**
	 * Timestamp of the next run of $hook with exactly $args, true when one is running, false if none.
	 *
	 * @param string $hook Action.
	 * @param array  $args Arguments.
	 * @return int|bool
	 */
	public function next( $hook, array $args = array() ) {
		if ( $this->uses_action_scheduler() ) {
			return as_next_scheduled_action( $hook, $args, self::GROUP );
		}

		return wp_next_scheduled( $hook, $args );
	}

	/**
	 * Whether a run of $hook with $args is pending.
	 *
	 * @param string $hook Action.
	 * @param array  $args Arguments.
	 * @return bool
	 */
	public function is_scheduled( $hook, array $args = array() ) {
		return false !== $this->next( $hook, $args );
	}

	/**
	 * Whether a run of $hook with $args is waiting to start (the run in progress, if any, does not
	 * count: a job that queues its own next look must not see itself).
	 *
	 * @param string $hook Action.
	 * @param array  $args Arguments.
	 * @return bool
	 */
	public function is_waiting( $hook, array $args = array() ) {
		if ( $this->uses_action_scheduler() ) {
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

		return false !== wp_next_scheduled( $hook, $args );
	}

	/**
	 * Makes sure $hook runs every $interval seconds.
	 *
	 * @param int    $interval Seconds.
	 * @param string $hook     Action.
	 * @return void
	 */
	public function ensure_recurring( $interval, $hook ) {
		if ( $this->uses_action_scheduler() && function_exists( 'as_schedule_recurring_action' ) ) {
			if ( false === as_next_scheduled_action( $hook, array(), self::GROUP ) ) {
				as_schedule_recurring_action( time() + $interval, $interval, $hook, array(), self::GROUP );
			}
			return;
		}

		if ( false === wp_next_scheduled( $hook ) ) {
			wp_schedule_event( time() + $interval, $interval >= DAY_IN_SECONDS ? 'daily' : 'hourly', $hook );
		}
	}

	/**
	 * Cancels every pending run of $hook.
	 *
	 * @param string $hook Action.
	 * @return void
	 */
	public function unschedule_all( $hook ) {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( $hook, array(), self::GROUP );
		}
		wp_clear_scheduled_hook( $hook );

		// wp_clear_scheduled_hook() only matches one set of arguments; retries carry several.
		$crons = _get_cron_array();
		if ( ! is_array( $crons ) ) {
			return;
		}
		foreach ( $crons as $timestamp => $hooks ) {
			if ( empty( $hooks[ $hook ] ) ) {
				continue;
			}
			foreach ( $hooks[ $hook ] as $event ) {
				wp_unschedule_event( $timestamp, $hook, $event['args'] );
			}
		}
	}
}
