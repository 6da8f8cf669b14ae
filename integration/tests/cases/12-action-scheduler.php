<?php
/**
 * With Action Scheduler loaded (as Ultimate Multisite bundles it), jobs go there, in group "runcloud".
 * A minimal recording stand-in of Action Scheduler's functions is defined here (test only).
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

$GLOBALS['as_actions'] = array();

function as_schedule_single_action( $timestamp, $hook, $args = array(), $group = '' ) {
	$GLOBALS['as_actions'][] = array( 'single', $timestamp, $hook, $args, $group );
	return count( $GLOBALS['as_actions'] );
}
function as_enqueue_async_action( $hook, $args = array(), $group = '' ) {
	$GLOBALS['as_actions'][] = array( 'async', time(), $hook, $args, $group );
	return count( $GLOBALS['as_actions'] );
}
function as_schedule_recurring_action( $timestamp, $interval, $hook, $args = array(), $group = '' ) {
	$GLOBALS['as_actions'][] = array( 'recurring', $timestamp, $hook, $args, $group, $interval );
	return count( $GLOBALS['as_actions'] );
}
function as_next_scheduled_action( $hook, $args = null, $group = '' ) {
	foreach ( $GLOBALS['as_actions'] ?? array() as $a ) {
		if ( $a[2] === $hook && ( null === $args || $a[3] === $args ) && ( '' === $group || $a[4] === $group ) ) {
			return $a[1];
		}
	}
	return false;
}
function as_unschedule_all_actions( $hook, $args = array(), $group = '' ) {
	$GLOBALS['as_actions'] = array_values( array_filter( $GLOBALS['as_actions'] ?? array(), function ( $a ) use ( $hook ) {
		return $a[2] !== $hook;
	} ) );
}

t(
	'retries, redeploys and the reconcile are Action Scheduler actions in group runcloud',
	function () {
		$GLOBALS['as_actions'] = array();
		ok( plugin()->queue->uses_action_scheduler(), 'Action Scheduler not detected' );

		plugin()->activate( 'capability' );
		$recurring = array_values( array_filter( $GLOBALS['as_actions'], function ( $a ) {
			return 'recurring' === $a[0];
		} ) );
		eq( 'wu_runcloud_reconcile', $recurring[0][2] ?? null, 'recurring reconcile' );
		eq( DAY_IN_SECONDS, $recurring[0][5], 'reconcile interval' );

		dns_points( true );
		list( , $actions ) = UM::create_domain( 'as-1.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		list( , $actions ) = UM::create_domain( 'as-2.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$ssl = array_values( array_filter( $GLOBALS['as_actions'], function ( $a ) {
			return 'wu_runcloud_ssl_redeploy' === $a[2];
		} ) );
		eq( 1, count( $ssl ), 'one redeploy action for two domains' );
		eq( 'runcloud', $ssl[0][4], 'group' );

		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 503, 'body' => '{"message":"busy"}', 'count' => 2 ) );
		list( , $actions ) = UM::create_domain( 'as-3.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$retry = array_values( array_filter( $GLOBALS['as_actions'], function ( $a ) {
			return 'wu_runcloud_retry' === $a[2];
		} ) );
		eq( 1, count( $retry ), 'retry action' );
		eq( array( 'add-domain', 'as-3.example.com', 1, 1 ), $retry[0][3], 'retry args' );
		ok( $retry[0][1] >= time() + 59, 'retry delayed' );
		eq( array(), jobs(), 'WP-Cron used while Action Scheduler is there' );
	}
);

run_tests();
