<?php
/**
 * The sandbox's admin API (sandbox/INTERFACE.md), for the integration tests and bench/ssl: reset,
 * seed, state, journal, faults, config. Reads RCI_SANDBOX_URL and RCI_SANDBOX_ADMIN; seed() needs
 * WordPress loaded (the web app's primary domain is the network's).
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

/** The sandbox's admin API. */
final class Sandbox {

	/** One admin call. */
	public static function call( $method, $path, $body = null ) {
		$ch = curl_init( rtrim( getenv( 'RCI_SANDBOX_URL' ), '/' ) . $path );
		curl_setopt_array(
			$ch,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HTTPHEADER     => array( 'X-Sandbox-Admin: ' . getenv( 'RCI_SANDBOX_ADMIN' ), 'Content-Type: application/json', 'Accept: application/json' ),
				CURLOPT_POSTFIELDS     => null === $body ? null : json_encode( $body ),
			)
		);
		$raw    = curl_exec( $ch );
		$status = curl_getinfo( $ch, CURLINFO_RESPONSE_CODE );
		curl_close( $ch );
		if ( $status < 200 || $status >= 300 ) {
			throw new \RuntimeException( "sandbox admin $method $path: HTTP $status $raw" );
		}

		return json_decode( (string) $raw, true );
	}

	/** Resets and seeds the sandbox for one test: credentials, server 1, web app 10. */
	public static function seed( array $webapp = array(), array $config = array() ) {
		self::call( 'POST', '/__sandbox/reset' );
		self::call(
			'POST',
			'/__sandbox/seed',
			array(
				'credentials' => array( array( 'token' => 'rci-token-7Hq2xPz9' ), array( 'key' => 'rci-key-4Fw8Lm', 'secret' => 'rci-secret-9Tz3Vb' ) ),
				'servers'     => array(
					array(
						'id'      => 1,
						'name'    => 'rci-server',
						'ip'      => '127.0.0.1',
						'webapps' => array(
							$webapp + array(
								'id'      => 10,
								'name'    => 'network',
								'primary' => get_network()->domain,
								'ssl'     => true,
							),
						),
					),
				),
				'config'      => $config + array( 'rate_limit' => 100000 ),
			)
		);
		self::call( 'DELETE', '/__sandbox/journal' );
	}

	/** The web app's state. */
	public static function webapp() {
		$state = self::call( 'GET', '/__sandbox/state?webapp=10' );
		foreach ( $state['servers'] as $server ) {
			foreach ( $server['webapps'] as $webapp ) {
				if ( 10 === (int) $webapp['id'] ) {
					return $webapp;
				}
			}
		}
		throw new \RuntimeException( 'web app 10 not in sandbox state' );
	}

	/** Names of the web app's domains. */
	public static function names() {
		return array_map(
			static function ( $d ) {
				return $d['name'];
			},
			self::webapp()['domains']
		);
	}

	/** One domain object by name, or null. */
	public static function domain( $name ) {
		foreach ( self::webapp()['domains'] as $d ) {
			if ( $d['name'] === $name ) {
				return $d;
			}
		}

		return null;
	}

	/** Number of certificate deploys so far (install counts as one). */
	public static function deploys() {
		$ssl = self::webapp()['ssl'];

		return null === $ssl ? 0 : (int) $ssl['deploys'];
	}

	/** API requests journaled since the last reset. */
	public static function journal() {
		return self::call( 'GET', '/__sandbox/journal' )['data'];
	}

	/** "METHOD path?query status" of every journaled request, for assertions and messages. */
	public static function calls() {
		return array_map(
			static function ( $e ) {
				$path = preg_replace( '#^/api/v[23]/servers/\d+/webapps/\d+#', '', $e['path'] );
				$path = preg_replace( '#^/api/v[23]#', '', $path );

				return $e['method'] . ' ' . $path . ' ' . $e['status'];
			},
			self::journal()
		);
	}

	/** HTTPS coverage of the web app (GET /__sandbox/ca/coverage): its entry. */
	public static function coverage() {
		return self::call( 'GET', '/__sandbox/ca/coverage?webapp=10' )['webapps'][0];
	}

	/** Switches the web app's SSL mode behind the plugin's back (a seed of the existing web app). */
	public static function set_mode( $advanced ) {
		self::call( 'POST', '/__sandbox/seed', array( 'servers' => array( array( 'id' => 1, 'webapps' => array( array( 'id' => 10, 'advanced_ssl' => array( 'advancedSSL' => (bool) $advanced, 'autoSSL' => false ) ) ) ) ) ) );
	}

	/** Per-domain certificates of the web app: domain id => names. */
	public static function domain_certs() {
		$out = array();
		foreach ( self::webapp()['domain_ssl'] as $cert ) {
			$out[ (int) $cert['domain_id'] ] = $cert['names'];
		}

		return $out;
	}

	/** Queues a fault. */
	public static function fault( array $fault ) {
		return self::call( 'POST', '/__sandbox/faults', $fault );
	}

	/** Merges sandbox config. */
	public static function config( array $config ) {
		self::call( 'POST', '/__sandbox/config', $config );
	}
}
