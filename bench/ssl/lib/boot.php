<?php
/**
 * Loads the benchmark's WordPress (integration/tests/lib/wp-config.php, through RCI_WP_DIR) and the
 * sandbox's admin API the integration tests use, plus the few facts every driver reads.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require getenv( 'RCI_WP_DIR' ) . '/wp-load.php';
require getenv( 'BENCH_TESTS_LIB' ) . '/sandbox.php';

/** The benchmark's web app (the one lib/sandbox.php seeds). */
const BENCH_WEBAPP = 10;

/** Name of mapped domain $i (1-based): each its own registered domain, as customers' domains are. */
function bench_name( $i ) {
	return sprintf( 'customer-%04d.test', $i );
}

/** Action Scheduler's table $name. */
function bench_table( $name ) {
	global $wpdb;

	return $wpdb->base_prefix . 'actionscheduler_' . $name;
}

/** Writes one JSON document to stdout. */
function bench_out( array $doc ) {
	echo json_encode( $doc, JSON_UNESCAPED_SLASHES ), "\n";
}
