<?php
/**
 * wp-config.php of the browser suite's WordPress copies (one per Ultimate Multisite release), served
 * by nginx and PHP-FPM and used by the command line for installing. Which copy and database: RCB_UM,
 * from nginx's fastcgi_param under PHP-FPM, from the environment on the command line.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

$rcb_generation = (string) ( $_SERVER['RCB_UM'] ?? getenv( 'RCB_UM' ) ?: 'new' );
$rcb_generation = preg_replace( '/[^a-z0-9]/', '', $rcb_generation );
$rcb_domain     = 'net-sub.test';

define( 'DB_NAME', 'rcb_' . $rcb_generation );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:' . getenv( 'RCI_DB_SOCKET' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'AUTH_KEY', 'rcb test auth key' );
define( 'SECURE_AUTH_KEY', 'rcb test secure auth key' );
define( 'LOGGED_IN_KEY', 'rcb test logged in key' );
define( 'NONCE_KEY', 'rcb test nonce key' );
define( 'AUTH_SALT', 'rcb test auth salt' );
define( 'SECURE_AUTH_SALT', 'rcb test secure auth salt' );
define( 'LOGGED_IN_SALT', 'rcb test logged in salt' );
define( 'NONCE_SALT', 'rcb test nonce salt' );

$table_prefix = 'wp_'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride

// No request may leave the machine except to the sandbox on loopback.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost' );
// WP-Cron runs when the suite requests wp-cron.php through the web server (there is no DNS for the
// network's name here, so WordPress's own loopback spawn could not reach it).
define( 'DISABLE_WP_CRON', true );
// Every notice, warning and deprecation goes to PHP-FPM's log, which the suite reads; none is shown.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', false );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
// Plugins are installed from the upload screen without asking for FTP credentials.
define( 'FS_METHOD', 'direct' );

define( 'WP_ALLOW_MULTISITE', true );
if ( '1' !== getenv( 'RCI_INSTALLING' ) ) {
	define( 'MULTISITE', true );
	define( 'SUBDOMAIN_INSTALL', true );
	define( 'DOMAIN_CURRENT_SITE', $rcb_domain );
	define( 'PATH_CURRENT_SITE', '/' );
	define( 'SITE_ID_CURRENT_SITE', 1 );
	define( 'BLOG_ID_CURRENT_SITE', 1 );
}

// A command-line run has no request: pretend one for the main site.
if ( 'cli' === PHP_SAPI ) {
	$_SERVER['HTTP_HOST']   = $rcb_domain;
	$_SERVER['SERVER_NAME'] = $rcb_domain;
	$_SERVER['REQUEST_URI'] = '/';
	$_SERVER['SERVER_PORT'] = 80;
}

// The integration's settings, as a user would write them; the API is the sandbox.
define( 'WU_RUNCLOUD_API_TOKEN', 'rcb-token-5Kd8Qw2e' );
define( 'WU_RUNCLOUD_API_URL', rtrim( (string) getenv( 'RCI_SANDBOX_URL' ), '/' ) . '/api/v3' );
define( 'WU_RUNCLOUD_SERVER_ID', 1 );
define( 'WU_RUNCLOUD_APP_ID', 10 );

define( 'RCI_UM_GENERATION', $rcb_generation );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
