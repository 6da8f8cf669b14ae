<?php
/**
 * Basic SSL mode: a redeploy Let's Encrypt must refuse (over 100 names, a name whose DNS does not
 * point here) is never sent; the admin is told the way out, and warned near the limit.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

/** The guard's notices on a network-admin screen, as the network admin sees them. */
function guard_notice() {
	static $registered = false;
	if ( ! $registered ) {
		plugin()->admin()->register(); // The network admin's hooks: this request is WP-CLI's.
		$registered = true;
	}
	wp_set_current_user( 1 );
	ob_start();
	do_action( 'network_admin_notices' );
	$out = (string) ob_get_clean();
	preg_match_all( '#<div[^>]*data-runcloud-ssl-guard[^>]*>.*?</div>#s', $out, $m );

	return html_entity_decode( implode( "\n", $m[0] ), ENT_QUOTES );
}

/** Certificate requests (install or redeploy) RunCloud received. */
function certificate_calls() {
	return array_values( preg_grep( '#^(PUT|POST) /ssl#', Sandbox::calls() ) );
}

/** Orders the sandbox's certificate authority received. */
function ca_orders() {
	return Sandbox::call( 'GET', '/__sandbox/ca' )['orders'];
}

/** Adds a domain record through Ultimate Multisite and runs its add job. */
function add_record( $name ) {
	list( $id ) = UM::create_domain( $name, 1 );
	um_ok( um_run(), "add $name" );

	return $id;
}

/** Deletes a domain record through Ultimate Multisite and runs its removal job. */
function delete_record( $id ) {
	UM::delete_domain( $id );
	um_ok( um_run(), "remove record $id" );
}

/**
 * Status of the last redeploy job (read from the queue: a redeploy queued before a later add job
 * is not among the jobs run_jobs() reports).
 */
function last_redeploy() {
	$statuses = UM::statuses( 'wu_runcloud_ssl_redeploy' );

	return (string) end( $statuses );
}

/** Names on the web app's basic certificate. */
function certificate_names() {
	return (array) Sandbox::webapp()['ssl']['names'];
}

t(
	'101 names (www twins counted): no certificate request, ERROR with the way out, notice, no retry; removing a domain lets it through',
	function () {
		// 49 domains with www (98 names) and the primary: 99 names before the plugin adds any.
		$domains = array();
		for ( $i = 1; $i <= 49; $i++ ) {
			$domains[] = array( 'name' => "twin-$i.example.net", 'www' => true );
		}
		Sandbox::seed( array( 'domains' => $domains ) );
		www_setting( 'never' );
		dns_points( true );
		$deploys = Sandbox::deploys();

		$extra = add_record( 'extra.example.com' );
		add_record( 'trigger.example.com' );
		eq( 1, count( jobs() ), 'one redeploy queued' );
		run_jobs( 120 );

		eq( 'failed', last_redeploy(), 'the blocked redeploy job' );
		eq( array(), certificate_calls(), 'certificate requests sent' );
		eq( array(), ca_orders(), 'orders at the certificate authority' );
		eq( $deploys, Sandbox::deploys(), 'deploys' );
		eq( array(), jobs(), 'jobs queued after the block (retries)' );

		$errors = implode( "\n", log_lines( 'error' ) );
		contains( '101 names', $errors, 'ERROR line' );
		contains( 'at most 100', $errors, 'ERROR line' );
		contains( 'wp runcloud ssl mode advanced', $errors, 'way out in the ERROR line' );
		contains( 'Switch to per-domain certificates', $errors, 'way out in the ERROR line' );

		$notice = guard_notice();
		contains( 'notice-error', $notice, 'notice' );
		contains( '101 names', $notice, 'notice' );
		contains( 'wp runcloud ssl mode advanced', $notice, 'notice' );
		contains( 'Switch to per-domain certificates', $notice, 'notice' );
		contains( 'remove domains', $notice, 'notice' );
		ok( in_array( 'trigger.example.com', plugin()->basic->pending(), true ), 'the blocked name still waits for its certificate' );

		// The way out through Ultimate Multisite: a record removed, so its name leaves the web app.
		delete_record( $extra );
		eq( 1, count( jobs() ), 'redeploy queued again once the names changed' );
		$results = run_jobs( 120 );
		eq( 'complete', $results[0]['status'] ?? '', 'redeploy after the fix' );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys after the fix' );
		eq( 100, count( certificate_names() ), 'names on the certificate' );
		ok( in_array( 'trigger.example.com', certificate_names(), true ), 'the waiting name is covered' );
		eq( array(), plugin()->basic->pending(), 'names still waiting' );
		$notice = guard_notice();
		not_contains( 'notice-error', $notice, 'error notice after the fix' );
		contains( '0 are left', $notice, 'warning notice at the limit' );
	}
);

t(
	'near the limit: one WARNING per crossing, a notice with the names left, gone when names drop',
	function () {
		// The primary and 78 domains: 79 names.
		Sandbox::seed( array( 'bulk' => array( 'count' => 78, 'pattern' => 'near-%d.example.net' ) ) );
		www_setting( 'never' );
		dns_points( true );
		$warned = static function () {
			return count( preg_grep( '/names; Let.s Encrypt allows/', log_lines( 'warning' ) ) );
		};

		$one = add_record( 'one.example.com' );
		run_jobs( 120 );
		eq( 1, count( certificate_calls() ), 'certificate requests at 80 names' );
		eq( 1, $warned(), 'WARNING lines at 80 names' );
		contains( '20 are left', implode( "\n", log_lines( 'warning' ) ), 'WARNING line' );
		contains( 'wp runcloud ssl mode advanced', implode( "\n", log_lines( 'warning' ) ), 'way out in the WARNING line' );
		$notice = guard_notice();
		contains( 'notice-warning', $notice, 'notice' );
		contains( '80 names', $notice, 'notice' );
		contains( '20 are left', $notice, 'notice' );

		$two = add_record( 'two.example.com' );
		run_jobs( 120 );
		eq( 2, count( certificate_calls() ), 'certificate requests at 81 names' );
		eq( 1, $warned(), 'WARNING lines after a second redeploy above the threshold' );
		contains( '19 are left', guard_notice(), 'notice after one more name' );

		delete_record( $two );
		delete_record( $one );
		run_jobs( 120 );
		eq( '', guard_notice(), 'notice once the names dropped below the threshold' );

		add_record( 'three.example.com' );
		run_jobs( 120 );
		eq( 2, $warned(), 'WARNING lines after crossing the threshold again' );
	}
);

t(
	'a name Ultimate Multisite gave up on, whose DNS does not point here: no redeploy, the name is named; removing it lets the next redeploy through',
	function () {
		Sandbox::config( array( 'unpointed' => array( 'bad.example.com' ) ) );
		dns_points(
			static function ( $name ) {
				return 'bad.example.com' !== $name;
			}
		);
		$deploys = Sandbox::deploys();

		$bad = add_record( 'bad.example.com' );
		eq( array(), jobs(), 'a redeploy queued for a name that does not point here' );
		$record = wu_get_domain( $bad );
		$record->set_stage( 'failed' );
		$record->save();
		add_record( 'good.example.com' );
		$results = run_jobs( 120 );

		eq( 'failed', $results[0]['status'] ?? '', 'the blocked redeploy job' );
		contains( 'bad.example.com', $results[0]['message'], 'job message' );
		eq( array(), certificate_calls(), 'certificate requests sent' );
		eq( array(), ca_orders(), 'orders at the certificate authority' );
		eq( array(), jobs(), 'jobs queued after the block (retries)' );
		$errors = implode( "\n", log_lines( 'error' ) );
		contains( 'DNS of bad.example.com does not point', $errors, 'ERROR line' );
		contains( 'wp runcloud ssl mode advanced', $errors, 'way out in the ERROR line' );
		$notice = guard_notice();
		contains( 'notice-error', $notice, 'notice' );
		contains( 'bad.example.com', $notice, 'notice names the domain' );
		not_contains( 'good.example.com', $notice, 'notice names a domain that points here' );
		contains( 'wp runcloud ssl mode advanced', $notice, 'notice' );

		delete_record( $bad );
		eq( 1, count( jobs() ), 'redeploy queued again once the name was removed' );
		$results = run_jobs( 120 );
		eq( 'complete', $results[0]['status'] ?? '', 'redeploy after the fix' );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys after the fix' );
		$orders = ca_orders();
		eq( 'valid', end( $orders )['status'], 'the order after the fix' );
		ok( in_array( 'good.example.com', certificate_names(), true ), 'the waiting name is covered' );
		eq( '', guard_notice(), 'notice after the fix' );
	}
);

t(
	'a name whose DNS Ultimate Multisite is still checking: the redeploy waits (no order, no failed job, no notice) and is sent once the name points',
	function () {
		Sandbox::config( array( 'unpointed' => array( 'new.example.com' ) ) );
		$pointed = false;
		dns_points(
			static function ( $name ) use ( &$pointed ) {
				return $pointed || 'new.example.com' !== $name;
			}
		);
		$deploys = Sandbox::deploys();

		$new = add_record( 'new.example.com' );
		add_record( 'ready.example.com' );
		$results = run_jobs( 120 );
		eq( 'complete', $results[0]['status'] ?? '', 'the waiting redeploy job' );
		eq( array(), certificate_calls(), 'certificate requests sent' );
		eq( array(), ca_orders(), 'orders at the certificate authority' );
		eq( array(), log_lines( 'error' ), 'ERROR lines' );
		contains( 'waits for the DNS of new.example.com', implode( "\n", log_lines() ), 'INFO line' );
		eq( '', guard_notice(), 'notice' );
		eq( 1, count( jobs() ), 'the look again, queued' );

		$pointed = true;
		Sandbox::config( array( 'unpointed' => array() ) );
		$results = only_hook( 'wu_runcloud_ssl_redeploy', UM::dns_propagated( $new ) );
		$results = array_merge( $results, run_jobs( 120 ) );
		eq( 'complete', end( $results )['status'] ?? '', 'redeploy once it points' );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys once it points' );
		ok( in_array( 'ready.example.com', certificate_names(), true ), 'the other waiting name is covered' );
		ok( in_array( 'new.example.com', certificate_names(), true ), 'the name that now points is covered' );
	}
);

t(
	'a name Ultimate Multisite gave up on, but whose DNS points here now, does not block the redeploy',
	function () {
		dns_points( true );
		$late = add_record( 'late.example.com' );
		$record = wu_get_domain( $late );
		$record->set_stage( 'failed' );
		$record->save();
		add_record( 'fine.example.com' );
		run_jobs( 120 );
		eq( 'complete', last_redeploy(), 'redeploy job' );
		eq( 1, count( certificate_calls() ), 'certificate requests' );
		eq( '', guard_notice(), 'notice' );
	}
);

t(
	'below the threshold: the redeploy is sent, no notice, no warning',
	function () {
		dns_points( true );
		add_record( 'small.example.com' );
		$results = run_jobs( 120 );
		eq( 'complete', $results[0]['status'] ?? '', 'redeploy job' );
		eq( 1, count( certificate_calls() ), 'certificate requests' );
		eq( '', guard_notice(), 'notice' );
		eq( array(), preg_grep( '/names; Let.s Encrypt allows/', log_lines( 'warning' ) ), 'WARNING lines' );
	}
);

t(
	'the threshold is WU_RUNCLOUD_SSL_NAMES_WARNING',
	function () {
		set_setting( 'WU_RUNCLOUD_SSL_NAMES_WARNING', '3' );
		www_setting( 'always' );
		dns_points( true );
		add_record( 'small.example.com' );
		run_jobs( 120 );
		contains( 'covers 3 names', guard_notice(), 'notice at 3 names (primary, small, www.small)' );
		contains( '97 are left', guard_notice(), 'notice' );
	}
);

t(
	'switching to per-domain certificates clears the notice',
	function () {
		Sandbox::seed( array( 'bulk' => array( 'count' => 100, 'pattern' => 'many-%d.example.net' ) ) );
		dns_points( true );
		add_record( 'over.example.com' );
		run_jobs( 120 );
		contains( 'notice-error', guard_notice(), 'notice before the switch' );
		ok( plugin()->mode->save( 'per-domain' ), 'strategy saved' );
		eq( '', guard_notice(), 'notice after the switch' );
		ok( plugin()->mode->save( 'basic' ), 'strategy saved' );
		eq( '', guard_notice(), 'notice back in basic mode, before the next check' );
	}
);

run_tests();
