<?php
/**
 * Jobs live in Ultimate Multisite's own Action Scheduler, and run with its own queue runner: the
 * daily reconcile is scheduled by an ordinary request (no "doing it wrong" notice, which run.sh
 * turns into a failure) and runs; retries and redeploys are actions of group "runcloud". And no
 * credential is anywhere in the database, checked on a full mariadb-dump.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'the daily reconcile is scheduled in Action Scheduler by a request, and runs',
	function () {
		$boot = array_values( array_filter( $GLOBALS['rci_boot_jobs'], static function ( $job ) {
			return 'wu_runcloud_reconcile' === $job[1];
		} ) );
		eq( 1, count( $boot ), 'reconcile jobs after an ordinary request' );
		// reset_world() emptied the queue: schedule it again as a request does on action_scheduler_init.
		plugin()->reconciler->schedule();
		$action = as_get_scheduled_actions( array( 'hook' => 'wu_runcloud_reconcile', 'status' => 'pending', 'group' => 'runcloud' ) );
		eq( 1, count( $action ), 'pending reconcile in group runcloud' );
		$schedule = reset( $action )->get_schedule();
		ok( $schedule instanceof ActionScheduler_IntervalSchedule, 'recurring schedule: ' . get_class( $schedule ) );
		eq( DAY_IN_SECONDS, (int) $schedule->get_recurrence(), 'interval' );

		Sandbox::seed( array( 'domains' => array( 'orphan.example.com' ) ) );
		UM::make_due( 'wu_runcloud_reconcile', 2 * DAY_IN_SECONDS );
		$ran = array_values( array_filter( UM::run(), static function ( $r ) {
			return 'wu_runcloud_reconcile' === $r['hook'];
		} ) );
		eq( 1, count( $ran ), 'reconcile runs' );
		eq( 'complete', $ran[0]['status'], 'reconcile status: ' . $ran[0]['message'] );
		ok( null === Sandbox::domain( 'orphan.example.com' ), 'the reconcile did not remove the orphan alias' );
		eq( 1, count( as_get_scheduled_actions( array( 'hook' => 'wu_runcloud_reconcile', 'status' => 'pending' ) ) ), 'next reconcile queued' );
	}
);

t(
	'a lasting 500 is logged at ERROR and queues a retry in group runcloud',
	function () {
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 500, 'body' => '{"message":"Server Error"}', 'count' => 100 ) );
		UM::create_domain( 'busy.example.com', 1 );
		um_run();
		contains( 'HTTP 500', implode( "\n", log_lines( 'error' ) ), 'ERROR line' );
		$retry = as_get_scheduled_actions( array( 'hook' => 'wu_runcloud_retry', 'status' => 'pending', 'group' => 'runcloud' ) );
		eq( 1, count( $retry ), 'retry queued in Action Scheduler' );
	}
);

t(
	'a 401 is an ERROR line with status and RunCloud\'s message, and the job is marked failed',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 401, 'body' => '{"message":"Unauthenticated."}', 'count' => 5 ) );
		UM::create_domain( 'unauth.example.com', 1 );
		um_run();
		eq( array( 'failed' ), UM::statuses( 'wu_add_domain' ), 'wu_add_domain job status in Action Scheduler' );
		$errors = implode( "\n", log_lines( 'error' ) );
		contains( 'HTTP 401', $errors, 'status' );
		contains( 'Unauthenticated.', $errors, 'RunCloud\'s message' );

		// The plugin's admin page shows the last failures and links to the log.
		wp_set_current_user( 1 );
		require_once ABSPATH . 'wp-admin/includes/admin.php'; // What an admin page has loaded.
		ob_start();
		plugin()->admin()->page->render();
		$html = ob_get_clean();
		contains( 'Unauthenticated.', $html, 'last failure on the admin page' );
		contains( 'page=wp-ultimo-view-logs', $html, 'link to the log' );
		contains( 'integration-runcloud.log', $html, 'link to the log file' );
	}
);

t(
	'no token or secret anywhere: logs, options, Action Scheduler tables, a full database dump',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 401, 'body' => '{"message":"Unauthenticated. token rci-token-7Hq2xPz9"}', 'count' => 2 ) );
		UM::create_domain( 'leak.example.com', 1 );
		um_run();
		Sandbox::seed();
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}', 'count' => 1 ) );
		UM::create_domain( 'retry.example.com', 1 );
		um_run();
		run_jobs( 3600 );
		wizard_test();

		$dump = shell_exec( 'mariadb-dump --no-defaults -S ' . escapeshellarg( getenv( 'RCI_DB_SOCKET' ) ) . ' -uroot --skip-comments ' . escapeshellarg( DB_NAME ) . ' 2>&1' );
		ok( strlen( (string) $dump ) > 10000, 'the dump is empty: ' . substr( (string) $dump, 0, 200 ) );
		contains( 'wu_runcloud_', $dump, 'the dump holds the plugin\'s jobs' );
		$logs = '';
		foreach ( glob( WP_CONTENT_DIR . '/uploads/wu-logs/*.log' ) as $file ) {
			$logs .= file_get_contents( $file );
		}
		contains( 'HTTP 401', $logs, 'the logs hold the failure' );
		foreach ( array( 'rci-token-7Hq2xPz9', 'rci-key-4Fw8Lm', 'rci-secret-9Tz3Vb' ) as $secret ) {
			not_contains( $secret, $dump, 'credential in the database dump' );
			not_contains( $secret, $logs, 'credential in the logs' );
		}
	}
);

run_tests();
