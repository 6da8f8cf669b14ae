<?php
/**
 * One run's starting point: the sandbox reset and seeded for the mode, the rate limit and the
 * certificate authority's limits set, then N domains mapped through Ultimate Multisite's own
 * wu_create_domain() (each queues wu_add_domain and its DNS stage; no RunCloud call is made here).
 * The journal is emptied last, so what it holds afterwards is the run's.
 *
 *   php prepare.php MODE N      MODE: per-domain | basic
 *
 * Environment: BENCH_RATE_LIMIT, BENCH_RATE_WINDOW, BENCH_WWW (always|never).
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';

$mode = $argv[1] ?? '';
$n    = (int) ( $argv[2] ?? 0 );
if ( ! in_array( $mode, array( 'per-domain', 'basic', 'migration' ), true ) || $n < 1 ) {
	fwrite( STDERR, "usage: prepare.php per-domain|basic|migration N\n" );
	exit( 2 );
}

// A real account would not meet these limits in a run like this one (which squeezes days of sign-ups
// into minutes, one registered domain per customer); the 100-name limit is kept: it is the point.
$big    = 100000000;
$config = array(
	'rate_limit'          => (int) getenv( 'BENCH_RATE_LIMIT' ),
	'rate_window'         => (int) getenv( 'BENCH_RATE_WINDOW' ),
	'ca_order_limit'      => $big,
	'ca_duplicate_limit'  => $big,
	'ca_domain_limit'     => $big,
	'ca_max_names'        => 100,
);
$webapp = array( 'ssl' => true );
if ( 'per-domain' === $mode ) {
	$webapp['advanced_ssl'] = array( 'advancedSSL' => true, 'autoSSL' => false );
}
if ( 'migration' === $mode ) {
	// The migration paces itself by the limit RunCloud announces, which it reads as calls per minute
	// (RunCloud's window): the same rate, announced over a 60 s window.
	$config['rate_limit']  = (int) ceil( $config['rate_limit'] * 60 / max( 1, $config['rate_window'] ) );
	$config['rate_window'] = 60;
	// Basic SSL, and the certificate authority refuses every mapped name (as if their DNS did not point
	// yet): Ultimate Multisite's checks find no certificate and give up (ssl-failed) before the switch.
	for ( $i = 1; $i <= $n; $i++ ) {
		$config['unpointed'][] = bench_name( $i );
	}
}
Sandbox::seed( $webapp, $config );
Sandbox::call( 'DELETE', '/__sandbox/ca' );

wu_save_setting( 'auto_create_www_subdomain', getenv( 'BENCH_WWW' ) ?: 'never' );
// Ultimate Multisite's checks as often as it allows (every 10 s instead of 5 minutes), so its five
// tries are over in under a minute: a run shorter than a real one must not hide its limit.
wu_save_setting( 'dns_check_interval', 10 );

$start = microtime( true );
for ( $i = 1; $i <= $n; $i++ ) {
	$domain = wu_create_domain( array( 'domain' => bench_name( $i ), 'blog_id' => 1 ) );
	if ( is_wp_error( $domain ) ) {
		fwrite( STDERR, 'wu_create_domain(' . bench_name( $i ) . '): ' . $domain->get_error_message() . "\n" );
		exit( 1 );
	}
}
$created = microtime( true ) - $start;

// DNS: every mapped name (and its www. twin) resolves to the sandbox's HTTPS listener for every PHP
// process of the run (nss_wrapper's hosts file).
$hosts = "127.0.0.1 localhost\n";
for ( $i = 1; $i <= $n; $i++ ) {
	$hosts .= getenv( 'RCI_SITES_ADDR' ) . ' ' . bench_name( $i ) . ' www.' . bench_name( $i ) . "\n";
}
clearstatcache();
$before = (int) @filemtime( getenv( 'RCI_HOSTS' ) );
file_put_contents( getenv( 'RCI_HOSTS' ), $hosts );
touch( getenv( 'RCI_HOSTS' ), max( time(), $before + 1 ) ); // nss_wrapper reads it again when its time changed.

Sandbox::call( 'DELETE', '/__sandbox/journal' );
bench_out( array( 'mode' => $mode, 'n' => $n, 'create_s' => round( $created, 2 ), 'config' => Sandbox::call( 'GET', '/__sandbox/config' ) ) );
