<?php
/**
 * Legacy v2 API key and secret from wp-config.php constants (no token).
 *
 * @run RCI_AUTH=key
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'the key and secret are sent as HTTP Basic and the integration counts as set up',
	function () {
		ok( ! defined( 'WU_RUNCLOUD_API_TOKEN' ), 'this scenario must run without a token' );
		eq( 'key', plugin()->settings->auth_mode(), 'auth mode' );
		ok( plugin()->is_active(), 'the integration was not activated with a key pair' );

		list( $id, $actions ) = UM::create_domain( 'legacy-key.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		ok( null !== Sandbox::domain( 'legacy-key.example.com' ), 'domain missing' );
		$entry = Sandbox::journal()[0];
		eq( 'basic', $entry['auth'], 'auth scheme' );
		ok( 0 === strpos( (string) $entry['credential'], 'key#' ), 'credential ' . $entry['credential'] );
		ok( 0 === strpos( $entry['path'], '/api/v2/' ), 'API version path ' . $entry['path'] );

		um_ok( um_run( UM::delete_domain( $id ) ), 'remove' );
		ok( null === Sandbox::domain( 'legacy-key.example.com' ), 'domain not removed' );
	}
);

t(
	'the wizard\'s test passes with a good legacy key and secret, and fails readably with a bad secret',
	function () {
		list( $success, $message ) = wizard_test();
		ok( $success, 'failed: ' . $message );
		eq( 'basic', Sandbox::journal()[0]['auth'], 'auth scheme' );

		set_setting( 'WU_RUNCLOUD_API_SECRET', 'not-the-secret' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a bad secret' );
		contains( 'WU_RUNCLOUD_API_KEY, WU_RUNCLOUD_API_SECRET', $message, 'names the credentials' );
		contains( '401', $message, 'HTTP status' );
		not_contains( '{', $message, 'raw JSON in the answer' );
		not_contains( 'not-the-secret', $message, 'the secret is shown' );
	}
);

t(
	'neither the key nor the secret reaches the logs or a failed job',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 401, 'body' => '{"message":"Unauthenticated. key rci-key-4Fw8Lm secret rci-secret-9Tz3Vb"}', 'count' => 3 ) );
		list( , $actions ) = UM::create_domain( 'leak.example.com', 1 );
		$results = um_run( $actions );
		eq( 'failed', $results[0]['status'], 'job' );
		$log = implode( "\n", log_lines() );
		contains( 'HTTP 401', $log, 'ERROR line' );
		foreach ( array( 'rci-key-4Fw8Lm', 'rci-secret-9Tz3Vb', base64_encode( 'rci-key-4Fw8Lm:rci-secret-9Tz3Vb' ) ) as $secret ) {
			not_contains( $secret, $log, 'credential in the log' );
			not_contains( $secret, $results[0]['message'], 'credential in the job failure' );
		}
	}
);

run_tests();
