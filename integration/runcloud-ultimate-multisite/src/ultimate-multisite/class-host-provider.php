<?php
/**
 * Adapter for Ultimate Multisite 2.4.10 and earlier.
 *
 * Loaded only when Ultimate Multisite's Base_Host_Provider class exists.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Domains\Domain_Sync;
use RunCloud_Ultimate_Multisite\Plugin;

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/trait-forwards-domain-events.php';

/**
 * A host provider with the built-in RunCloud provider's id, so that it takes the built-in's place in the integration list and
 * shares its "enabled" switch. Only methods whose signatures are the same in every 2.x release are overridden. Ultimate Multisite
 * builds it (get_instance()), so it takes the sync from Plugin::instance() once, in init(): the events go straight to it.
 */
class Host_Provider extends \WP_Ultimo\Integrations\Host_Providers\Base_Host_Provider {

	use Forwards_Domain_Events;

	// Domain_Manager::get_integration_instance() calls get_instance() on this class; the base class has no singleton.
	use \WP_Ultimo\Traits\Singleton;

	/**
	 * Receives the domain events.
	 *
	 * @var Domain_Sync
	 */
	private Domain_Sync $sync;

	/**
	 * Takes the built-in provider's id (and so its place and "enabled" switch), then registers as any provider does (with its
	 * hooks when enabled and set up).
	 */
	public function init(): void {
		$this->sync               = Plugin::instance()->sync;
		$this->id                 = 'runcloud';
		$this->title              = 'RunCloud';
		$this->tutorial_link      = 'https://ultimatemultisite.com/docs/user-guide/host-integrations/runcloud';
		$this->supports           = array( 'autossl' );
		$this->constants          = Fields::REQUIRED;
		$this->optional_constants = Fields::OPTIONAL;
		parent::init();
	}

	/** Detects a RunCloud server (web apps live under /home/runcloud/webapps/). */
	public function detect(): bool {
		return str_contains( ABSPATH, 'runcloud' );
	}

	/**
	 * Wizard fields.
	 *
	 * @return array<string, array<string, string>>
	 */
	public function get_fields(): array {
		return Fields::all();
	}

	/**
	 * Wizard explainer.
	 *
	 * @return array{will: list<string>, will_not: list<string>}
	 */
	public function get_explainer_lines(): array {
		return Fields::explainer();
	}

	/** Called by register_hooks() after the four event hooks are attached. */
	public function additional_hooks(): void {
		Plugin::instance()->activate( 'host-provider' );
	}

	/**
	 * Setup wizard's connection test: answers the AJAX request itself, as this generation expects (refused to anyone but a
	 * network administrator; HTML-safe text in short lines).
	 */
	public function test_connection(): void {
		Fields::send_wizard_answer( Plugin::instance()->connection_test->for_wizard() );
	}
}
