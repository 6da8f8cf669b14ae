<?php
/**
 * Several queue workers change the plugin's shared stored state at once (the names it added, the
 * pending redeploys of the basic certificate): none of their changes is lost.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'three concurrent workers lose no tracked name and no pending redeploy request',
	function () {
		$workers = array( 'ca', 'cb', 'cc' );
		run_concurrently( 'concurrent-state.php', array( 'ca' => 'ca 40', 'cb' => 'cb 40', 'cc' => 'cc 40' ), 'STATE-DONE' );
		$tracked = plugin()->ledger->tracked();
		$lost    = array();
		foreach ( $workers as $prefix ) {
			for ( $i = 1; $i <= 40; $i++ ) {
				$name = "$prefix-$i.example.com";
				if ( ! isset( $tracked[ $name ] ) ) {
					$lost[] = "tracked $name";
				}
				if ( ! plugin()->basic->is_pending( $name ) ) {
					$lost[] = "pending $name";
				}
			}
		}
		eq( array(), $lost, 'changes lost' );
	}
);

run_tests();
