<?php
/**
 * The sandbox's real rate limit (3 calls per 2-second window: its Retry-After is then 1-2 s, which
 * keeps the extension's real-time hold cheap) is survived: every domain arrives.
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
	'defect 8: the real rate limit of the sandbox is survived',
	function () {
		// A call budget of 1 s: a 429 of this short window fails the call (the queue's retry is what
		// is tested) instead of being waited out in it.
		add_filter( 'wu_runcloud_timeout', static function () { return 1.0; } );
		plugin()->connector->reset();
		Sandbox::config( array( 'rate_limit' => 3, 'rate_window' => 2 ) );
		$ids = array();
		foreach ( array( 'r1', 'r2', 'r3', 'r4', 'r5' ) as $slug ) {
			list( $id, $actions ) = UM::create_domain( "$slug.example.com", 1 );
			um_ok( um_run( $actions ), "add $slug" );
		}
		ok( count( jobs() ) >= 1, 'rate-limited adds are queued for retry' );
		Sandbox::config( array( 'rate_limit' => 100000 ) );
		run_jobs_later( 7200 );
		foreach ( array( 'r1', 'r2', 'r3', 'r4', 'r5' ) as $slug ) {
			ok( null !== Sandbox::domain( "$slug.example.com" ), "$slug.example.com missing" );
		}
	}
);

run_tests();
