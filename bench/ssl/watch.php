<?php
/**
 * Watches one run from the moment the queue runners start: polls the sandbox's HTTPS coverage and
 * the queue, and ends when every domain is covered (then waits for the queue to settle, so trailing
 * calls are counted), when nothing left in the queue can change anything, or at the timeout.
 *
 *   php watch.php N TIMEOUT_S HORIZON_S    (HORIZON_S: the SSL window plus a margin)
 *
 * Prints one JSON document: the time until all N were covered (null if never), the times of 25, 50
 * and 75 %, the coverage at the end, and why the watch ended.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';
require __DIR__ . '/lib/progress.php';

$n       = (int) $argv[1];
$timeout = (float) $argv[2];
$horizon = (int) $argv[3];
$start   = microtime( true );
$marks   = array();
$all_at  = null;
$ended   = 'timeout';
$idle    = 0;
$um_at   = null;

while ( microtime( true ) - $start < $timeout ) {
	$now      = microtime( true ) - $start;
	$coverage = bench_coverage();
	foreach ( array( 25, 50, 75, 100 ) as $pct ) {
		if ( ! isset( $marks[ $pct ] ) && $coverage['covered'] * 100 >= $pct * $n ) {
			$marks[ $pct ] = round( $now, 2 );
		}
	}
	if ( null === $all_at && $coverage['covered'] >= $n ) {
		$all_at = $now;
	}
	wp_cache_flush();
	$um = bench_um_records();
	if ( null === $um_at && $um['secure'] >= $n ) {
		$um_at = $now;
	}
	$queue = bench_queue( $horizon );
	// Two quiet polls in a row: a job between claim and start is not missed.
	$idle = ( 0 === $queue['due'] && 0 === $queue['dns_waiting'] && ( null !== $all_at || 0 === $queue['later'] ) ) ? $idle + 1 : 0;
	// Covered in the sandbox's model is not yet secure in Ultimate Multisite's records: its own check
	// (a TLS handshake) has to pass first, so the watch goes on until no record is still being checked.
	if ( $idle >= 2 && ( null === $all_at || 0 === $um['checking'] ) ) {
		$ended = null !== $all_at ? 'all covered, queue settled' : 'queue settled, not all covered';
		break;
	}
	// No bound after coverage but the run's timeout: on a loaded machine the queue runners and Ultimate
	// Multisite's checks take longer, and a watch cut short would count records as failed that were on their way.
	usleep( 500000 );
}

$final = bench_coverage();
bench_out(
	array(
		'started_unix'  => $start,
		'all_covered_s' => null === $all_at ? null : round( $all_at, 2 ),
		'marks'         => $marks,
		'covered'       => $final['covered'],
		'on_runcloud'   => $final['domains'],
		'watched_s'     => round( microtime( true ) - $start, 2 ),
		'ended'         => $ended,
		'um_all_secure_s' => null === $um_at ? null : round( $um_at, 2 ),
		'um'            => bench_um_records(),
		'um_latency'    => bench_um_latencies(),
		'queue'         => bench_queue( $horizon ),
	)
);
