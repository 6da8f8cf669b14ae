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
		$php     = getenv( 'PHP' ) ?: PHP_BINARY;
		$workers = array( 'ca', 'cb', 'cc' );
		$procs   = array();
		foreach ( $workers as $prefix ) {
			$cmd              = escapeshellarg( $php ) . ' -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) ) . ' -d display_errors=stderr ' . escapeshellarg( dirname( __DIR__ ) . '/lib/concurrent-state.php' ) . " $prefix 40 2>&1";
			$procs[ $prefix ] = popen( $cmd, 'r' );
		}
		foreach ( $procs as $prefix => $proc ) {
			$out = stream_get_contents( $proc );
			ok( 0 === pclose( $proc ) && false !== strpos( $out, 'STATE-DONE' ), "worker $prefix: $out" );
			ok( ! preg_match( '/(Fatal error|Warning|Notice|Deprecated):/', $out ), "PHP problems in worker $prefix: $out" );
		}
		wp_cache_flush();
		$tracked = plugin()->state->tracked();
		$lost    = array();
		foreach ( $workers as $prefix ) {
			for ( $i = 1; $i <= 40; $i++ ) {
				$name = "$prefix-$i.example.com";
				if ( ! isset( $tracked[ $name ] ) ) {
					$lost[] = "tracked $name";
				}
				if ( ! plugin()->ssl->is_pending( $name ) ) {
					$lost[] = "pending $name";
				}
			}
		}
		eq( array(), $lost, 'changes lost' );
	}
);

run_tests();
