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

/**
 * Ultimate Multisite's own records of the mapped domains (the network's own left out): how many are
 * `done` + `secure`, gave up (`ssl-failed`, `failed`), or are still being checked.
 *
 * @return array{secure: int, ssl_failed: int, failed: int, checking: int, other: int}
 */
function bench_um_records() {
	global $wpdb;
	$rows = $wpdb->get_results( $wpdb->prepare( "SELECT stage, secure, COUNT(*) AS n FROM {$wpdb->base_prefix}wu_domain_mappings WHERE domain <> %s GROUP BY stage, secure", get_network()->domain ), ARRAY_A );
	$out  = array( 'secure' => 0, 'ssl_failed' => 0, 'failed' => 0, 'checking' => 0, 'other' => 0 );
	foreach ( $rows as $row ) {
		$n = (int) $row['n'];
		if ( 'done' === $row['stage'] && (int) $row['secure'] ) {
			$out['secure'] += $n;
		} elseif ( 'ssl-failed' === $row['stage'] ) {
			$out['ssl_failed'] += $n;
		} elseif ( 'failed' === $row['stage'] ) {
			$out['failed'] += $n;
		} elseif ( in_array( $row['stage'], array( 'checking-dns', 'checking-ssl-cert' ), true ) ) {
			$out['checking'] += $n;
		} else {
			$out['other'] += $n;
		}
	}

	return $out;
}

/**
 * From Ultimate Multisite's per-domain logs (1 s resolution; read before any domain is removed, since
 * its deletion takes the log with it): per domain, the seconds from its DNS propagation, and from its
 * certificate issued, to `secure`; as median / p95 / max.
 *
 * @return array{dns_to_secure: ?array, issued_to_secure: ?array}
 */
function bench_um_latencies() {
	$to_secure = array();
	$issued_to = array();
	foreach ( glob( WP_CONTENT_DIR . '/uploads/wu-logs/domain-customer-*.log' ) ?: array() as $file ) {
		$prop   = null;
		$issued = null;
		$secure = null;
		foreach ( file( $file, FILE_IGNORE_NEW_LINES ) as $line ) {
			if ( ! preg_match( '/^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\]/', $line, $m ) ) {
				continue;
			}
			$t = strtotime( $m[1] . ' UTC' );
			if ( null === $prop && false !== strpos( $line, 'DNS propagation finished' ) ) {
				$prop = $t;
			} elseif ( null === $secure && false !== strpos( $line, ' issued; RunCloud serves it' ) ) {
				$issued = $t;
			} elseif ( null === $secure && false !== strpos( $line, 'Valid SSL cert found' ) ) {
				$secure = $t;
			}
		}
		if ( null !== $secure && null !== $prop ) {
			$to_secure[] = $secure - $prop;
		}
		if ( null !== $secure && null !== $issued ) {
			$issued_to[] = $secure - $issued;
		}
	}
	$stats = static function ( array $values ) {
		if ( ! $values ) {
			return null;
		}
		sort( $values );
		$at = static function ( $q ) use ( $values ) {
			return $values[ (int) min( count( $values ) - 1, ceil( $q * count( $values ) ) - 1 ) ];
		};

		return array( 'n' => count( $values ), 'median' => $at( 0.5 ), 'p95' => $at( 0.95 ), 'max' => end( $values ) );
	};

	return array( 'dns_to_secure' => $stats( $to_secure ), 'issued_to_secure' => $stats( $issued_to ) );
}
