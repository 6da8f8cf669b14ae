<?php
/**
 * Migration from the basic certificate to per-domain certificates (and back): `wp runcloud ssl mode`
 * through the real WP-CLI phar, and the admin page's button.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

/** Names of the seeded domains besides the network's own. */
function migration_names() {
	$names = array();
	for ( $i = 1; $i <= 12; $i++ ) {
		$names[] = "m$i.example-$i.org";
	}

	return $names;
}

/** The certificate jobs queued: name => scheduled time. */
function certificate_jobs() {
	$out = array();
	foreach ( jobs() as $job ) {
		if ( 'wu_runcloud_domain_ssl' === $job[1] ) {
			$out[ $job[2][1] ] = $job[0];
		}
	}

	return $out;
}

/** A row of `wp runcloud ssl status|mode` (table or tab-separated output). */
function row_value( $field, $out ) {
	return preg_match( '/^\W*' . preg_quote( $field, '/' ) . '\W+(.*?)[\s|]*$/m', $out, $m ) ? $m[1] : null;
}

t(
	'wp runcloud ssl mode advanced switches the web app and queues a certificate for every domain that needs one, spread under the rate limit',
	function () {
		$wildcard = '*.' . get_network()->domain;
		$served   = 'blog.' . get_network()->domain;
		Sandbox::seed( array( 'domains' => array_merge( migration_names(), array( $wildcard, $served ) ) ), array( 'rate_limit' => 10 ) );

		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode' ) );
		eq( 0, $code, 'exit code: ' . $out );
		eq( 'basic', row_value( 'mode', $out ), 'mode before: ' . $out );

		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode', 'advanced' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'Success:', $out, 'output' );
		eq( true, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'mode of the web app' );

		$jobs     = certificate_jobs();
		$expected = array_merge( migration_names(), array( get_network()->domain ) );
		sort( $expected );
		$queued = array_keys( $jobs );
		sort( $queued );
		eq( $expected, $queued, 'names with a certificate job (not the wildcard, nor a name it serves)' );
		eq( array(), array_values( array_filter( jobs(), static function ( $j ) { return 'wu_runcloud_ssl_redeploy' === $j[1]; } ) ), 'basic redeploys' );

		// 10 calls a minute: 5 jobs a minute, so 13 jobs over three minutes.
		$first   = min( $jobs );
		$minutes = array_count_values(
			array_map(
				static function ( $t ) use ( $first ) {
					return (int) floor( ( $t - $first + 5 ) / 60 );
				},
				array_values( $jobs )
			)
		);
		ksort( $minutes );
		eq( array( 0 => 5, 1 => 5, 2 => 3 ), $minutes, 'jobs per minute' );

		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'status' ) );
		eq( 0, $code, 'exit code: ' . $out );
		eq( 'advanced', row_value( 'mode', $out ), 'mode row: ' . $out );
		eq( 'per-domain', row_value( 'certificates', $out ), 'certificates row: ' . $out );
		eq( '13', row_value( 'domain_certificates_pending', $out ), 'pending row: ' . $out );
		eq( '0', row_value( 'domain_certificates_covered', $out ), 'covered row: ' . $out );

		Sandbox::config( array( 'rate_limit' => 100000 ) );
		wp_cache_flush();
		$results = run_jobs( 600 );
		eq( 13, count( $results ), 'jobs run' );
		eq( array( 'complete' ), array_values( array_unique( array_column( $results, 'status' ) ) ), 'job results' );
		eq( array(), preg_grep( '#^(PUT|POST) /ssl(/\d+)? #', Sandbox::calls() ), 'basic certificate calls' );
		$uncovered = array_column( Sandbox::coverage()['uncovered'], 'name' );
		sort( $uncovered );
		eq( array( $wildcard, $served ), $uncovered, 'domains without a valid certificate (the wildcard needs DNS-01)' );

		list( , $out ) = wp_cli( array( 'runcloud', 'ssl', 'status' ) );
		eq( '13', row_value( 'domain_certificates_covered', $out ), 'covered row after the jobs: ' . $out );
		eq( '0', row_value( 'domain_certificates_pending', $out ), 'pending row after the jobs: ' . $out );
		eq( '0', row_value( 'domain_certificates_failed', $out ), 'failed row after the jobs: ' . $out );

		// The listing remembered every id, so later removals are one DELETE each.
		eq( (int) Sandbox::domain( 'm7.example-7.org' )['id'], plugin()->ledger->id( 'm7.example-7.org' ), 'remembered id' );
	}
);

t(
	'the admin button needs a nonce and a network admin, and migrates like the command',
	function () {
		Sandbox::seed( array( 'domains' => array( 'button.example.org' ) ) );
		throw_on_wp_die();

		wp_set_current_user( 0 );
		$_REQUEST = array( 'action' => 'runcloud_um_ssl_advanced' );
		$died = perform_admin_action( 'runcloud_um_ssl_advanced' );
		ok( '' !== $died, 'the action ran without a nonce' );
		eq( false, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'switched without a nonce' );

		$user = wp_insert_user( array( 'user_login' => 'sub' . wp_rand(), 'user_pass' => 'x', 'role' => 'subscriber' ) );
		wp_set_current_user( $user );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_ssl_advanced' );
		$died = perform_admin_action( 'runcloud_um_ssl_advanced' );
		contains( 'not allowed', $died, 'a subscriber was let in' );
		eq( false, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'switched by a subscriber' );

		wp_set_current_user( 1 );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_ssl_advanced' );
		// The switch changes the live web app: without the confirmation box ticked, nothing.
		$result = plugin()->admin()->perform( 'runcloud_um_ssl_advanced' );
		eq( 'error', $result['type'], 'switched without a confirmation: ' . $result['message'] );
		eq( false, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'switched without a confirmation' );

		$_POST['confirm'] = '1';
		$result           = plugin()->admin()->perform( 'runcloud_um_ssl_advanced' );
		$_REQUEST         = array();
		$_POST            = array();
		eq( 'success', $result['type'], 'result: ' . $result['message'] );
		not_contains( 'wp runcloud', $result['message'], 'the notice sends the admin to WP-CLI' );
		eq( true, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'mode of the web app' );
		eq( true, plugin()->mode->known()['advanced'], 'remembered mode' );
		ok( isset( certificate_jobs()['button.example.org'] ), 'no certificate job for button.example.org' );

		// The page shows the progress and offers both controls.
		require_once ABSPATH . 'wp-admin/includes/admin.php'; // What an admin page has loaded.
		ob_start();
		plugin()->admin()->page->render();
		$page = ob_get_clean();
		contains( 'runcloud_um_ssl_advanced', $page, 'the migration button' );
		contains( 'name="strategy"', $page, 'the strategy setting' );
		contains( '0 covered, 2 pending, 0 failed', $page, 'progress' );
	}
);

t(
	'wp runcloud ssl mode basic switches back and queues one basic redeploy',
	function () {
		Sandbox::seed( array( 'domains' => array( 'back.example.org' ), 'advanced_ssl' => array( 'advancedSSL' => true, 'autoSSL' => false ) ) );
		$deploys = Sandbox::deploys();
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode', 'basic' ) );
		eq( 0, $code, 'exit code: ' . $out );
		eq( false, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'mode of the web app' );
		wp_cache_flush();
		$queued = array_values( array_diff( array_column( jobs(), 1 ), array( 'wu_runcloud_reconcile' ) ) );
		eq( array( 'wu_runcloud_ssl_redeploy' ), $queued, 'jobs queued' );
		run_jobs( 120 );
		eq( $deploys + 1, Sandbox::deploys(), 'basic deploys' );
		contains( 'back.example.org', implode( ',', Sandbox::webapp()['ssl']['names'] ), 'basic certificate names' );
		eq( true, Sandbox::coverage()['complete'], 'coverage' );
	}
);

t(
	'wp runcloud ssl redeploy sends no basic redeploy when certificates are per domain',
	function () {
		Sandbox::seed( array( 'advanced_ssl' => array( 'advancedSSL' => true, 'autoSSL' => false ) ) );
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'redeploy' ) );
		eq( 1, $code, 'exit code: ' . $out );
		contains( 'wp runcloud ssl status', $out, 'what to do instead' );
		eq( array(), preg_grep( '#^(PUT|POST) /ssl(/\d+)? #', Sandbox::calls() ), 'basic certificate calls' );
	}
);

run_tests();
