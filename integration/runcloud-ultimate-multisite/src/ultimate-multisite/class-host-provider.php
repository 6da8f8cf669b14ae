<?php
/**
 * Adapter for Ultimate Multisite 2.4.10 and earlier.
 *
 * Loaded only when Ultimate Multisite's Base_Host_Provider class exists.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Plugin;


defined( 'ABSPATH' ) || exit;

/**
 * A host provider with the built-in RunCloud provider's id, so that it takes the built-in's place
 * in the integration list and shares its "enabled" switch. Only methods whose signatures are the
 * same in every 2.x release are overridden.
 */
class Host_Provider extends \WP_Ultimo\Integrations\Host_Providers\Base_Host_Provider {

	// Ultimate Multisite looks providers up with get_instance() on the concrete class
	// (Domain_Manager::get_integration_instance()); the base class has no singleton of its own.
	use \WP_Ultimo\Traits\Singleton;

	/**
	 * Id (the built-in's).
	 *
	 * @var string
	 */
	protected $id = 'runcloud';

	/**
	 * Title.
	 *
	 * @var string
	 */
	protected $title = 'RunCloud';

	/**
	 * Tutorial.
	 *
	 * @var string
	 */
	protected $tutorial_link = 'https://ultimatemultisite.com/docs/user-guide/host-integrations/runcloud';

	/**
	 * Features.
	 *
	 * @var array
	 */
	protected $supports = array( 'autossl' );

	/**
	 * Required constants (token, or legacy key, plus the ids).
	 *
	 * @var array
	 */
	protected $constants = array(
		array( 'WU_RUNCLOUD_API_TOKEN', 'WU_RUNCLOUD_API_KEY' ),
		'WU_RUNCLOUD_SERVER_ID',
		'WU_RUNCLOUD_APP_ID',
	);

	/**
	 * Optional constants.
	 *
	 * @var array
	 */
	protected $optional_constants = array( 'WU_RUNCLOUD_API_SECRET', 'WU_RUNCLOUD_API_URL', 'WU_RUNCLOUD_SERVER_IP' );

	/**
	 * Instantiates and initialises the provider (registers it, and its hooks when enabled and set up).
	 *
	 * @return Host_Provider
	 */
	public static function boot() {
		return static::get_instance();
	}

	/**
	 * Detects a RunCloud server (web apps live under /home/runcloud/webapps/).
	 *
	 * @return bool
	 */
	public function detect() {
		return false !== strpos( ABSPATH, 'runcloud' );
	}

	/**
	 * Wizard fields.
	 *
	 * @return array
	 */
	public function get_fields() {
		return Fields::all();
	}

	/**
	 * Wizard explainer.
	 *
	 * @return array
	 */
	public function get_explainer_lines() {
		return Fields::explainer();
	}

	/**
	 * Called by register_hooks() after the four event hooks are attached.
	 *
	 * @return void
	 */
	public function additional_hooks() {
		Plugin::instance()->activate( 'host-provider' );
	}

	/**
	 * Event wu_add_domain.
	 *
	 * @param string $domain  Domain.
	 * @param int    $site_id Site.
	 * @return void
	 */
	public function on_add_domain( $domain, $site_id ) {
		Plugin::instance()->handle_event( 'add_domain', $domain, $site_id );
	}

	/**
	 * Event wu_remove_domain.
	 *
	 * @param string $domain  Domain.
	 * @param int    $site_id Site.
	 * @return void
	 */
	public function on_remove_domain( $domain, $site_id ) {
		Plugin::instance()->handle_event( 'remove_domain', $domain, $site_id );
	}

	/**
	 * Event wu_add_subdomain.
	 *
	 * @param string $subdomain Subdomain.
	 * @param int    $site_id   Site.
	 * @return void
	 */
	public function on_add_subdomain( $subdomain, $site_id ) {
		Plugin::instance()->handle_event( 'add_subdomain', $subdomain, $site_id );
	}

	/**
	 * Event wu_remove_subdomain.
	 *
	 * @param string $subdomain Subdomain.
	 * @param int    $site_id   Site.
	 * @return void
	 */
	public function on_remove_subdomain( $subdomain, $site_id ) {
		Plugin::instance()->handle_event( 'remove_subdomain', $subdomain, $site_id );
	}

	/**
	 * Setup wizard's connection test: answers the AJAX request itself, as this generation expects
	 * (refused to anyone but a network administrator; HTML-safe text in short lines).
	 *
	 * @return void
	 */
	public function test_connection(): void {
		Fields::send_wizard_answer( Plugin::instance()->connection_test->for_wizard() );
	}
}
