<?php
/**
 * The plugin's seams with Ultimate Multisite's integration registry (2.4.11+): what it hands over
 * before the registry has called it.
 *
 * @run RCI_UM=new
 * @run RCI_UM=latest
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Capability_Module;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'the capability module names its integration even before the registry set it',
	function () {
		$module      = new Capability_Module( plugin(), plugin()->sync, plugin()->settings, plugin()->connection_test );
		$integration = $module->get_integration();
		ok( $integration instanceof \WP_Ultimo\Integrations\Integration, 'not an Integration: ' . get_debug_type( $integration ) );
		eq( 'runcloud', $integration->get_id(), 'its id' );
		ok( \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' ) === $integration, 'not the registry\'s runcloud integration' );
		ok( $module->get_integration() === $integration, 'a second call gave another object' );
	}
);

run_tests();
