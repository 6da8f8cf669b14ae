<?php
/**
 * One queue worker's share of a burst of domain events: for names PREFIX-1 to PREFIX-COUNT, what
 * Domain_Sync does after each add (the name tracked) and what the DNS stage does (a redeploy of the
 * basic certificate requested). Started several times at once by 18-concurrent-workers to check that
 * workers changing the same stored state lose none of each other's changes.
 * Usage: php concurrent-state.php PREFIX COUNT
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require getenv( 'RCI_WP_DIR' ) . '/wp-load.php';

list( , $prefix, $count ) = $argv;
$plugin = RunCloud_Ultimate_Multisite\Plugin::instance();
for ( $i = 1; $i <= (int) $count; $i++ ) {
	$plugin->ledger->record_added( "$prefix-$i.example.com", 1, 0 );
	usleep( 1000 ); // Workers interleave, as they do between calls to RunCloud.
	$plugin->basic->request( "$prefix-$i.example.com" );
	usleep( 1000 );
}
echo "STATE-DONE\n";
