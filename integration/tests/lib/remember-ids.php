<?php
/**
 * One queue worker's share of a burst of adds: remembers the RunCloud ids of names PREFIX-1 to
 * PREFIX-COUNT through the plugin's Domain_Ids, as Domain_Sync does after each add. Started several
 * times at once by 15-ssl-strategy to check that concurrent workers lose no id.
 * Usage: php remember-ids.php PREFIX COUNT FIRST_ID
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require getenv( 'RCI_WP_DIR' ) . '/wp-load.php';

list( , $prefix, $count, $first ) = $argv;
$ledger = RunCloud_Ultimate_Multisite\Plugin::instance()->ledger;
for ( $i = 1; $i <= (int) $count; $i++ ) {
	$ledger->remember_id( "$prefix-$i.example.com", (int) $first + $i );
	usleep( 2000 ); // Workers interleave, as they do between calls to RunCloud.
}
echo "IDS-DONE\n";
