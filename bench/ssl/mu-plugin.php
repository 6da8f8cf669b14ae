<?php
/**
 * Must-use plugin of the SSL benchmark's WordPress (bench/ssl/run.sh links it into mu-plugins).
 *
 * The benchmark's domains do not exist in any DNS, so the two facts the real world would supply are
 * supplied here, and nothing else:
 *
 * - Ultimate Multisite's DNS stage asks the domain itself over HTTP whether it is served by this
 *   network (its loopback check): the answer is given for every mapped domain, as a pointed domain
 *   would give it. So the stage advances and fires wu_domain_manager_dns_propagation_finished.
 * - The plugin's own DNS check (filter wu_runcloud_dns_points_to_server) says "points" once Ultimate
 *   Multisite's stage has seen the domain point, and not before: the customer's DNS propagates
 *   after the domain is mapped, which is the case the certificate must wait for.
 *
 * And the three queue runners are allowed to run side by side (Action Scheduler allows one batch at
 * a time unless told), as a site that runs several `wp action-scheduler run` processes configures.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		if ( '' === $host || '/' !== ( wp_parse_url( $url, PHP_URL_PATH ) ?: '/' ) || ! function_exists( 'wu_get_domain_by_domain' ) ) {
			return $pre;
		}
		$domain = wu_get_domain_by_domain( $host );
		if ( ! $domain ) {
			return $pre;
		}

		return array(
			'headers'  => array(),
			'body'     => wp_json_encode( array( 'id' => (int) $domain->get_id() ) ),
			'response' => array( 'code' => 200, 'message' => 'OK' ),
			'cookies'  => array(),
			'filename' => null,
		);
	},
	10,
	3
);

add_filter(
	'wu_runcloud_dns_points_to_server',
	static function ( $decided, $name ) {
		global $wpdb;
		// Read from the table, not a model cache: another runner process may have just moved the stage.
		$stage = $wpdb->get_var( $wpdb->prepare( "SELECT stage FROM {$wpdb->base_prefix}wu_domain_mappings WHERE domain = %s LIMIT 1", $name ) );

		return null !== $stage && ! in_array( $stage, array( 'checking-dns', 'failed' ), true );
	},
	10,
	2
);

add_filter(
	'action_scheduler_queue_runner_concurrent_batches',
	static function () {
		return max( 1, (int) ( getenv( 'BENCH_WORKERS' ) ?: 3 ) );
	}
);
