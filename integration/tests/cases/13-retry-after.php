<?php
/**
 * A 429 with Retry-After: the retry waits at least that long, and the domain is added.
 * The extension waits out a Retry-After that fits the call's time budget within the call, and holds
 * every start of its session until RunCloud's Retry-After in real time; a longer one fails the call
 * and the plugin's queue retries it. Short Retry-After values (1-2 s) and a 1 s call budget keep
 * both paths cheap in real time; the retries of the queue run in later requests (run_jobs_later()).
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

/** A 429 answer to the next $count domain adds, asking for $seconds. */
function too_many( $seconds, $count ) {
	Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}', 'headers' => array( 'Retry-After' => (string) $seconds ), 'count' => $count ) );
}

t(
	'defect 8: a Retry-After within the call budget is waited out in the call',
	function () {
		too_many( 1, 1 );
		$before = microtime( true );
		list( , $actions ) = UM::create_domain( 'waited.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$waited = microtime( true ) - $before;
		ok( null !== Sandbox::domain( 'waited.example.com' ), 'domain added in the same call' );
		eq( array(), jobs(), 'no retry queued' );
		$adds = array_values( preg_grep( '#^POST /domains #', Sandbox::calls() ) );
		eq( array( 'POST /domains 429', 'POST /domains 200' ), array_map( static function ( $c ) { return preg_replace( '/ 20\d$/', ' 200', $c ); }, $adds ), 'the add was answered 429, then repeated' );
		ok( $waited >= 1.0, 'repeated sooner than Retry-After: ' . round( $waited, 3 ) . ' s' );
	}
);

t(
	'defect 8: a 429 waits at least Retry-After',
	function () {
		// A call budget shorter than Retry-After: the call fails with the 429 and the queue takes over.
		// The plugin's own backoff is set to 0 so that only Retry-After can explain a later retry.
		add_filter( 'wu_runcloud_timeout', static function () { return 1.0; } );
		add_filter( 'wu_runcloud_retry_base_delay', static function () { return 0; } );
		plugin()->connector->reset();
		too_many( 2, 2 );
		$before = time();
		list( , $actions ) = UM::create_domain( 'limited.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$jobs = jobs();
		eq( 1, count( $jobs ), 'retry queued' );
		ok( $jobs[0][0] - $before >= 2, 'retry sooner than Retry-After: ' . ( $jobs[0][0] - $before ) );
		contains( 'HTTP 429', implode( "\n", log_lines( 'error' ) ), 'ERROR line' );
		// The retry runs in a later request (a new client session), due at once as in the queue.
		Sandbox::call( 'DELETE', '/__sandbox/faults' );
		run_jobs_later( 60 );
		ok( null !== Sandbox::domain( 'limited.example.com' ), 'domain added after the wait' );
	}
);

run_tests();
