<?php
/**
 * Ultimate Multisite 2.4.11+: the token saved in the wizard's encrypted credential store.
 *
 * @run RCI_AUTH=store RCI_UM=new
 * @run RCI_AUTH=store RCI_UM=latest
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'credentials saved in the encrypted store are used when no constant is set',
	function () {
		ok( ! defined( 'WU_RUNCLOUD_API_TOKEN' ), 'this scenario must run without a token constant' );
		$registry    = \WP_Ultimo\Integrations\Integration_Registry::get_instance();
		$integration = $registry->get( 'runcloud' );
		ok( ! $integration->is_setup(), 'set up before any credential was saved' );

		$integration->save_credentials(
			array(
				'WU_RUNCLOUD_API_TOKEN' => 'rci-token-7Hq2xPz9',
				'WU_RUNCLOUD_SERVER_ID' => '1',
				'WU_RUNCLOUD_APP_ID'    => '10',
			)
		);
		$stored = get_network_option( null, 'wu_hosting_credential_WU_RUNCLOUD_API_TOKEN' );
		not_contains( 'rci-token-7Hq2xPz9', $stored, 'the store keeps the token in clear' );

		// The next request (here: the real WP-CLI) resolves the registry with the saved credentials.
		$php = getenv( 'PHP' ) ?: PHP_BINARY;
		exec( escapeshellarg( $php ) . ' -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) ) . ' ' . escapeshellarg( getenv( 'RCI_WP_CLI' ) ) . ' --allow-root --path=' . escapeshellarg( getenv( 'RCI_WP_DIR' ) ) . ' runcloud ping 2>&1', $out, $code );
		eq( 0, $code, 'wp runcloud ping with stored credentials: ' . implode( ' | ', $out ) );
		eq( 'bearer', Sandbox::journal()[0]['auth'], 'auth scheme' );
	}
);

t(
	'the stored token is read even before the registry hands the integration over',
	function () {
		\WP_Ultimo\Integrations\Integration_Registry::get_instance()->get( 'runcloud' )->save_credentials( array( 'WU_RUNCLOUD_API_TOKEN' => 'rci-token-7Hq2xPz9' ) );
		eq( 'rci-token-7Hq2xPz9', \RunCloud_Ultimate_Multisite\Plugin::read_credential_store( 'WU_RUNCLOUD_API_TOKEN' ), 'decrypted token' );
	}
);

run_tests();
