<?php
/**
 * The plugin loads on every kind of request with no fatal error, warning, notice or deprecation of
 * its own: front end, network admin, WP-Cron, WP-CLI (the real phar). Run with and without the
 * extension, and on a network whose Ultimate Multisite was removed from the plugins folder.
 *
 * @run
 * @run RCI_EXT=0
 * @run RCI_UM=none
 * @run RCI_UM=none RCI_EXT=0
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require dirname( __DIR__ ) . '/lib/harness.php';

/** Runs PHP on $args (a script and its arguments) as a separate request; returns [exit code, output]. */
function request( array $args ) {
	$php = getenv( 'PHP' ) ?: PHP_BINARY;
	$cmd = escapeshellarg( $php ) . ' -d display_errors=stderr -d error_reporting=-1';
	if ( extension_loaded( 'runcloud' ) ) {
		$cmd .= ' -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) );
	}
	foreach ( $args as $arg ) {
		$cmd .= ' ' . escapeshellarg( $arg );
	}
	exec( $cmd . ' 2>&1', $lines, $code );

	return array( $code, implode( "\n", $lines ) );
}

/** Asserts that an output has no PHP problem at all from this plugin. */
function clean( $output, $what ) {
	$problems = preg_grep( '/(^|PHP |<b>)(Fatal error|Warning|Notice|Deprecated)(<\/b>)?:|called <strong>incorrectly/', explode( "\n", $output ) );
	$ours     = preg_grep( '/runcloud|RunCloud_Ultimate_Multisite|as_next_scheduled_action|as_schedule_recurring_action/i', $problems );
	eq( array(), array_values( $ours ), "PHP problems of the plugin on $what" );
	not_contains( 'Fatal error', $output, "fatal error on $what" );
}

t(
	'front end, network admin and WP-Cron requests load cleanly',
	function () {
		$wp = getenv( 'RCI_WP_DIR' );
		list( $code, $out ) = request( array( $wp . '/index.php' ) );
		clean( $out, 'the front end' );
		contains( '</html>', $out, 'the front page was not rendered' );

		$admin = sys_get_temp_dir() . '/rci-admin-' . getmypid() . '.php';
		file_put_contents(
			$admin,
			'<?php define( "WP_ADMIN", true ); define( "WP_NETWORK_ADMIN", true ); require ' . var_export( $wp . '/wp-load.php', true ) . ';'
			. ' require_once ABSPATH . "wp-admin/includes/admin.php"; wp_set_current_user( 1 ); set_current_screen( "dashboard-network" );'
			. ' do_action( "admin_init" ); do_action( "network_admin_menu" ); do_action( "network_admin_notices" ); do_action( "admin_notices" ); echo "\nADMIN-DONE\n";'
		);
		list( $code, $out ) = request( array( $admin ) );
		unlink( $admin );
		clean( $out, 'the network admin' );
		contains( 'ADMIN-DONE', $out, 'the admin request did not finish' );
		if ( 'none' === RCI_UM_GENERATION ) {
			contains( 'Ultimate Multisite', $out, 'no notice that Ultimate Multisite is missing' );
		}
		if ( ! extension_loaded( 'runcloud' ) ) {
			contains( 'extension=runcloud.so', $out, 'no notice on how to install the extension' );
		}

		list( $code, $out ) = request( array( $wp . '/wp-cron.php' ) );
		clean( $out, 'WP-Cron' );
		eq( 0, $code, 'wp-cron.php exit code' );
	}
);

t(
	'WP-CLI (the real phar) loads cleanly and knows the runcloud command',
	function () {
		list( $code, $out ) = request( array( getenv( 'RCI_WP_CLI' ), '--allow-root', '--path=' . getenv( 'RCI_WP_DIR' ), 'help', 'runcloud' ) );
		clean( $out, 'WP-CLI' );
		eq( 0, $code, "wp help runcloud exit code ($out)" );
		contains( 'domains', $out, 'runcloud subcommands' );
	}
);

run_tests();
