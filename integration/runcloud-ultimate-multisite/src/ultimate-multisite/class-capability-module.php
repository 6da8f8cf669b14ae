<?php
/**
 * Adapter for Ultimate Multisite 2.4.11 and later.
 *
 * Loaded only when Ultimate Multisite's Capability_Module interface exists.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Domains\Domain_Sync;
use RunCloud_Ultimate_Multisite\Plugin;
use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;
use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/trait-forwards-domain-events.php';

/**
 * The "domain-mapping" capability of the "runcloud" integration. Registered under the same ids as the built-in module, so the
 * registry keeps this one instead. Parameter types are left open (allowed by PHP's variance rules) so an older Ultimate Multisite
 * passing null as site id does not end in a TypeError.
 */
class Capability_Module implements \WP_Ultimo\Integrations\Capability_Module, \WP_Ultimo\Integrations\Capabilities\Domain_Mapping_Capability {

	use Forwards_Domain_Events;

	/**
	 * Parent integration.
	 *
	 * @var \WP_Ultimo\Integrations\Integration|null
	 */
	private ?\WP_Ultimo\Integrations\Integration $integration = null;

	/**
	 * Constructor.
	 *
	 * @param Plugin          $plugin          Activated by register_hooks().
	 * @param Domain_Sync     $sync            Receives the domain events.
	 * @param Settings        $settings        Takes the integration's credential store as a source.
	 * @param Connection_Test $connection_test The setup wizard's test.
	 */
	public function __construct( private readonly Plugin $plugin, private readonly Domain_Sync $sync, private readonly Settings $settings, private readonly Connection_Test $connection_test ) {}

	/** Capability id. */
	public function get_capability_id(): string {
		return 'domain-mapping';
	}

	/** Title. */
	public function get_title(): string {
		return __( 'Domain Mapping (RunCloud extension)', 'runcloud-ultimate-multisite' );
	}

	/**
	 * Features.
	 *
	 * @return list<string>
	 */
	public function get_supported_features(): array {
		return array( 'autossl' );
	}

	/**
	 * Whether a feature is supported.
	 *
	 * @param mixed $feature Feature.
	 */
	public function supports( mixed $feature ): bool {
		return in_array( $feature, $this->get_supported_features(), true );
	}

	/** Called by the registry when the integration is enabled and set up. */
	public function register_hooks(): void {
		foreach ( array( 'add_domain', 'remove_domain', 'add_subdomain', 'remove_subdomain' ) as $event ) {
			add_action( 'wu_' . $event, array( $this, 'on_' . $event ), 10, 2 );
		}

		$this->plugin->activate( 'capability' );
	}

	/**
	 * Extra wizard fields: the legacy key pair and the optional settings.
	 *
	 * @return array<string, array<string, string>>
	 */
	public function get_fields(): array {
		return Fields::optional();
	}

	/**
	 * Wizard explainer.
	 *
	 * @return array{will: list<string>, will_not: list<string>}
	 */
	public function get_explainer_lines(): array {
		return Fields::explainer();
	}

	/**
	 * Receives the parent integration: its credential store becomes a settings source, and the legacy key pair becomes an
	 * accepted alternative to the token.
	 *
	 * @param mixed $integration Ultimate Multisite's Integration.
	 */
	public function set_integration( mixed $integration ): void {
		if ( ! $integration instanceof \WP_Ultimo\Integrations\Integration ) {
			return;
		}
		$this->integration = $integration;
		$this->settings->add_source( 'integration', static fn( string $name ): string => (string) $integration->get_credential( $name ) );
		$integration->set_constants( Fields::REQUIRED );
		$integration->set_optional_constants( Fields::OPTIONAL );
	}

	/**
	 * Parent integration. Asked before the registry called set_integration(), it is the registry's `runcloud` integration (this
	 * plugin's), or this plugin's own one when the registry has none, and set as if the registry had passed it: never null
	 * against the declared type.
	 *
	 * @throws \LogicException Never: set_integration() takes any Integration.
	 */
	public function get_integration(): \WP_Ultimo\Integrations\Integration {
		if ( null === $this->integration ) {
			$registered = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' );
			if ( null === $registered ) {
				require_once __DIR__ . '/class-integration.php';
				$registered = new Integration( $this->connection_test );
			}
			$this->set_integration( $registered );
		}
		return $this->integration ?? throw new \LogicException( 'no integration' );
	}

	/**
	 * Setup wizard's connection test: the integration's (refused to anyone but a network
	 * administrator; HTML-safe text).
	 */
	public function test_connection(): bool|\WP_Error {
		$answer = $this->connection_test->for_wizard();
		return $answer['ok'] ? true : new \WP_Error( $answer['code'], $answer['text'] );
	}
}
