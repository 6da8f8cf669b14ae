<?php
/**
 * What the browser suite asks of WordPress from the command line (same copy and database as the
 * web server's, chosen by RCB_UM):
 *
 *   php cli.php customer PAYLOAD         creates the customer "customer" (password customer-pass-1),
 *                                        administrator of a site of their own named PAYLOAD; prints
 *                                        {"user": id, "site": id}
 *   php cli.php nonce LOGIN ACTION COOKIE  the nonce WordPress gives LOGIN for ACTION in the session
 *                                        of the logged-in cookie COOKIE (what a page would print)
 *   php cli.php cron-lock KEY            makes Action Scheduler's WP-Cron event (its queue runner, every
 *                                        minute) due now, and takes WP-Cron's lock for KEY, as
 *                                        spawn_cron() does before it requests wp-cron.php?doing_wp_cron=KEY
 *   php cli.php cron-lock-held KEY       prints 1 while that run of wp-cron.php has not ended, else 0
 *   php cli.php state                    what the suite checks is unchanged: {"failures", "strategy",
 *                                        "mode", "names", "active"}
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require getenv( 'RCB_WP_DIR' ) . '/wp-load.php';

$rcb_command = $argv[1] ?? '';

switch ( $rcb_command ) {
	case 'customer':
		$user = get_user_by( 'login', 'customer' );
		$id   = $user ? $user->ID : wpmu_create_user( 'customer', 'customer-pass-1', 'customer@example.com' );
		if ( ! $id ) {
			fwrite( STDERR, "cannot create the customer\n" );
			exit( 1 );
		}
		$site = get_blog_id_from_url( 'shop.net-sub.test', '/' );
		if ( ! $site ) {
			$site = wpmu_create_blog( 'shop.net-sub.test', '/', 'Shop', $id, array(), get_current_network_id() );
		}
		if ( is_wp_error( $site ) ) {
			fwrite( STDERR, $site->get_error_message() . "\n" );
			exit( 1 );
		}
		update_blog_option( $site, 'blogname', (string) ( $argv[2] ?? 'Shop' ) );
		echo wp_json_encode( array( 'user' => (int) $id, 'site' => (int) $site ) ), "\n";
		break;

	case 'nonce':
		$user = get_user_by( 'login', (string) ( $argv[2] ?? '' ) );
		if ( ! $user ) {
			fwrite( STDERR, "no such user\n" );
			exit( 1 );
		}
		$_COOKIE[ LOGGED_IN_COOKIE ] = (string) ( $argv[4] ?? '' );
		wp_set_current_user( $user->ID );
		echo wp_create_nonce( (string) ( $argv[3] ?? '' ) ), "\n";
		break;

	case 'cron-lock':
		// Time travel, not a shortcut: the same event WP-Cron would run within the minute.
		$next = wp_next_scheduled( 'action_scheduler_run_queue', array( 'WP Cron' ) );
		if ( $next ) {
			wp_unschedule_event( $next, 'action_scheduler_run_queue', array( 'WP Cron' ) );
		}
		wp_schedule_event( time() - 1, 'every_minute', 'action_scheduler_run_queue', array( 'WP Cron' ) );
		set_transient( 'doing_cron', (string) ( $argv[2] ?? '' ) );
		break;

	case 'cron-lock-held':
		wp_cache_delete( '_transient_doing_cron', 'options' );
		echo get_transient( 'doing_cron' ) === (string) ( $argv[2] ?? '' ) ? '1' : '0', "\n";
		break;

	case 'state':
		echo wp_json_encode(
			array(
				'failures' => count( (array) get_site_option( 'wu_runcloud_last_failures', array() ) ),
				'strategy' => get_site_option( 'wu_runcloud_ssl_strategy', '' ),
				'mode'     => get_site_option( 'wu_runcloud_ssl_mode', '' ),
				'names'    => get_site_option( 'wu_runcloud_names', '' ),
				'active'   => array_keys( (array) get_site_option( 'active_sitewide_plugins', array() ) ),
			)
		), "\n";
		break;

	default:
		fwrite( STDERR, "unknown command $rcb_command\n" );
		exit( 2 );
}
