<?php
/**
 * Plugin Name:       RunCloud for Ultimate Multisite
 * Description:       Keeps a RunCloud web app's domains and SSL certificate in step with Ultimate Multisite's domain mappings, through the runcloud PHP extension. Replaces Ultimate Multisite's built-in RunCloud integration.
 * Version:           1.0.0
 * Requires at least: 6.5
 * Requires PHP:      8.2
 * Requires Plugins:  ultimate-multisite
 * UM tested up to:   2.9.2
 * Network:           true
 * License:           GPL-2.0-or-later
 * Text Domain:       runcloud-ultimate-multisite
 *
 * @package RunCloud_Ultimate_Multisite
 */

defined( 'ABSPATH' ) || exit;

define( 'RUNCLOUD_UM_VERSION', '1.0.0' );
define( 'RUNCLOUD_UM_FILE', __FILE__ );
define( 'RUNCLOUD_UM_DIR', plugin_dir_path( __FILE__ ) );

/*
 * Classes load on demand; the adapters are excluded because they extend Ultimate Multisite's
 * classes and must only load once those exist (the Plugin class requires them at that point).
 */
spl_autoload_register(
	static function ( $class ) {
		$prefix = 'RunCloud_Ultimate_Multisite\\';
		if ( 0 !== strpos( $class, $prefix ) ) {
			return;
		}
		$relative = substr( $class, strlen( $prefix ) );
		$parts    = explode( '\\', $relative );
		$name     = array_pop( $parts );

		if ( in_array( $name, array( 'Capability_Module', 'Host_Provider', 'Integration' ), true ) ) {
			return;
		}

		$dir  = $parts ? str_replace( '_', '-', strtolower( implode( '/', $parts ) ) ) . '/' : '';
		$file = RUNCLOUD_UM_DIR . 'src/' . $dir . 'class-' . strtolower( str_replace( '_', '-', $name ) ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

add_action(
	'plugins_loaded',
	static function () {
		load_plugin_textdomain( 'runcloud-ultimate-multisite', false, dirname( plugin_basename( RUNCLOUD_UM_FILE ) ) . '/languages' );
	}
);

RunCloud_Ultimate_Multisite\Plugin::instance()->boot();

register_deactivation_hook(
	__FILE__,
	static function () {
		RunCloud_Ultimate_Multisite\Plugin::instance()->deactivate();
	}
);
