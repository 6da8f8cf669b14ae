<?php
/**
 * What both adapters tell Ultimate Multisite's setup wizard.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

defined( 'ABSPATH' ) || exit;

/** Constants and wizard fields, shared by both generations' adapters so they cannot drift apart. */
final class Fields {

	/** Required constants. The inner array means "one of": the v3 token or the legacy key. */
	const REQUIRED = array( array( 'WU_RUNCLOUD_API_TOKEN', 'WU_RUNCLOUD_API_KEY' ), 'WU_RUNCLOUD_SERVER_ID', 'WU_RUNCLOUD_APP_ID' );

	/** Optional constants. */
	const OPTIONAL = array( 'WU_RUNCLOUD_API_SECRET', 'WU_RUNCLOUD_API_URL', 'WU_RUNCLOUD_SERVER_IP' );

	/**
	 * Every wizard field.
	 *
	 * @return array<string, array<string, string>>
	 */
	public static function all(): array {
		return array(
			'WU_RUNCLOUD_API_TOKEN' => array(
				'title'       => __( 'RunCloud API Token', 'runcloud-ultimate-multisite' ),
				'type'        => 'password',
				'desc'        => __( 'A v3 API token (Workspace > Settings > API Management). Leave empty to use a legacy API key and secret instead.', 'runcloud-ultimate-multisite' ),
				'placeholder' => __( 'e.g. your-api-token', 'runcloud-ultimate-multisite' ),
			),
			'WU_RUNCLOUD_SERVER_ID' => array(
				'title'       => __( 'RunCloud Server ID', 'runcloud-ultimate-multisite' ),
				'desc'        => __( 'The number in the server\'s address in the RunCloud panel.', 'runcloud-ultimate-multisite' ),
				'placeholder' => __( 'e.g. 11667', 'runcloud-ultimate-multisite' ),
			),
			'WU_RUNCLOUD_APP_ID'    => array(
				'title'       => __( 'RunCloud Web App ID', 'runcloud-ultimate-multisite' ),
				'desc'        => __( 'The number in the web app\'s address in the RunCloud panel.', 'runcloud-ultimate-multisite' ),
				'placeholder' => __( 'e.g. 940288', 'runcloud-ultimate-multisite' ),
			),
		) + self::optional();
	}

	/**
	 * The optional fields.
	 *
	 * @return array<string, array<string, string>>
	 */
	public static function optional(): array {
		return array(
			'WU_RUNCLOUD_API_KEY'    => array(
				'title'       => __( 'RunCloud API Key (legacy)', 'runcloud-ultimate-multisite' ),
				'type'        => 'password',
				'desc'        => __( 'Only when you use a legacy v2 API key instead of a token.', 'runcloud-ultimate-multisite' ),
				'placeholder' => '',
			),
			'WU_RUNCLOUD_API_SECRET' => array(
				'title'       => __( 'RunCloud API Secret (legacy)', 'runcloud-ultimate-multisite' ),
				'type'        => 'password',
				'desc'        => __( 'The secret that goes with the legacy API key.', 'runcloud-ultimate-multisite' ),
				'placeholder' => '',
			),
			'WU_RUNCLOUD_API_URL'    => array(
				'title'       => __( 'API URL (optional)', 'runcloud-ultimate-multisite' ),
				'desc'        => __( 'Leave empty for RunCloud. Set it to test against another endpoint, e.g. a local sandbox.', 'runcloud-ultimate-multisite' ),
				'placeholder' => 'https://manage.runcloud.io/api/v3',
			),
			'WU_RUNCLOUD_SERVER_IP'  => array(
				'title'       => __( 'Server IP (optional)', 'runcloud-ultimate-multisite' ),
				'desc'        => __( 'The server\'s public address, used to tell when a domain\'s DNS points here. Defaults to the address of the network\'s domain.', 'runcloud-ultimate-multisite' ),
				'placeholder' => '203.0.113.10',
			),
		);
	}

	/**
	 * Wizard explainer lines.
	 *
	 * @return array{will: list<string>, will_not: list<string>}
	 */
	public static function explainer(): array {
		return array(
			'will'     => array(
				__( 'Add each mapped domain to the RunCloud web app, with www as set in Domain Mapping settings, and remove it when the mapping is deleted or renamed.', 'runcloud-ultimate-multisite' ),
				__( 'Redeploy the SSL certificate once a domain\'s DNS points at the server, gathering several domains into one redeploy.', 'runcloud-ultimate-multisite' ),
				__( 'Retry when RunCloud is busy or unreachable, and reconcile all domains once a day.', 'runcloud-ultimate-multisite' ),
			),
			'will_not' => array( __( 'Call RunCloud for new sites already served by the web app\'s wildcard domain.', 'runcloud-ultimate-multisite' ) ),
		);
	}

	/**
	 * Ends the wizard's AJAX request with the test's answer as a string (the Testing step shows a string as it is, in a
	 * preformatted box, and any other value as JSON).
	 *
	 * @param array{ok: bool, code: string, text: string} $answer Connection_Test::for_wizard().
	 */
	public static function send_wizard_answer( array $answer ): void {
		if ( $answer['ok'] ) {
			wp_send_json_success( $answer['text'] );
		}
		// Status 200 even for a refusal: the Testing step shows the text of a 200 answer only.
		wp_send_json_error( $answer['text'] );
	}
}
