<?php
/**
 * wp-config.php of the test WordPress (copied next to the WordPress core copy by run.sh).
 * Everything comes from RCI_* environment variables, so one core copy serves both networks
 * and every scenario.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// One WordPress copy (and database) per Ultimate Multisite generation: new (2.4.11+), old (2.4.10),
// none (Ultimate Multisite not installed). Every network is a subdomain network.
$rci_generation = getenv( 'RCI_UM' ) ?: 'new';
$rci_domain     = 'net-sub.test';

define( 'DB_NAME', 'rci_' . $rci_generation );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:' . getenv( 'RCI_DB_SOCKET' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'AUTH_KEY', 'rci test auth key' );
define( 'SECURE_AUTH_KEY', 'rci test secure auth key' );
define( 'LOGGED_IN_KEY', 'rci test logged in key' );
define( 'NONCE_KEY', 'rci test nonce key' );
define( 'AUTH_SALT', 'rci test auth salt' );
define( 'SECURE_AUTH_SALT', 'rci test secure auth salt' );
define( 'LOGGED_IN_SALT', 'rci test logged in salt' );
define( 'NONCE_SALT', 'rci test nonce salt' );

$table_prefix = 'wp_'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride

// No request may leave the machine except to the sandbox on loopback.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost' );
// Jobs are driven by the tests, never by a spawned cron request.
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', true );
define( 'WP_DEBUG_LOG', false );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );

define( 'WP_ALLOW_MULTISITE', true );
if ( '1' !== getenv( 'RCI_INSTALLING' ) ) {
	define( 'MULTISITE', true );
	define( 'SUBDOMAIN_INSTALL', true );
	define( 'DOMAIN_CURRENT_SITE', $rci_domain );
	define( 'PATH_CURRENT_SITE', '/' );
	define( 'SITE_ID_CURRENT_SITE', 1 );
	define( 'BLOG_ID_CURRENT_SITE', 1 );
}

// A command-line run has no request: pretend one for the main site.
$_SERVER['HTTP_HOST']   = $rci_domain;
$_SERVER['SERVER_NAME'] = $rci_domain;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PORT'] = 80;

// The integration's settings, as a user would write them.
$rci_sandbox = rtrim( (string) getenv( 'RCI_SANDBOX_URL' ), '/' );
$rci_auth    = getenv( 'RCI_AUTH' ) ?: 'token';
if ( 'bad' === $rci_auth ) {
	define( 'WU_RUNCLOUD_API_TOKEN', 'rci-wrong-token' );
	define( 'WU_RUNCLOUD_API_URL', $rci_sandbox . '/api/v3' );
} elseif ( 'token' === $rci_auth ) {
	define( 'WU_RUNCLOUD_API_TOKEN', 'rci-token-7Hq2xPz9' );
	define( 'WU_RUNCLOUD_API_URL', $rci_sandbox . '/api/v3' );
} elseif ( 'key' === $rci_auth ) {
	define( 'WU_RUNCLOUD_API_KEY', 'rci-key-4Fw8Lm' );
	define( 'WU_RUNCLOUD_API_SECRET', 'rci-secret-9Tz3Vb' );
	define( 'WU_RUNCLOUD_API_URL', $rci_sandbox . '/api/v2' );
} elseif ( 'store' === $rci_auth ) {
	// Only the URL is a constant; the token comes from the encrypted credential store.
	define( 'WU_RUNCLOUD_API_URL', $rci_sandbox . '/api/v3' );
}
if ( 'none' !== $rci_auth ) {
	define( 'WU_RUNCLOUD_SERVER_ID', (int) ( getenv( 'RCI_SERVER_ID' ) ?: 1 ) );
	define( 'WU_RUNCLOUD_APP_ID', (int) ( getenv( 'RCI_APP_ID' ) ?: 10 ) );
}
define( 'WU_RUNCLOUD_SSL_WINDOW', (int) ( getenv( 'RCI_SSL_WINDOW' ) ?: 60 ) );
// The certificate strategy (auto, per-domain, basic) when a run names one (bench/ssl does).
if ( false !== getenv( 'RCI_SSL_STRATEGY' ) ) {
	define( 'WU_RUNCLOUD_SSL_STRATEGY', getenv( 'RCI_SSL_STRATEGY' ) );
}
define( 'RCI_OLD_BASE_URL', $rci_sandbox . '/api/v3' );

define( 'RCI_UM_GENERATION', $rci_generation );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
