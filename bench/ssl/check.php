<?php
/**
 * The smoke test's assertions on a results directory of `run.sh --smoke` (test.sh calls it). They
 * check what the benchmark must keep measuring, never a timing: every domain was added, got its
 * certificate and the removed ones were deleted; no job failed; no 429 reached the log or a job; the
 * calls were counted per step; the report prints both tables.
 *
 *   php check.php RESULTS_DIR REPORT_FILE
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

$dir    = $argv[1];
$report = (string) @file_get_contents( $argv[2] );
$set    = json_decode( (string) @file_get_contents( "$dir/settings.json" ), true );
$pass   = 0;
$fail   = 0;

function check( $ok, $what ) {
	global $pass, $fail;
	if ( $ok ) {
		++$pass;
		echo "ok     $what\n";
	} else {
		++$fail;
		echo "FAILED $what\n";
	}
}

function load( $dir, $mode, $part ) {
	return json_decode( (string) @file_get_contents( "$dir/$mode-$part.json" ), true );
}

check( is_array( $set ) && $set['n'] > 0, 'settings written' );
$n = (int) ( $set['n'] ?? 0 );
foreach ( array( 'per-domain', 'basic' ) as $mode ) {
	if ( 'per-domain' === $mode && is_array( load( $dir, $mode, 'available' ) ) ) {
		check( false !== strpos( $report, 'not available' ), "$mode: reported as not available" );
		continue;
	}
	$watch   = load( $dir, $mode, 'watch' );
	$collect = load( $dir, $mode, 'collect' );
	$remove  = load( $dir, $mode, 'remove' );
	check( is_array( $watch ) && is_array( $collect ) && is_array( $remove ), "$mode: watch, collect and remove results" );
	if ( ! is_array( $watch ) || ! is_array( $collect ) || ! is_array( $remove ) ) {
		continue;
	}
	// Under the 100-name limit the basic certificate covers every domain too.
	check( $n === $watch['covered'] && null !== $watch['all_covered_s'], "$mode: all $n domains answer HTTPS ({$watch['covered']})" );
	check( ( $collect['main']['kinds']['add'] ?? 0 ) >= $n, "$mode: every domain was added with POST /domains" );
	$cert = 'basic' === $mode ? 'cert-basic' : 'cert-domain';
	check( ( $collect['main']['kinds'][ $cert ] ?? 0 ) >= ( 'basic' === $mode ? 1 : $n ), "$mode: certificate calls counted ($cert)" );
	check( $remove['removed'] > 0 && ( $collect['removal']['kinds']['remove'] ?? 0 ) === $remove['removed'], "$mode: one DELETE per removed domain" );
	check( 0 === $collect['failed_jobs'], "$mode: no failed job " . json_encode( $collect['failed_samples'] ) );
	check( 0 === $collect['log_errors_429'] && 0 === $collect['failed_429'], "$mode: no 429 surfaced" );
	check( array() === $collect['php_problems'], "$mode: no PHP problem in our files " . json_encode( $collect['php_problems'] ) );
	// What the customer sees: Ultimate Multisite's own records, set by its own check over real TLS.
	check( $n === ( $watch['um']['secure'] ?? null ) && 0 === $watch['um']['ssl_failed'], "$mode: all $n records done + secure in Ultimate Multisite, none ssl-failed " . json_encode( $watch['um'] ?? null ) );
	$issued = $watch['um_latency']['issued_to_secure'] ?? null;
	// Per domain every name has its own "issued"; in basic mode a name a redeploy covered before its DNS
	// propagated has none (Ultimate Multisite's first check passes by itself).
	check( null !== $issued && ( 'basic' === $mode ? $issued['n'] > 0 : $n === $issued['n'] ) && $issued['median'] < 30, "$mode: median time from a certificate issued to secure under 30 s " . json_encode( $issued ) );
}
// The migration: every record had given up before the switch, and every one is secure after it.
$migrate = load( $dir, 'migration', 'migrate' );
$watch   = load( $dir, 'migration', 'watch' );
check( is_array( $migrate ) && is_array( $watch ), 'migration: migrate and watch results' );
if ( is_array( $migrate ) && is_array( $watch ) ) {
	check( $n === $migrate['before']['ssl_failed'] && 0 === $migrate['exit'], "migration: all $n records ssl-failed before the switch, and the switch succeeded " . json_encode( $migrate['before'] ) );
	check( $n === ( $watch['um']['secure'] ?? null ) && 0 === $watch['um']['ssl_failed'], "migration: all $n records done + secure after it, none ssl-failed " . json_encode( $watch['um'] ?? null ) );
	$issued = $watch['um_latency']['issued_to_secure'] ?? null;
	check( null !== $issued && $issued['median'] < 30, 'migration: median time from a certificate issued to secure under 30 s ' . json_encode( $issued ) );
}
check( false !== strpos( $report, '### Ultimate Multisite' ), 'report prints the table of Ultimate Multisite\'s records' );
check( false !== strpos( $report, '### Mapping' ) && false !== strpos( $report, '### API calls per domain lifecycle' ), 'report prints both tables' );
echo "bench-ssl smoke: $pass passed, $fail failed\n";
exit( $fail ? 1 : 0 );
