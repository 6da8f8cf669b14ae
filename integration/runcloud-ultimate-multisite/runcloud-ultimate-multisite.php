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

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

define( 'RUNCLOUD_UM_VERSION', '1.0.0' );
define( 'RUNCLOUD_UM_FILE', __FILE__ );
define( 'RUNCLOUD_UM_DIR', __DIR__ . '/' );

/*
 * RunCloud_Ultimate_Multisite\Foo_Bar\Baz_Qux lives in src/foo-bar/class-baz-qux.php. The adapters
 * are excluded because they extend Ultimate Multisite's classes and must only load once those
 * exist (the Plugin class requires them at that point).
 */
spl_autoload_register(
	static function ( string $class_name ): void {
		$relative = substr( $class_name, strlen( 'RunCloud_Ultimate_Multisite\\' ) );
		if ( ! str_starts_with( $class_name, 'RunCloud_Ultimate_Multisite\\' ) || in_array( $relative, array( 'Ultimate_Multisite\\Capability_Module', 'Ultimate_Multisite\\Host_Provider', 'Ultimate_Multisite\\Integration' ), true ) ) {
			return;
		}
		$path = strtolower( str_replace( array( '_', '\\' ), array( '-', '/' ), $relative ) );
		$file = RUNCLOUD_UM_DIR . 'src/' . dirname( $path ) . '/class-' . basename( $path ) . '.php';
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
