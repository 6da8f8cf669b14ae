<?php
/**
 * The plugin's page (Network Admin > Settings > RunCloud) as a network admin reads it: names
 * rather than bare ids, the mapped domains table (no RunCloud call while rendering), the failures
 * that can be cleared, the switch that asks first, and Ultimate Multisite's entry linking here.
 * The browser suite (integration/browser/) clicks the same page through a web server.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

const RCI_PAYLOAD = '<img src=x onerror=alert(5)>';

/** The page as rendered for the network admin. */
function page() {
	require_once ABSPATH . 'wp-admin/includes/admin.php'; // What an admin page has loaded.
	wp_set_current_user( 1 );
	ob_start();
	plugin()->admin()->page->render();

	return (string) ob_get_clean();
}

/** Runs one of the page's actions as the network admin with a valid nonce. */
function admin_action( $action, array $post = array() ) {
	wp_set_current_user( 1 );
	$_REQUEST = array( '_wpnonce' => wp_create_nonce( $action ) );
	$_POST    = $post;
	try {
		return plugin()->admin()->perform( $action );
	} finally {
		$_REQUEST = array();
		$_POST    = array();
	}
}

t(
	'the page names the server and web app once "Test connection" read them, and the SSL mode',
	function () {
		$before = page();
		contains( '1 / 10 (ids;', $before, 'bare ids before the names are known' );
		not_contains( 'not read yet', $before, 'the SSL mode row' );
		contains( 'Test connection', $before, 'the row says how to read the mode' );

		Sandbox::seed( array( 'name' => 'shop' . RCI_PAYLOAD ) );
		$result = admin_action( 'runcloud_um_test' );
		eq( 'success', $result['type'], 'test: ' . $result['message'] );
		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		$page = page();
		contains( 'rci-server (1) / shop&lt;img src=x onerror=alert(5)&gt; (10)', $page, 'names, escaped' );
		not_contains( RCI_PAYLOAD, $page, 'markup from a web app name' );
		contains( 'basic (one certificate for every name)', $page, 'the SSL mode read by the test' );
		eq( array(), Sandbox::calls(), 'calls to RunCloud while rendering' );
	}
);

t(
	'the mapped domains table: site, RunCloud id, certificate, stage, secure, last error; escaped, paged, filtered, no RunCloud call',
	function () {
		list( $site ) = UM::create_site( 'tablesite' );
		update_blog_option( $site, 'blogname', 'Shop' . RCI_PAYLOAD );
		dns_points( true );
		UM::create_domain( 'table-one.example.org', $site );
		UM::create_domain( 'table-two.example.org', $site );
		um_ok( um_run(), 'Ultimate Multisite\'s jobs (they send the adds)' );
		um_ok( run_jobs(), 'the adds' );
		ok( plugin()->ledger->id( 'table-one.example.org' ) > 0, 'no id remembered for table-one.example.org' );
		plugin()->logger->error( 'Certificate of table-two.example.org failed: ' . RCI_PAYLOAD );

		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		$page = page();
		eq( array(), Sandbox::calls(), 'calls to RunCloud while rendering the table' );
		not_contains( RCI_PAYLOAD, $page, 'markup from a site name or RunCloud' );
		contains( 'Shop&lt;img src=x onerror=alert(5)&gt; (' . $site . ')', $page, 'the site, escaped' );
		contains( 'table-one.example.org', $page, 'a domain' );
		contains( '>' . plugin()->ledger->id( 'table-one.example.org' ) . '<', $page, 'its RunCloud id' );
		contains( 'Certificate of table-two.example.org failed: &lt;img', $page, 'the last error, escaped' );

		$_REQUEST['s'] = 'table-one';
		$_GET['s']     = 'table-one';
		$filtered      = page();
		unset( $_REQUEST['s'], $_GET['s'] );
		contains( 'table-one.example.org', strstr( $filtered, 'id="runcloud-um-domains"' ), 'the filtered domain, in the table' );
		not_contains( 'table-two.example.org', strstr( $filtered, 'id="runcloud-um-domains"' ), 'a domain the filter leaves out' );
	}
);

t(
	'"Pending SSL redeploy" names no domain whose add failed, and the failures can be cleared',
	function () {
		dns_points( true );
		// A name asked for the redeploy that never reached RunCloud (its add failed: not tracked).
		plugin()->basic->request( 'never-added.example.org' );
		$page = page();
		preg_match( '#Pending SSL redeploy</th><td>([^<]*)</td>#', $page, $m );
		not_contains( 'never-added.example.org', $m[1] ?? '', 'a domain that is not on RunCloud' );
		contains( 'waits for its add', $m[1] ?? '', 'the count of names waiting for their add' );

		plugin()->logger->error( 'something failed' );
		contains( 'something failed', page(), 'the failure' );
		contains( 'runcloud_um_clear_failures', page(), 'the clear button' );

		// Without a nonce, and as someone without the network capability: refused, kept.
		throw_on_wp_die();
		wp_set_current_user( 1 );
		$_REQUEST = array();
		ok( '' !== perform_admin_action( 'runcloud_um_clear_failures' ), 'cleared without a nonce' );
		$user = wp_insert_user( array( 'user_login' => 'editor' . wp_rand(), 'user_pass' => 'x', 'role' => 'administrator' ) );
		wp_set_current_user( $user );
		$_REQUEST = array( '_wpnonce' => wp_create_nonce( 'runcloud_um_clear_failures' ) );
		contains( 'not allowed', perform_admin_action( 'runcloud_um_clear_failures' ), 'a site administrator was let in' );
		$_REQUEST = array();
		eq( 1, count( plugin()->logger->last_failures() ), 'failures kept' );

		$result = admin_action( 'runcloud_um_clear_failures' );
		eq( 'success', $result['type'], 'clear' );
		eq( array(), plugin()->logger->last_failures(), 'failures after clearing' );
		contains( 'something failed', implode( "\n", log_lines() ), 'the log keeps them' );
	}
);

t(
	'the switch to per-domain certificates asks first and does not send the admin to WP-CLI; the wording',
	function () {
		$page = page();
		ok( (bool) preg_match( '#<input type="checkbox" name="confirm"[^>]*required#', $page ), 'no required confirmation box' );
		not_contains( 'wp runcloud', $page, 'the page sends the admin to WP-CLI' );
		contains( 'Last domain sync', $page, 'the row named like its button' );
		not_contains( 'Last reconcile', $page, 'the old row name' );
	}
);

t(
	'Ultimate Multisite\'s RunCloud entry links to this page',
	function () {
		plugin()->admin()->register(); // Ultimate Multisite's settings are a network-admin screen; this request is WP-CLI's.
		wp_set_current_user( 1 );
		$fields = apply_filters( 'wu_settings_section_integrations_fields', array( 'integration_runcloud' => array( 'type' => 'note', 'desc' => '<a>Configuration</a>' ) ) );
		contains( network_admin_url( 'settings.php?page=runcloud-ultimate-multisite' ), $fields['integration_runcloud']['desc'], 'the link' );
	}
);

run_tests();
