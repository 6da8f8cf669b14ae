<?php
/**
 * Without the runcloud extension: no fatal error, an admin notice, the built-in integration kept.
 *
 * @run RCI_EXT=0
 * @run RCI_UM=none RCI_EXT=0
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'WordPress loads and the network admin sees how to install the extension',
	function () {
		ok( ! class_exists( '\RunCloud\Client', false ), 'this scenario must run without the extension' );
		ok( class_exists( '\RunCloud_Ultimate_Multisite\Plugin', false ), 'plugin not loaded' );

		// The network admin's hooks: this request is WP-CLI's, where the plugin leaves them out.
		\RunCloud_Ultimate_Multisite\Plugin::instance()->admin()->register();
		wp_set_current_user( 1 );
		ob_start();
		do_action( 'network_admin_notices' );
		$html = ob_get_clean();
		contains( 'runcloud PHP extension is not loaded', $html, 'notice' );
		contains( 'extension=runcloud.so', $html, 'install instructions' );

		wp_set_current_user( 0 );
		ob_start();
		do_action( 'network_admin_notices' );
		eq( '', trim( ob_get_clean() ), 'notice shown to a visitor' );
	}
);

t(
	'domain events do not fatal, and the built-in integration stays in charge',
	function () {
		if ( 'none' === RCI_UM_GENERATION ) {
			do_action( 'wu_add_domain', 'nothing.example.com', 1 );
			eq( array(), Sandbox::calls(), 'calls without Ultimate Multisite' );
			return;
		}
		if ( 'old' === RCI_UM_GENERATION ) {
			$builtin = \WP_Ultimo\Integrations\Host_Providers\Runcloud_Host_Provider::get_instance();
			ok( false !== has_action( 'wu_add_domain', array( $builtin, 'on_add_domain' ) ), 'built-in provider unhooked without a replacement' );
		} else {
			$module = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get_capability( 'runcloud', 'domain-mapping' );
			eq( 'WP_Ultimo\Integrations\Providers\RunCloud\RunCloud_Domain_Mapping', get_class( $module ), 'module in the registry' );
		}
	}
);

t(
	'the connection test explains the missing extension',
	function () {
		$result = plugin()->connection_test->run();
		ok( is_wp_error( $result ), 'passed without the extension' );
		eq( 'runcloud-extension', $result->get_error_code(), 'error code' );
	}
);

run_tests();
