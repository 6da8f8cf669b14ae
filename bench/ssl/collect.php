<?php
/**
 * Everything one run left behind, as one JSON document: the API calls (sandbox journal) of the
 * add-and-certificate part and of the removal part, per lifecycle step; what the certificate
 * authority did; the jobs that failed and the plugin's ERROR lines (429s among them); PHP problems
 * raised in the plugin's files.
 *
 *   php collect.php JOURNAL_ID_BEFORE_REMOVALS
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';
require __DIR__ . '/lib/journal.php';

global $wpdb;
$boundary = (int) ( $argv[1] ?? 0 );
$journal  = Sandbox::journal();

// The certificate authority: orders by outcome, and the reasons of refusals.
$ca      = Sandbox::call( 'GET', '/__sandbox/ca' );
$orders  = array();
$reasons = array();
foreach ( $ca['orders'] as $order ) {
	$orders[ $order['status'] ] = ( $orders[ $order['status'] ] ?? 0 ) + 1;
	if ( null !== $order['error'] ) {
		// Dates and counts vary between refusals of one kind; the kind is the text before the first digit.
		$reason             = trim( preg_replace( '/\d.*$/s', '', (string) $order['error'] ) );
		$reasons[ $reason ] = ( $reasons[ $reason ] ?? 0 ) + 1;
	}
}

// Jobs: failed ones (with Action Scheduler's last log message), and how many retries were queued.
$failed = $wpdb->get_results(
	'SELECT a.hook, (SELECT l.message FROM ' . bench_table( 'logs' ) . ' l WHERE l.action_id = a.action_id ORDER BY l.log_id DESC LIMIT 1) AS message FROM '
	. bench_table( 'actions' ) . " a WHERE a.status = 'failed'",
	ARRAY_A
);
$failed_by_hook = array();
$failed_429     = 0;
foreach ( $failed as $row ) {
	$failed_by_hook[ $row['hook'] ] = ( $failed_by_hook[ $row['hook'] ] ?? 0 ) + 1;
	if ( preg_match( '/\b429\b|Too Many/i', (string) $row['message'] ) ) {
		++$failed_429;
	}
}
$jobs = $wpdb->get_results( 'SELECT hook, status, COUNT(*) AS n FROM ' . bench_table( 'actions' ) . " WHERE hook LIKE 'wu\\_runcloud\\_%' OR hook IN ('wu_add_domain', 'wu_remove_domain', 'wu_async_process_domain_stage') GROUP BY hook, status", ARRAY_A );

// The plugin's log (Ultimate Multisite's integration-runcloud log).
$log_file = WP_CONTENT_DIR . '/uploads/wu-logs/integration-runcloud.log';
$lines    = is_file( $log_file ) ? file( $log_file, FILE_IGNORE_NEW_LINES ) : array();
$errors   = array_values( preg_grep( '/\[ERROR\]/', $lines ) );
$err_429  = array_values( preg_grep( '/\b429\b|Too Many/i', $errors ) );

// The names the plugin remembers having added (one network option for all, written by every runner):
// a read-modify-write that concurrent runners can lose entries from.
$tracked = class_exists( '\\RunCloud_Ultimate_Multisite\\Plugin' ) ? count( (array) get_site_option( 'wu_runcloud_tracked', array() ) ) : null;

$problems = getenv( 'RCI_PROBLEMS' );
$problems = $problems && is_file( $problems ) ? array_values( array_unique( file( $problems, FILE_IGNORE_NEW_LINES ) ) ) : array();

bench_out(
	array(
		'main'            => bench_count_calls( $journal, 0, $boundary ),
		'first_call_unix' => $journal ? (float) $journal[0]['unix'] : null,
		'last_main_unix'  => bench_last_unix( $journal, $boundary ),
		'gaps'            => bench_gaps( $journal, $boundary ),
		'refusal_example' => $ca['orders'] ? (string) ( end( $ca['orders'] )['error'] ?? '' ) : '',
		'removal'         => bench_count_calls( $journal, $boundary, null ),
		'ca_orders'       => $orders,
		'ca_refusals'     => $reasons,
		'failed_jobs'     => count( $failed ),
		'failed_by_hook'  => $failed_by_hook,
		'failed_429'      => $failed_429,
		'failed_samples'  => array_slice( array_column( $failed, 'message' ), 0, 3 ),
		'jobs'            => $jobs,
		'log_errors'      => count( $errors ),
		'log_errors_429'  => count( $err_429 ),
		'log_samples'     => array_slice( $errors, 0, 3 ),
		'php_problems'    => $problems,
		'tracked'         => $tracked,
	)
);
