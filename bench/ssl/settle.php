<?php
/**
 * Waits until the queue has nothing due (two polls in a row) or the timeout: the end of the removal
 * part, whose result is read from the sandbox afterwards.
 *
 *   php settle.php TIMEOUT_S HORIZON_S
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';
require __DIR__ . '/lib/progress.php';

$start = microtime( true );
$idle  = 0;
while ( microtime( true ) - $start < (float) $argv[1] && $idle < 2 ) {
	usleep( 500000 );
	$queue = bench_queue( (int) $argv[2] );
	$idle  = 0 === $queue['due'] ? $idle + 1 : 0;
}
bench_out( array( 'settled' => $idle >= 2, 'waited_s' => round( microtime( true ) - $start, 2 ) ) );
