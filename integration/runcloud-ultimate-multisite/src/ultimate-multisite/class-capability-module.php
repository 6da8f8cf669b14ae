<?php
/**
 * Adapter for Ultimate Multisite 2.4.11 and later.
 *
 * Loaded only when Ultimate Multisite's Capability_Module interface exists.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Plugin;


defined( 'ABSPATH' ) || exit;

/**
 * The "domain-mapping" capability of the "runcloud" integration. Registered under the same ids as
 * the built-in module, so the registry keeps this one instead. Parameter types are left open
 * (allowed by PHP's variance rules) so an older Ultimate Multisite passing null as site id does not
 * end in a TypeError.
 */
class Capability_Module implements \WP_Ultimo\Integrations\Capability_Module, \WP_Ultimo\Integrations\Capabilities\Domain_Mapping_Capability {

	/**
	 * Plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Parent integration.
	 *
	 * @var \WP_Ultimo\Integrations\Integration|null
	 */
	private $integration = null;

	/**
	 * Constructor.
	 *
	 * @param Plugin $plugin Plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Capability id.
	 *
	 * @return string
	 */
	public function get_capability_id(): string {
		return 'domain-mapping';
	}

	/**
	 * Title.
	 *
	 * @return string
	 */
	public function get_title(): string {
		return __( 'Domain Mapping (RunCloud extension)', 'runcloud-ultimate-multisite' );
	}

	/**
	 * Features.
	 *
	 * @return array
	 */
	public function get_supported_features(): array {
		return array( 'autossl' );
	}

	/**
	 * Whether a feature is supported.
	 *
	 * @param string $feature Feature.
	 * @return bool
	 */
	public function supports( $feature ): bool {
		return in_array( $feature, $this->get_supported_features(), true );
	}

	/**
	 * Called by the registry when the integration is enabled and set up.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'wu_add_domain', array( $this, 'on_add_domain' ), 10, 2 );
		add_action( 'wu_remove_domain', array( $this, 'on_remove_domain' ), 10, 2 );
		add_action( 'wu_add_subdomain', array( $this, 'on_add_subdomain' ), 10, 2 );
		add_action( 'wu_remove_subdomain', array( $this, 'on_remove_subdomain' ), 10, 2 );

		$this->plugin->activate( 'capability' );
	}

	/**
	 * Extra wizard fields: the legacy key pair and the optional settings.
	 *
	 * @return array
	 */
	public function get_fields(): array {
		return Fields::optional();
	}

	/**
	 * Wizard explainer.
	 *
	 * @return array
	 */
	public function get_explainer_lines(): array {
		return Fields::explainer();
	}

	/**
	 * Receives the parent integration: its credential store becomes a settings source, and the
	 * legacy key pair becomes an accepted alternative to the token.
	 *
	 * @param \WP_Ultimo\Integrations\Integration $integration Integration.
	 * @return void
	 */
	public function set_integration( $integration ): void {
		$this->integration = $integration;

		if ( is_object( $integration ) && method_exists( $integration, 'get_credential' ) ) {
			$this->plugin->settings->add_source(
				'integration',
				static function ( $name ) use ( $integration ) {
					return (string) $integration->get_credential( $name );
				}
			);
		}

		if ( is_object( $integration ) && method_exists( $integration, 'get_constants' ) && method_exists( $integration, 'set_constants' ) ) {
			$integration->set_constants( Fields::required_constants() );
			if ( method_exists( $integration, 'set_optional_constants' ) ) {
				$integration->set_optional_constants( Fields::optional_constants() );
			}
		}
	}

	/**
	 * Parent integration. Asked before the registry called set_integration(), it is the registry's
	 * `runcloud` integration (this plugin's), or this plugin's own one when the registry has none,
	 * and set as if the registry had passed it: never null against the declared type.
	 *
	 * @return \WP_Ultimo\Integrations\Integration
	 */
	public function get_integration(): \WP_Ultimo\Integrations\Integration {
		if ( null === $this->integration ) {
			$registered = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' );
			if ( null === $registered ) {
				require_once __DIR__ . '/class-integration.php';
				$registered = new Integration();
			}
			$this->set_integration( $registered );
		}

		return $this->integration;
	}

	/**
	 * Setup wizard's connection test: the integration's (refused to anyone but a network
	 * administrator; HTML-safe text).
	 *
	 * @return bool|\WP_Error
	 */
	public function test_connection() {
		$answer = $this->plugin->connection_test->for_wizard();

		return $answer['ok'] ? true : new \WP_Error( $answer['code'], $answer['text'] );
	}

	/**
	 * Event wu_add_domain.
	 *
	 * @param string $domain  Domain.
	 * @param int    $site_id Site.
	 * @return void
	 */
	public function on_add_domain( $domain, $site_id ): void {
		$this->plugin->handle_event( 'add_domain', $domain, $site_id );
	}

	/**
	 * Event wu_remove_domain.
	 *
	 * @param string $domain  Domain.
	 * @param int    $site_id Site.
	 * @return void
	 */
	public function on_remove_domain( $domain, $site_id ): void {
		$this->plugin->handle_event( 'remove_domain', $domain, $site_id );
	}

	/**
	 * Event wu_add_subdomain.
	 *
	 * @param string $subdomain Subdomain.
	 * @param int    $site_id   Site.
	 * @return void
	 */
	public function on_add_subdomain( $subdomain, $site_id ): void {
		$this->plugin->handle_event( 'add_subdomain', $subdomain, $site_id );
	}

	/**
	 * Event wu_remove_subdomain.
	 *
	 * @param string $subdomain Subdomain.
	 * @param int    $site_id   Site.
	 * @return void
	 */
	public function on_remove_subdomain( $subdomain, $site_id ): void {
		$this->plugin->handle_event( 'remove_subdomain', $subdomain, $site_id );
	}
}
