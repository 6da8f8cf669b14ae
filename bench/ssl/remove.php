<?php
/**
 * The removal part of the lifecycle: deletes the first R domain records through the model
 * ($domain->delete(), which queues wu_remove_domain), as an admin or a cancelled membership does.
 *
 *   php remove.php R
 *
 * Prints the id of the last journal entry before the removals, so that the calls after it are the
 * removals'.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

require __DIR__ . '/lib/boot.php';

$r       = (int) ( $argv[1] ?? 0 );
$journal = Sandbox::journal();
$last    = $journal ? (int) end( $journal )['id'] : 0;
$removed = 0;
for ( $i = 1; $i <= $r; $i++ ) {
	$domain = wu_get_domain_by_domain( bench_name( $i ) );
	if ( $domain && ! is_wp_error( $domain->delete() ) ) {
		++$removed;
	}
}
bench_out( array( 'journal_before' => $last, 'removed' => $removed ) );
