<?php
/**
 * A 429 with Retry-After: the retry waits at least that long, and the domain is added.
 * The extension holds every start of its session until RunCloud's Retry-After (and paces itself near
 * the rate limit) in real time, so this case has a process of its own, and the retries run in later
 * requests (run_jobs_later()).
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

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
		// Retry-After is honoured in real time by the client session that got the 429: the retry
		// runs in a later request, with the wait skipped in the sandbox's clock as in the queue.
		Sandbox::call( 'DELETE', '/__sandbox/faults' );
		run_jobs_later( 700 );
		ok( null !== Sandbox::domain( 'limited.example.com' ), 'domain added after the wait' );
	}
);

run_tests();
