<?php
/**
 * Text from RunCloud reaches Ultimate Multisite's screens escaped (its log viewer and its wizard's
 * Testing step put what they get into the page as HTML), and the wizard's connection test, whose
 * AJAX action Ultimate Multisite leaves open to any logged-in user, is refused to anyone but a
 * network administrator. The browser suite (integration/browser/) checks the same on the rendered
 * pages; these cases check what the plugin hands over.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require dirname( __DIR__ ) . '/lib/harness.php';

/** A payload that runs script if it reaches a page unescaped. */
const RCI_PAYLOAD = '<img src=x onerror=alert(4)>';

/** A customer: administrator of a site of their own, nothing on the network. */
function customer_site_admin() {
	$user = get_user_by( 'login', 'customer' );
	$id   = $user ? $user->ID : wpmu_create_user( 'customer', 'customer-pass-1', 'customer@example.com' );
	ok( $id && ! is_wp_error( $id ), 'cannot create the customer' );
	$site = wpmu_create_blog( 'shop.' . get_network()->domain, '/', 'Shop', $id );
	ok( ! is_wp_error( $site ), 'cannot create the customer\'s site' );
	ok( user_can( $id, 'manage_options' ) || is_user_member_of_blog( $id, $site ), 'the customer is no member of the site' );
	ok( ! user_can( $id, 'manage_network_options' ), 'the customer is a network administrator' );
	Sandbox::call( 'DELETE', '/__sandbox/journal' );

	return (int) $id;
}

t(
	'the wizard\'s connection test refuses a customer\'s site administrator, says so, and calls nothing at RunCloud',
	function () {
		$customer = customer_site_admin();
		list( $success, $message ) = wizard_test( $customer );
		ok( ! $success, 'the test passed for a customer' );
		contains( 'network administrator', $message, 'the refusal says who may run it' );
		eq( array(), Sandbox::calls(), 'calls to RunCloud for a customer' );

		// The integration object itself, whoever calls it.
		wp_set_current_user( $customer );
		$integration = 'old' === RCI_UM_GENERATION ? null : \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' );
		if ( $integration ) {
			$result = $integration->test_connection();
			ok( is_wp_error( $result ), 'test_connection() passed for a customer' );
			eq( 'runcloud-forbidden', $result->get_error_code(), 'error code' );
		}
		eq( array(), Sandbox::calls(), 'calls to RunCloud for a customer' );

		// The network administrator still gets the test.
		list( $success, $message ) = wizard_test( 1 );
		ok( $success, 'the test failed for the network administrator: ' . $message );
	}
);

t(
	'RunCloud\'s error message reaches the wizard and the log escaped',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 401, 'path' => '/ping', 'body' => json_encode( array( 'message' => RCI_PAYLOAD ) ), 'content_type' => 'application/json' ) );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed on a 401' );
		not_contains( '<img', $message, 'markup from RunCloud in the wizard\'s answer' );
		contains( '&lt;img src=x onerror=alert(4)&gt;', $message, 'RunCloud\'s message, escaped' );
		$log = implode( "\n", log_lines() );
		not_contains( '<img', $log, 'markup from RunCloud in the log' );
		contains( '&lt;img src=x onerror=alert(4)&gt;', $log, 'RunCloud\'s message in the log, escaped' );
	}
);

t(
	'web app and server names reach the wizard escaped, the ids first, in short lines',
	function () {
		Sandbox::seed( array( 'name' => 'app' . RCI_PAYLOAD ) );
		set_setting( 'WU_RUNCLOUD_APP_ID', '88' );
		list( $success, $message ) = wizard_test();
		ok( ! $success, 'passed with a wrong web app' );
		not_contains( '<img', $message, 'markup from a web app name' );
		$lines = explode( "\n", $message );
		contains( 'Web app 88 was not found', $lines[0], 'the verdict comes first' );
		$ids = array_values( preg_grep( '/^\s+(server|web app) \d+ /', $lines ) );
		eq( array( '  server 1 (rci-server)', '    web app 10 (app&lt;img src=x onerror=alert(4)&gt;)' ), $ids, 'the ids the credentials can see, one per line' );
		ok( array_search( $ids[0], $lines, true ) < count( $lines ) - 1, 'the advice comes after the ids' );
		contains( 'WU_RUNCLOUD_APP_ID', end( $lines ), 'the advice names the constant' );
		foreach ( $lines as $line ) {
			ok( strlen( $line ) <= 60 || in_array( $line, $ids, true ), 'a line longer than 60 characters: ' . $line );
		}
	}
);

t(
	'the log link opens this plugin\'s log in Ultimate Multisite\'s viewer',
	function () {
		plugin()->logger->error( 'a line' );
		parse_str( (string) wp_parse_url( plugin()->logger->log_url(), PHP_URL_QUERY ), $query );
		eq( 'wp-ultimo-view-logs', $query['page'] ?? '', 'viewer page' );
		not_contains( '//', $query['file'] ?? '', 'file' );
		ok( is_file( $query['file'] ), 'the log file named by the link does not exist: ' . $query['file'] );
		eq( realpath( rci_um_log_path() ), realpath( $query['file'] ), 'the file' );
		// The viewer's file list holds the same path (its select picks the file by that value).
		require_once ABSPATH . 'wp-admin/includes/file.php';
		ok( in_array( $query['file'], list_files( \WP_Ultimo\Logger::get_logs_folder() ), true ), 'the link\'s path is not among the viewer\'s files' );
	}
);

run_tests();
