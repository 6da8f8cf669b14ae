<?php
/**
 * wp runcloud ... (with a test double of WP-CLI's API).
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

/** Runs wp runcloud <sub> ... */
function wp_runcloud( $sub, array $args = array(), array $assoc = array() ) {
	return WP_CLI::run_command( 'runcloud', $sub, $args, $assoc );
}

t(
	'the runcloud command is registered',
	function () {
		ok( isset( WP_CLI::$commands['runcloud'] ), 'command not registered' );
	}
);

t(
	'wp runcloud ping',
	function () {
		list( $code, $out ) = wp_runcloud( 'ping' );
		eq( 0, $code, 'exit code: ' . implode( ' | ', $out ) );
		contains( 'Connected to RunCloud: server 1, web app 10', implode( "\n", $out ), 'output' );

		add_filter( 'wu_runcloud_setting', function ( $v, $n ) {
			return 'WU_RUNCLOUD_APP_ID' === $n ? '5' : $v;
		}, 10, 2 );
		plugin()->connector->reset();
		list( $code, $out ) = wp_runcloud( 'ping' );
		eq( 1, $code, 'exit code with a wrong app id' );
		contains( 'Web app 5 was not found', implode( "\n", $out ), 'output' );
	}
);

t(
	'wp runcloud domains add, list and remove, with a table and a progress bar',
	function () {
		www_setting( 'never' );
		list( $code, $out ) = wp_runcloud( 'domains', array( 'add', 'cli-1.example.com', 'CLI-2.example.com', 'bad..name' ) );
		eq( 1, $code, 'exit code when one name is invalid' );
		$rows = WP_CLI::$tables[0][1];
		eq( array( 'failed', 'added', 'added' ), array_column( $rows, 'status' ), 'statuses' );
		eq( 3, WP_CLI::$bars[0]->total, 'progress bar total' );
		ok( WP_CLI::$bars[0]->finished, 'progress bar finished' );
		ok( null !== Sandbox::domain( 'cli-2.example.com' ), 'cli-2 missing' );

		list( $code, $out ) = wp_runcloud( 'domains', array( 'add', 'www.example.org' ), array( 'www' => true ) );
		eq( 0, $code, 'exit code' );

		list( $code, $out ) = wp_runcloud( 'domains', array( 'list' ) );
		eq( 0, $code, 'exit code' );
		eq( array( 'id', 'name', 'type', 'www', 'redirection', 'wildcard', 'tracked' ), WP_CLI::$tables[0][0], 'columns' );
		$names = array_column( WP_CLI::$tables[0][1], 'name' );
		ok( in_array( 'cli-1.example.com', $names, true ) && in_array( 'net-sub.test', $names, true ), 'listed: ' . implode( ',', $names ) );

		list( $code, $out ) = wp_runcloud( 'domains', array( 'remove', 'cli-1.example.com', 'never-there.example.com' ) );
		eq( 0, $code, 'exit code' );
		eq( array( 'removed', 'unchanged' ), array_column( WP_CLI::$tables[0][1], 'status' ), 'statuses' );
		ok( null === Sandbox::domain( 'cli-1.example.com' ), 'cli-1 still there' );
	}
);

t(
	'wp runcloud sync --dry-run, then sync',
	function () {
		Sandbox::seed( array( 'domains' => array( 'stray.example.com' ) ) );
		UM::create_domain( 'wanted.example.com', 1 );
		list( $code, $out ) = wp_runcloud( 'sync', array(), array( 'dry-run' => true ) );
		eq( 0, $code, 'exit code: ' . implode( ' | ', $out ) );
		contains( "wanted.example.com\twould add", implode( "\n", $out ), 'table' );
		contains( "stray.example.com\twould remove", implode( "\n", $out ), 'table' );
		ok( null !== Sandbox::domain( 'stray.example.com' ), 'dry run removed' );
		ok( WP_CLI::$bars[0]->finished && WP_CLI::$bars[0]->ticks >= 2, 'progress bar' );

		list( $code, $out ) = wp_runcloud( 'sync' );
		eq( 0, $code, 'exit code' );
		contains( 'Success: 1 added, 1 removed', implode( "\n", $out ), 'summary' );
		ok( null === Sandbox::domain( 'stray.example.com' ), 'stray kept' );
	}
);

t(
	'wp runcloud ssl status and redeploy',
	function () {
		$deploys = Sandbox::deploys();
		list( $code, $out ) = wp_runcloud( 'ssl', array( 'status' ) );
		eq( 0, $code, 'exit code' );
		$fields = array_column( WP_CLI::$tables[0][1], 'value', 'field' );
		eq( 'letsencrypt', $fields['method'], 'method' );
		eq( 'none', $fields['next_redeploy'], 'next redeploy' );

		dns_points( true );
		list( , $actions ) = UM::create_domain( 'queued.example.com', 1 );
		um_run( $actions );
		list( $code, $out ) = wp_runcloud( 'ssl', array( 'status' ) );
		$fields = array_column( WP_CLI::$tables[0][1], 'value', 'field' );
		eq( 'queued.example.com', $fields['pending_redeploy'], 'pending' );

		list( $code, $out ) = wp_runcloud( 'ssl', array( 'redeploy' ) );
		eq( 0, $code, 'exit code' );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys' );
		eq( array(), plugin()->ssl->pending(), 'pending after a manual redeploy' );
	}
);

t(
	'wp runcloud errors are readable and exit non-zero',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 500, 'body' => '{"message":"Server Error"}', 'count' => 4 ) );
		list( $code, $out ) = wp_runcloud( 'domains', array( 'list' ) );
		eq( 1, $code, 'exit code' );
		contains( 'Error: HTTP 500 on GET /servers/1/webapps/10/domains', implode( "\n", $out ), 'message' );
		contains( ': Server Error', implode( "\n", $out ), 'RunCloud\'s message' );
	}
);

run_tests();
