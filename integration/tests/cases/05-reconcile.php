<?php
/**
 * Reconcile: the scheduled job and the admin button run syncDomains over all mapped domains.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;
use RunCloud_Ultimate_Multisite\Domains\Reconciler;

require dirname( __DIR__ ) . '/lib/harness.php';

/** Maps domains without running Ultimate Multisite's events (drift: the events were lost). */
function map_silently( array $names, $site_id = 1 ) {
	$ids = array();
	foreach ( $names as $name ) {
		list( $ids[ $name ], ) = UM::create_domain( $name, $site_id );
	}

	return $ids;
}

t(
	'reconcile adds missing domains, removes orphans, keeps the primary, and reports',
	function () {
		www_setting( 'never' );
		Sandbox::seed( array( 'domains' => array( 'orphan-1.example.com', 'Orphan-2.example.com', 'kept.example.com' ) ) );
		map_silently( array( 'missing-1.example.com', 'missing-2.example.com', 'kept.example.com' ) );

		$report = plugin()->reconciler->run( false );
		sort( $report['added'] );
		sort( $report['removed'] );
		eq( array( 'missing-1.example.com', 'missing-2.example.com' ), $report['added'], 'added' );
		eq( array( 'orphan-1.example.com', 'orphan-2.example.com' ), $report['removed'], 'removed' );
		$names = Sandbox::names();
		sort( $names );
		eq( array( 'kept.example.com', 'missing-1.example.com', 'missing-2.example.com', get_network()->domain ), $names, 'web app domains after the reconcile' );
		ok( ! empty( plugin()->state->get( 'last_sync' )['time'] ), 'last reconcile not recorded' );
	}
);

t(
	'reconcile --dry-run changes nothing',
	function () {
		Sandbox::seed( array( 'domains' => array( 'orphan.example.com' ) ) );
		map_silently( array( 'missing.example.com' ) );
		$before = Sandbox::names();
		$report = plugin()->reconciler->run( true );
		eq( array( 'missing.example.com' ), $report['added'], 'would add' );
		eq( array( 'orphan.example.com' ), $report['removed'], 'would remove' );
		eq( $before, Sandbox::names(), 'domains changed by a dry run' );
		eq( array(), preg_grep( '#^(POST|DELETE)#', Sandbox::calls() ), 'writes in a dry run' );
	}
);

t(
	'defect 7: reconcile repairs a rename whose event was lost',
	function () {
		list( $id, $actions ) = UM::create_domain( 'before.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		UM::rename_domain( $id, 'after.example.com' ); // The event never runs.
		plugin()->reconciler->run( false );
		ok( null !== Sandbox::domain( 'after.example.com' ), 'new name missing' );
		ok( null === Sandbox::domain( 'before.example.com' ), 'old name still served' );
	}
);

t(
	'a removal by the reconcile forgets everything about the name: tracked, RunCloud id, certificate state',
	function () {
		list( $id, $actions ) = UM::create_domain( 'gone-by-sync.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		ok( plugin()->ledger->id( 'gone-by-sync.example.com' ) > 0, 'id not remembered by the add' );
		plugin()->per_domain->request( 'gone-by-sync.example.com' );
		eq( 'pending', plugin()->per_domain->status( 'gone-by-sync.example.com' ), 'certificate state before the reconcile' );
		UM::delete_domain( $id ); // Its removal event never runs.

		$report = plugin()->reconciler->run( false );
		eq( array( 'gone-by-sync.example.com' ), $report['removed'], 'removed' );
		ok( ! isset( plugin()->ledger->tracked()['gone-by-sync.example.com'] ), 'still tracked' );
		eq( 0, plugin()->ledger->id( 'gone-by-sync.example.com' ), 'RunCloud id after the removal' );
		eq( '', plugin()->per_domain->status( 'gone-by-sync.example.com' ), 'certificate state after the removal' );
	}
);

t(
	'reconcile honours the www setting per domain and the prune modes',
	function () {
		www_setting( 'main_only' );
		map_silently( array( 'apex.com', 'deep.apex.com' ) );
		plugin()->reconciler->run( false );
		eq( true, (bool) Sandbox::domain( 'apex.com' )['www'], 'www on apex.com' );
		eq( false, (bool) Sandbox::domain( 'deep.apex.com' )['www'], 'www on deep.apex.com' );

		Sandbox::seed( array( 'domains' => array( 'hand-made.example.com' ) ) );
		add_filter( 'wu_runcloud_sync_prune', function () {
			return 'tracked';
		} );
		plugin()->reconciler->run( false );
		ok( null !== Sandbox::domain( 'hand-made.example.com' ), 'an alias this plugin never added was removed in tracked mode' );

		add_filter( 'wu_runcloud_keep_domains', function () {
			return array( 'hand-made.example.com' );
		} );
		remove_all_filters( 'wu_runcloud_sync_prune' );
		plugin()->reconciler->run( false );
		ok( null !== Sandbox::domain( 'hand-made.example.com' ), 'a kept alias was removed' );
	}
);

/** Runs the queued reconcile now with Action Scheduler's runner; its result row. */
function run_reconcile() {
	eq( 1, UM::make_due( Reconciler::HOOK, 2 * DAY_IN_SECONDS ), 'pending reconcile jobs' );
	$ran = array_values( array_filter( UM::run(), static function ( $r ) {
		return Reconciler::HOOK === $r['hook'];
	} ) );
	eq( 1, count( $ran ), 'reconcile runs' );

	return $ran[0];
}

t(
	'the reconcile is scheduled once the integration is active and its job syncs',
	function () {
		plugin()->reconciler->schedule(); // reset_world() emptied the queue a request had filled.
		$jobs = array_values( array_filter( jobs(), function ( $j ) {
			return Reconciler::HOOK === $j[1];
		} ) );
		eq( 1, count( $jobs ), 'recurring reconcile jobs' );
		map_silently( array( 'from-job.example.com' ) );
		$ran = run_reconcile();
		eq( 'complete', $ran['status'], 'reconcile job: ' . $ran['message'] );
		ok( null !== Sandbox::domain( 'from-job.example.com' ), 'the scheduled job did not sync' );
	}
);

t(
	'the scheduled reconcile logs a transient failure without failing, and fails on a permanent one',
	function () {
		plugin()->reconciler->schedule();
		Sandbox::fault( array( 'type' => 'status', 'status' => 500, 'body' => '{"message":"Server Error"}', 'count' => 10 ) );
		$ran = run_reconcile();
		eq( 'complete', $ran['status'], 'a transient failure failed the job' );
		contains( 'Reconcile failed: HTTP 500', implode( "\n", log_lines( 'error' ) ), 'ERROR line' );
		Sandbox::call( 'DELETE', '/__sandbox/faults' );
		Sandbox::fault( array( 'type' => 'status', 'status' => 403, 'body' => '{"message":"This action is unauthorized."}', 'count' => 10 ) );
		$ran = run_reconcile();
		eq( 'failed', $ran['status'], 'a permanent failure did not fail the job' );
		contains( '403', $ran['message'], 'message' );
	}
);

t(
	'the "Sync domains now" button needs a nonce and a network admin',
	function () {
		map_silently( array( 'button.example.com' ) );
		throw_on_wp_die();

		// No user, no nonce.
		wp_set_current_user( 0 );
		$_REQUEST = array( 'action' => 'runcloud_um_sync' );
		$died = perform_admin_action( 'runcloud_um_sync' );
		ok( '' !== $died, 'the action ran without a nonce' );
		ok( null === Sandbox::domain( 'button.example.com' ), 'synced without a nonce' );

		// A subscriber with a valid nonce of his own.
		$user = wp_insert_user( array( 'user_login' => 'sub' . wp_rand(), 'user_pass' => 'x', 'role' => 'subscriber' ) );
		wp_set_current_user( $user );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_sync' );
		$died = perform_admin_action( 'runcloud_um_sync' );
		contains( 'not allowed', $died, 'a subscriber was let in' );

		// The network admin.
		wp_set_current_user( 1 );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_sync' );
		$result               = plugin()->admin()->perform( 'runcloud_um_sync' );
		eq( 'success', $result['type'], 'result: ' . $result['message'] );
		contains( '1 added', $result['message'], 'message' );
		ok( null !== Sandbox::domain( 'button.example.com' ), 'button did not sync' );

		// The page shows both buttons with nonces, escaped.
		require_once ABSPATH . 'wp-admin/includes/admin.php'; // What an admin page has loaded.
		ob_start();
		plugin()->admin()->page->render();
		$html = ob_get_clean();
		contains( 'name="action" value="runcloud_um_sync"', $html, 'sync button' );
		contains( 'name="action" value="runcloud_um_test"', $html, 'test button' );
		contains( '_wpnonce', $html, 'nonce field' );
		$_REQUEST = array();
	}
);

run_tests();
