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
}
check( false !== strpos( $report, '### Mapping' ) && false !== strpos( $report, '### API calls per domain lifecycle' ), 'report prints both tables' );
echo "bench-ssl smoke: $pass passed, $fail failed\n";
exit( $fail ? 1 : 0 );
