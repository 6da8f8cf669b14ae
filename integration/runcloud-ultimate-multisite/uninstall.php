<?php
/**
 * Uninstall: removes the integration's stored state (never the credentials, which belong to wp-config.php or to Ultimate
 * Multisite).
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/runcloud-ultimate-multisite.php';

RunCloud_Ultimate_Multisite\Plugin::instance()->deactivate();
( new RunCloud_Ultimate_Multisite\Storage\State() )->delete_all();
delete_site_option( RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger::FAILURES_OPTION );
