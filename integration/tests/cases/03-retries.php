<?php
/**
 * Transient failures are retried later with backoff; permanent ones fail the job.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'defect 8: a 500 on add is logged, retried later with growing delays, and the domain arrives',
	function () {
		// Three failing answers (the client's one quick in-call retry absorbs one per job run).
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 500, 'body' => '{"message":"Server Error"}', 'count' => 4 ) );
		$before = time();
		list( , $actions ) = UM::create_domain( 'flaky.example.com', 1 );
		$results = um_run( $actions );
		eq( 'complete', $results[0]['status'], 'a transient failure hands over to a retry, the job itself completes' );

		$jobs = jobs();
		eq( 1, count( $jobs ), 'one retry queued' );
		eq( 'wu_runcloud_retry', $jobs[0][1], 'retry hook' );
		eq( array( 'add-domain', 'flaky.example.com', 1, 1 ), $jobs[0][2], 'retry arguments' );
		$first_delay = $jobs[0][0] - $before;
		ok( $first_delay >= 60 && $first_delay <= 70, "first retry in 60-66 s, got $first_delay" );
		contains( 'HTTP 500', implode( "\n", log_lines( 'error' ) ), 'ERROR line with the status' );

		// Not due yet: nothing runs.
		eq( array(), run_jobs( 0 ), 'a retry ran before its time' );

		// First retry: fails again (two more 500s), a longer delay follows.
		$start   = time();
		$results = run_jobs( 70, 'wu_runcloud_retry' );
		eq( 1, count( $results ), 'jobs run' );
		$jobs = jobs();
		eq( 1, count( $jobs ), 'second retry queued' );
		eq( 2, $jobs[0][2][3], 'attempt number' );
		$second_delay = $jobs[0][0] - $start;
		ok( $second_delay >= 120 && $second_delay <= 135, "second retry in 120-132 s, got $second_delay" );

		run_jobs( 3600, 'wu_runcloud_retry' );
		ok( null !== Sandbox::domain( 'flaky.example.com' ), 'domain added after the retries' );
		eq( array(), jobs(), 'nothing left queued' );
	}
);

t(
	'defect 8: a 429 waits at least Retry-After',
	function () {
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}', 'headers' => array( 'Retry-After' => '600' ), 'count' => 2 ) );
		$before = time();
		list( , $actions ) = UM::create_domain( 'limited.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$jobs = jobs();
		eq( 1, count( $jobs ), 'retry queued' );
		ok( $jobs[0][0] - $before >= 600, 'retry sooner than Retry-After: ' . ( $jobs[0][0] - $before ) );
		contains( 'HTTP 429', implode( "\n", log_lines( 'error' ) ), 'ERROR line' );
		run_jobs( 700 );
		ok( null !== Sandbox::domain( 'limited.example.com' ), 'domain added after the wait' );
	}
);

t(
	'defect 8: the real rate limit of the sandbox is survived',
	function () {
		Sandbox::config( array( 'rate_limit' => 3 ) );
		$ids = array();
		foreach ( array( 'r1', 'r2', 'r3', 'r4', 'r5' ) as $slug ) {
			list( $id, $actions ) = UM::create_domain( "$slug.example.com", 1 );
			um_ok( um_run( $actions ), "add $slug" );
		}
		ok( count( jobs() ) >= 1, 'rate-limited adds are queued for retry' );
		Sandbox::config( array( 'rate_limit' => 100000 ) );
		run_jobs( 7200 );
		foreach ( array( 'r1', 'r2', 'r3', 'r4', 'r5' ) as $slug ) {
			ok( null !== Sandbox::domain( "$slug.example.com" ), "$slug.example.com missing" );
		}
	}
);

t(
	'defect 8: a dropped connection is retried; a slow RunCloud is cut by the timeout',
	function () {
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'drop', 'count' => 2 ) );
		list( , $actions ) = UM::create_domain( 'dropped.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		eq( 1, count( jobs() ), 'retry queued after a dropped connection' );
		contains( 'network error', implode( "\n", log_lines( 'error' ) ), 'ERROR line names the network error' );
		run_jobs( 3600 );
		ok( null !== Sandbox::domain( 'dropped.example.com' ), 'domain added on retry' );

		add_filter( 'wu_runcloud_timeout', function () {
			return 1.0;
		} );
		plugin()->connector->reset();
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'delay', 'delay_ms' => 2500, 'count' => 2 ) );
		$start = microtime( true );
		list( , $actions ) = UM::create_domain( 'slow.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$took = microtime( true ) - $start;
		ok( $took < 3.0, sprintf( 'the job waited %.1f s for a slow answer with a 1 s timeout', $took ) );
		eq( 1, count( preg_grep( '/slow\.example\.com/', array_map( 'json_encode', jobs() ) ) ), 'retry queued after the timeout' );
		remove_all_filters( 'wu_runcloud_timeout' );
	}
);

t(
	'defect 8: transient failures give up after the last attempt and fail visibly',
	function () {
		Sandbox::fault( array( 'path' => '/domains', 'type' => 'status', 'status' => 503, 'body' => '{"message":"Service Unavailable"}', 'count' => 100 ) );
		list( $id, $actions ) = UM::create_domain( 'down.example.com', 1 );
		um_ok( um_run( $actions ), 'first try hands over to retries' );
		$results  = run_jobs( 10 * 3600 );
		$statuses = array_column( $results, 'status' );
		eq( 5, count( $results ), 'retries after the first attempt (6 attempts in all)' );
		eq( 'failed', end( $statuses ), 'the last retry fails the job' );
		contains( 'Giving up after 6 attempts', end( $results )['message'], 'failure message' );
		eq( array(), jobs(), 'nothing queued after giving up' );
		eq( 6, count( log_lines( 'error' ) ), 'one ERROR line per attempt' );
	}
);

t(
	'defect 8: a 404 (wrong web app) is permanent: logged, job failed, no retry',
	function () {
		add_filter( 'wu_runcloud_setting', function ( $value, $name ) {
			return 'WU_RUNCLOUD_APP_ID' === $name ? '999' : $value;
		}, 10, 2 );
		list( $id, $actions ) = UM::create_domain( 'lost.example.com', 1 );
		$results = um_run( $actions );
		eq( 'failed', $results[0]['status'], 'job status' );
		contains( 'HTTP 404', $results[0]['message'], 'failure message' );
		contains( 'Web application not found.', implode( "\n", log_lines( 'error' ) ), 'RunCloud\'s message in the log' );
		eq( array(), jobs(), 'no retry for a permanent failure' );
	}
);

t(
	'backoff policy: 1, 2, 4, 8... minutes with at most 10% jitter, capped at an hour',
	function () {
		$policy = plugin()->retry;
		foreach ( array( 1 => 60, 2 => 120, 3 => 240, 4 => 480, 7 => 3600, 12 => 3600 ) as $attempt => $base ) {
			for ( $i = 0; $i < 20; $i++ ) {
				$d = $policy->delay( $attempt );
				ok( $d >= $base && $d <= $base * 1.1, "attempt $attempt: $d outside [$base, " . ( $base * 1.1 ) . ']' );
			}
		}
		eq( 900, max( 900, $policy->delay( 1, 900 ) ), 'Retry-After' );
		ok( $policy->delay( 1, 900 ) >= 900, 'Retry-After respected' );
	}
);

run_tests();
