<?php
/**
 * Runs the due Action Scheduler jobs in a request of its own, as a later WP-Cron or queue request
 * would: a new PHP process, so a new client session (the extension's pacing after a 429 belongs to
 * the session that received it). Called by run_jobs_later() in harness.php.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require getenv( 'RCI_WP_DIR' ) . '/wp-load.php';
require __DIR__ . '/um.php'; // A pointed name's loopback check answers here too.

for ( $i = 0; $i < 20; $i++ ) {
	ActionScheduler_QueueRunner::instance()->run( 'WP CLI' );
	if ( ! as_has_scheduled_action( '', null, '' ) ) {
		break;
	}
	global $wpdb;
	$due = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->base_prefix}actionscheduler_actions WHERE status = 'pending' AND scheduled_date_gmt <= %s", gmdate( 'Y-m-d H:i:s' ) ) );
	if ( 0 === $due ) {
		break;
	}
}
echo "QUEUE-DONE\n";
