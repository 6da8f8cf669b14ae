<?php
/**
 * Installs one test network. Run twice by run.sh per network:
 *   RCI_INSTALLING=1 php install.php   creates the single site and converts it to a network
 *   php install.php activate           network-activates the plugin and the Ultimate Multisite double
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable WordPress.WP.GlobalVariablesOverride

$rci_wp = getenv( 'RCI_WP_DIR' );

if ( '1' === getenv( 'RCI_INSTALLING' ) ) {
	define( 'WP_INSTALLING', true );
	require $rci_wp . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/network.php';

	$subdomain = 'subdomain' === getenv( 'RCI_NETWORK' );
	$domain    = $subdomain ? 'net-sub.test' : 'net-dir.test';

	add_filter( 'pre_wp_mail', '__return_false' ); // No mail transport here.
	$result = wp_install( 'RCI ' . getenv( 'RCI_NETWORK' ), 'admin', 'admin@example.com', true, '', 'rci-admin-password' );
	update_option( 'siteurl', 'http://' . $domain );
	update_option( 'home', 'http://' . $domain );

	// Outside a multisite request $wpdb does not know the network tables yet.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
		$wpdb->$table = $prefixed;
	}
	install_network();
	$populated = populate_network( 1, $domain, 'admin@example.com', 'RCI network', '/', $subdomain );
	// populate_network() probes wildcard DNS over HTTP, which is blocked here; the network is made anyway.
	if ( is_wp_error( $populated ) && 'no_wildcard_dns' !== $populated->get_error_code() ) {
		fwrite( STDERR, 'populate_network: ' . $populated->get_error_message() . "\n" );
		exit( 1 );
	}
	echo 'installed ' . esc_html( getenv( 'RCI_NETWORK' ) ) . "\n";
	exit( 0 );
}

require $rci_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

foreach ( array( 'ultimate-multisite/ultimate-multisite.php', 'runcloud-ultimate-multisite/runcloud-ultimate-multisite.php' ) as $plugin ) {
	$result = activate_plugin( $plugin, '', true, true );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, $plugin . ': ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
}
update_network_option( null, 'wu_host_integrations_enabled', array( 'runcloud' => true ) );

echo 'activated on ' . esc_html( get_network()->domain ) . ( is_subdomain_install() ? ' (subdomains)' : ' (subdirectories)' ) . "\n";
