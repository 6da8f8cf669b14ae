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

t(
	'connection test passes with the right settings',
	function () {
		list( $success, $message ) = wizard_test();
		ok( $success, 'failed: ' . $message );
		eq( 'GET /ping 200', Sandbox::calls()[0], 'first call' );
		ok( 0 === strpos( Sandbox::journal()[0]['path'], '/api/v3/' ), 'the test went to WU_RUNCLOUD_API_URL' );
		eq( 'bearer', Sandbox::journal()[0]['auth'], 'auth scheme' );
	}
);

t(
	'the wizard talks to this plugin\'s integration',
	function () {
		if ( 'old' === RCI_UM_GENERATION ) {
			$found = \WP_Ultimo\Managers\Domain_Manager::get_instance()->get_integration_instance( 'runcloud' );
			ok( $found instanceof \RunCloud_Ultimate_Multisite\Ultimate_Multisite\Host_Provider, 'get_integration_instance(runcloud) is ' . ( is_object( $found ) ? get_class( $found ) : var_export( $found, true ) ) );
		} else {
			$found = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' );
			ok( $found instanceof \RunCloud_Ultimate_Multisite\Ultimate_Multisite\Integration, 'registry integration runcloud is ' . ( is_object( $found ) ? get_class( $found ) : 'none' ) );
		}
	}
);

t(
	'with good credentials but a wrong id, the answer lists the ids the credentials can see',
	function () {
		ok( method_exists( '\RunCloud\Client', 'listServers' ), 'the extension has no listServers() yet' );
		set_setting( 'WU_RUNCLOUD_SERVER_ID', '77' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong server' );
		contains( 'rci-server', $message, 'the visible server is named' );
		contains( '1', $message, 'its id is named' );

		set_setting( 'WU_RUNCLOUD_SERVER_ID', '1' );
		set_setting( 'WU_RUNCLOUD_APP_ID', '88' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong web app' );
		contains( '10 (network)', $message, 'the web apps of server 1 are listed' );
	}
);

t(
	'connection test names a wrong token',
	function () {
		set_setting( 'WU_RUNCLOUD_API_TOKEN', 'not-the-token' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong token' );
		contains( 'WU_RUNCLOUD_API_TOKEN', $message, 'message names the token' );
		contains( '401', $message, 'message carries the HTTP status' );
		not_contains( '{"', $message, 'raw JSON in the answer' );
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
