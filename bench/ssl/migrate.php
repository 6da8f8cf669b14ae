<?php
/**
 * The migration mode's middle: waits (at most TIMEOUT_S) until Ultimate Multisite is done checking
 * every record (its five checks found no certificate: the certificate authority refused every order
 * while the web app was in basic SSL, so they end ssl-failed; over 100 names the plugin's basic-mode
 * guard holds the redeploy back instead, the certificate stays pending and the checks stay alive), then
 * lets the authority issue again and runs `wp runcloud ssl mode advanced` through the real WP-CLI phar.
 * Prints the records before, the time the switch took, and when it started.
 *
 *   php migrate.php TIMEOUT_S
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';
require __DIR__ . '/lib/progress.php';

$timeout = (float) ( $argv[1] ?? 300 );
$start   = microtime( true );
do {
	usleep( 500000 );
	wp_cache_flush();
	$um = bench_um_records();
} while ( $um['checking'] > 0 && microtime( true ) - $start < $timeout );
$gave_up_s = round( microtime( true ) - $start, 2 );

Sandbox::config( array( 'unpointed' => array() ) );
$switch = microtime( true );
$cmd    = escapeshellarg( getenv( 'PHP' ) ?: PHP_BINARY ) . ' -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) ) . ' '
	. escapeshellarg( getenv( 'RCI_WP_CLI' ) ) . ' --allow-root --path=' . escapeshellarg( getenv( 'RCI_WP_DIR' ) ) . ' runcloud ssl mode advanced 2>&1';
exec( $cmd, $out, $code );
bench_out(
	array(
		'before'      => $um,
		'gave_up_s'   => $gave_up_s,
		'switch_unix' => $switch,
		'switch_s'    => round( microtime( true ) - $switch, 2 ),
		'exit'        => $code,
		'output'      => implode( "\n", array_slice( $out, -3 ) ),
	)
);
exit( 0 === $code ? 0 : 1 );
