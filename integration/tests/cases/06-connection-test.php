<?php
/**
 * The setup wizard's connection test, in both generations' shapes.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require dirname( __DIR__ ) . '/lib/harness.php';

/** Overrides one setting for the rest of the test. */
function set_setting( $constant, $value ) {
	add_filter( 'wu_runcloud_setting', function ( $current, $name ) use ( $constant, $value ) {
		return $name === $constant ? (string) $value : $current;
	}, 10, 2 );
	plugin()->connector->reset();
}

/**
 * Runs the connection test the way the generation under test calls it.
 *
 * @return array{0: bool, 1: string} success and message
 */
function wizard_test() {
	if ( 'old' === RCI_UM_GENERATION ) {
		// The legacy wizard calls test_connection() inside an AJAX request that it ends itself.
		add_filter( 'wp_doing_ajax', '__return_true' );
		add_filter( 'wp_die_ajax_handler', function () {
			return function ( $message ) {
				throw new \RuntimeException( 'ajax-end' );
			};
		} );
		$provider = \RunCloud_Ultimate_Multisite\Adapters\Host_Provider::get_instance();
		ob_start();
		try {
			$provider->test_connection();
		} catch ( \RuntimeException $e ) {
			// The JSON answer has been sent.
		}
		$json = json_decode( ob_get_clean(), true );
		remove_all_filters( 'wp_doing_ajax' );
		remove_all_filters( 'wp_die_ajax_handler' );
		ok( is_array( $json ), 'no JSON answer' );
		$message = $json['success'] ? $json['data']['message'] : $json['data'][0]['message'];

		return array( (bool) $json['success'], (string) $message );
	}

	$module = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get_capability( 'runcloud', 'domain-mapping' );
	$result = $module->test_connection();

	return array( true === $result, is_wp_error( $result ) ? $result->get_error_message() : '' );
}

t(
	'connection test passes with the right settings',
	function () {
		list( $success, $message ) = wizard_test();
		ok( $success, 'failed: ' . $message );
		eq( 'GET /ping 200', Sandbox::calls()[0], 'first call' );
	}
);

t(
	'connection test names a wrong token',
	function () {
		set_setting( 'WU_RUNCLOUD_API_TOKEN', 'not-the-token' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong token' );
		contains( 'WU_RUNCLOUD_API_TOKEN', $message, 'message names the token' );
		not_contains( 'not-the-token', $message, 'the token is shown' );
		not_contains( 'not-the-token', implode( "\n", log_lines() ), 'the token is logged' );
	}
);

t(
	'connection test names a wrong server id',
	function () {
		set_setting( 'WU_RUNCLOUD_SERVER_ID', '77' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong server' );
		contains( 'Server 77 was not found', $message, 'message' );
		contains( 'WU_RUNCLOUD_SERVER_ID', $message, 'message names the constant' );
	}
);

t(
	'connection test names a wrong web app id',
	function () {
		set_setting( 'WU_RUNCLOUD_APP_ID', '88' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong web app' );
		contains( 'Web app 88 was not found', $message, 'message' );
		contains( 'WU_RUNCLOUD_APP_ID', $message, 'message names the constant' );
	}
);

t(
	'connection test names an unreachable API and missing settings',
	function () {
		set_setting( 'WU_RUNCLOUD_API_URL', 'http://127.0.0.1:9/api/v3' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with nothing listening' );
		contains( 'Could not reach the RunCloud API', $message, 'message' );

		set_setting( 'WU_RUNCLOUD_APP_ID', '' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed without an app id' );
		contains( 'Missing settings: WU_RUNCLOUD_APP_ID', $message, 'message' );
	}
);

t(
	'connection test remembers whether the wildcard exists',
	function () {
		if ( ! is_subdomain_install() ) {
			ok( true, 'subdomain networks only' );
			return;
		}
		Sandbox::seed( array( 'domains' => array( '*.net-sub.test' ) ) );
		list( $success, ) = wizard_test();
		ok( $success, 'connection test failed' );
		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		ok( plugin()->wildcards->covers( 'new-site.net-sub.test' ), 'wildcard not known' );
		eq( array(), Sandbox::calls(), 'calls for a known wildcard' );
	}
);

run_tests();
