<?php
/**
 * The RunCloud integration object of Ultimate Multisite 2.4.11 and later.
 *
 * Loaded only when Ultimate Multisite's Integration class exists.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;

defined( 'ABSPATH' ) || exit;

/**
 * Registered under the built-in's id ("runcloud") so the registry keeps this one. The setup wizard calls the integration's
 * test_connection() (not the capability module's), and reads its constants to decide whether the integration is set up: both must
 * be ours, or the wizard would answer with the built-in code (which only knows a token and RunCloud's own address).
 */
class Integration extends \WP_Ultimo\Integrations\Integration {

	/**
	 * Constructor.
	 *
	 * @param Connection_Test $connection_test The setup wizard's test.
	 */
	public function __construct( private readonly Connection_Test $connection_test ) {
		parent::__construct( 'runcloud', 'RunCloud' );

		$this->set_tutorial_link( 'https://ultimatemultisite.com/docs/user-guide/host-integrations/runcloud' );
		if ( function_exists( 'wu_get_asset' ) ) {
			$this->set_logo( wu_get_asset( 'runcloud.svg', 'img/hosts' ) );
		}
		$this->set_constants( Fields::REQUIRED );
		$this->set_optional_constants( Fields::OPTIONAL );
		$this->set_supports( array( 'autossl' ) );
	}

	/** Description. */
	public function get_description(): string {
		return __( 'Keeps the RunCloud web app\'s domains and SSL certificate in step with the network\'s domain mappings (through the runcloud PHP extension).', 'runcloud-ultimate-multisite' );
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
	 * Setup wizard's connection test (refused to anyone but a network administrator).
	 *
	 * Inside the wizard's AJAX request the answer is sent from here, as a string: Ultimate Multisite would wrap a WP_Error's
	 * message into an object, which its Testing step shows as JSON on one line, so the lines shaped for that box would be lost.
	 * Elsewhere a WP_Error. Either way the text is HTML-safe, as the wizard renders it as HTML.
	 */
	public function test_connection(): bool|\WP_Error {
		$answer = $this->connection_test->for_wizard();

		if ( wp_doing_ajax() && doing_action( 'wp_ajax_wu_test_hosting_integration' ) ) {
			Fields::send_wizard_answer( $answer );
		}
		return $answer['ok'] ? true : new \WP_Error( $answer['code'], $answer['text'] );
	}
}
