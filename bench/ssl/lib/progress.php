<?php
/**
 * What the watcher reads while a run goes on: how many of the benchmark's domains the sandbox's model
 * says answer HTTPS with a valid certificate, and whether the queue still has work that can change it.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

/**
 * Domains of the web app covered now, the primary left out (it is not one of the benchmark's).
 *
 * @return array{covered: int, domains: int}
 */
function bench_coverage() {
	$coverage = Sandbox::call( 'GET', '/__sandbox/ca/coverage?webapp=' . BENCH_WEBAPP );
	$app      = $coverage['webapps'][0];
	$primary  = get_network()->domain;
	$primary_covered = true;
	foreach ( $app['uncovered'] as $u ) {
		if ( $u['name'] === $primary ) {
			$primary_covered = false;
		}
	}

	return array(
		'covered' => (int) $app['covered'] - ( $primary_covered ? 1 : 0 ),
		'domains' => (int) $app['domains'] - 1,
	);
}

/**
 * Jobs that can still change the web app, due within $horizon seconds or running: the plugin's
 * (the daily reconcile left out), Ultimate Multisite's domain events, and DNS stages of domains
 * still waiting for DNS (later stages only look for the certificate).
 *
 * @param int $horizon Seconds.
 * @return array{due: int, later: int, dns_waiting: int}
 */
function bench_queue( $horizon ) {
	global $wpdb;
	$hooks = "(hook LIKE 'wu\\_runcloud\\_%' AND hook <> 'wu_runcloud_reconcile') OR hook IN ('wu_add_domain', 'wu_remove_domain')";
	$limit = gmdate( 'Y-m-d H:i:s', time() + (int) $horizon );
	$due   = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . bench_table( 'actions' ) . " WHERE ($hooks) AND (status = 'in-progress' OR (status = 'pending' AND scheduled_date_gmt <= %s))", $limit ) );
	$later = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . bench_table( 'actions' ) . " WHERE ($hooks) AND status = 'pending'" ) - $due;
	$dns   = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->base_prefix}wu_domain_mappings WHERE stage = 'checking-dns'" );

	return array( 'due' => $due, 'later' => max( 0, $later ), 'dns_waiting' => $dns );
}
