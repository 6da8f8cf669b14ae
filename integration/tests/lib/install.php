<?php
/**
 * Installs the test network of one Ultimate Multisite generation, one step per PHP process, as the
 * plugin's own installer would (Ultimate Multisite decides what to load on plugins_loaded, so each
 * step needs the previous one's state from the start of a request). run.sh calls, in order:
 *
 *   RCI_INSTALLING=1 php install.php core   WordPress, converted to a subdomain network
 *   php install.php um                       network-activates Ultimate Multisite
 *   php install.php um-setup                 its tables and sunrise, setup marked finished
 *   php install.php plugin                   domain mapping on, this plugin network-activated
 *   php install.php enable                   the RunCloud integration enabled through Ultimate Multisite
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

$rci_wp   = getenv( 'RCI_WP_DIR' );
$rci_step = $argv[1] ?? '';

if ( 'core' === $rci_step ) {
	define( 'WP_INSTALLING', true );
	require $rci_wp . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/network.php';

	$domain = 'net-sub.test';
	add_filter( 'pre_wp_mail', '__return_false' ); // No mail transport here.
	wp_install( 'RCI network', 'admin', 'admin@example.com', true, '', 'rci-admin-password' );
	update_option( 'siteurl', 'http://' . $domain );
	update_option( 'home', 'http://' . $domain );

	// Outside a multisite request $wpdb does not know the network tables yet.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
		$wpdb->$table = $prefixed;
	}
	install_network();
	$populated = populate_network( 1, $domain, 'admin@example.com', 'RCI network', '/', true );
	// populate_network() probes wildcard DNS over HTTP, which is blocked here; the network is made anyway.
	if ( is_wp_error( $populated ) && 'no_wildcard_dns' !== $populated->get_error_code() ) {
		fwrite( STDERR, 'populate_network: ' . $populated->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "core installed\n";
	exit( 0 );
}

require $rci_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function rci_activate( $plugin ) {
	$result = activate_plugin( $plugin, '', true );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, $plugin . ': ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
}

switch ( $rci_step ) {
	case 'um':
		rci_activate( 'ultimate-multisite/ultimate-multisite.php' );
		break;

	case 'um-setup':
		$installer = \WP_Ultimo\Installers\Core_Installer::get_instance();
		$installer->_install_database_tables();
		$installer->_install_sunrise();
		update_network_option( null, \WP_Ultimo::NETWORK_OPTION_SETUP_FINISHED, true );
		break;

	case 'plugin':
		if ( function_exists( 'wu_save_setting' ) ) {
			wu_save_setting( 'enable_domain_mapping', true );
			wu_save_setting( 'auto_create_www_subdomain', 'always' );
		}
		if ( '1' === getenv( 'RCI_OLD' ) ) {
			break; // Control run: this plugin stays out.
		}
		if ( 'none' === getenv( 'RCI_UM' ) ) {
			// WordPress refuses to activate a plugin whose required plugin is missing; the case
			// tested is the network whose Ultimate Multisite was removed after activation.
			$active = (array) get_site_option( 'active_sitewide_plugins', array() );
			$active['runcloud-ultimate-multisite/runcloud-ultimate-multisite.php'] = time();
			update_site_option( 'active_sitewide_plugins', $active );
		} else {
			rci_activate( 'runcloud-ultimate-multisite/runcloud-ultimate-multisite.php' );
		}
		break;

	case 'enable':
		if ( class_exists( '\WP_Ultimo\Integrations\Integration_Registry' ) ) {
			$integration = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' );
		} else {
			$integration = \WP_Ultimo\Managers\Domain_Manager::get_instance()->get_integration_instance( 'runcloud' );
		}
		if ( ! $integration ) {
			fwrite( STDERR, "no runcloud integration\n" );
			exit( 1 );
		}
		$integration->enable();
		echo 'enabled ' . get_class( $integration ) . "\n";
		break;

	default:
		fwrite( STDERR, "unknown step $rci_step\n" );
		exit( 2 );
}
echo "$rci_step done\n";
