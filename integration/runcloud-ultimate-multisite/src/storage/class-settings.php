<?php
/**
 * Where the integration's configuration comes from.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * Credentials and tunables.
 *
 * Each value is looked up in order: the wp-config.php constant, then the credential sources the
 * adapters hand in (on Ultimate Multisite 2.4.11+ that is the Integration's encrypted credential
 * store), then a filter. Values are read on every call so that a credential saved in the setup
 * wizard is used without a reload.
 */
final class Settings {

	/**
	 * Constants the integration understands (required and optional).
	 */
	const CONSTANTS = array(
		'WU_RUNCLOUD_API_TOKEN',
		'WU_RUNCLOUD_API_KEY',
		'WU_RUNCLOUD_API_SECRET',
		'WU_RUNCLOUD_SERVER_ID',
		'WU_RUNCLOUD_APP_ID',
		'WU_RUNCLOUD_API_URL',
		'WU_RUNCLOUD_SERVER_IP',
	);

	/**
	 * Credential sources, each callable( string $constant_name ): string.
	 *
	 * @var callable[]
	 */
	private $sources = array();

	/**
	 * Adds a credential source consulted after the constants.
	 *
	 * @param string   $id     Identifier, so that one adapter replaces its earlier source.
	 * @param callable $source callable( string $constant_name ): string.
	 * @return void
	 */
	public function add_source( $id, callable $source ) {
		$this->sources[ $id ] = $source;
	}

	/**
	 * Reads one setting by its constant name.
	 *
	 * @param string $name Constant name, e.g. WU_RUNCLOUD_APP_ID.
	 * @return string '' when not set anywhere.
	 */
	public function get( $name ) {
		$value = '';

		if ( defined( $name ) && '' !== (string) constant( $name ) ) {
			$value = (string) constant( $name );
		} else {
			foreach ( $this->sources as $source ) {
				try {
					$found = (string) call_user_func( $source, $name );
				} catch ( \Throwable $e ) {
					// A broken credential store must not take the site down; the value is just missing.
					$found = '';
				}
				if ( '' !== $found ) {
					$value = $found;
					break;
				}
			}
		}

		/**
		 * Filters one RunCloud setting.
		 *
		 * @param string $value Value found in constants or the credential store.
		 * @param string $name  Constant name.
		 */
		return trim( (string) apply_filters( 'wu_runcloud_setting', $value, $name ) );
	}

	/**
	 * The v3 bearer token.
	 *
	 * @return string
	 */
	public function token() {
		return $this->get( 'WU_RUNCLOUD_API_TOKEN' );
	}

	/**
	 * Legacy v2 key and secret.
	 *
	 * @return array{0: string, 1: string}
	 */
	public function key_pair() {
		return array( $this->get( 'WU_RUNCLOUD_API_KEY' ), $this->get( 'WU_RUNCLOUD_API_SECRET' ) );
	}

	/**
	 * Which authentication the credentials allow: 'token', 'key' or ''.
	 *
	 * @return string
	 */
	public function auth_mode() {
		if ( '' !== $this->token() ) {
			return 'token';
		}
		list( $key, $secret ) = $this->key_pair();

		return ( '' !== $key && '' !== $secret ) ? 'key' : '';
	}

	/**
	 * Server id.
	 *
	 * @return int
	 */
	public function server_id() {
		return max( 0, (int) $this->get( 'WU_RUNCLOUD_SERVER_ID' ) );
	}

	/**
	 * Web app id.
	 *
	 * @return int
	 */
	public function app_id() {
		return max( 0, (int) $this->get( 'WU_RUNCLOUD_APP_ID' ) );
	}

	/**
	 * API base URL override ('' for RunCloud's own).
	 *
	 * @return string
	 */
	public function api_url() {
		return untrailingslashit( $this->get( 'WU_RUNCLOUD_API_URL' ) );
	}

	/**
	 * Identifies the web app the settings point at; jobs carry it so that a job queued for one
	 * web app never acts on another after the constants change.
	 *
	 * @return string
	 */
	public function webapp_key() {
		return $this->server_id() . ':' . $this->app_id();
	}

	/**
	 * Names of the settings that are missing, for messages.
	 *
	 * @return string[]
	 */
	public function missing() {
		$missing = array();

		if ( '' === $this->auth_mode() ) {
			list( $key, $secret ) = $this->key_pair();
			if ( '' !== $key ) {
				$missing[] = 'WU_RUNCLOUD_API_SECRET';
			} elseif ( '' !== $secret ) {
				$missing[] = 'WU_RUNCLOUD_API_KEY';
			} else {
				$missing[] = 'WU_RUNCLOUD_API_TOKEN';
			}
		}
		if ( $this->server_id() <= 0 ) {
			$missing[] = 'WU_RUNCLOUD_SERVER_ID';
		}
		if ( $this->app_id() <= 0 ) {
			$missing[] = 'WU_RUNCLOUD_APP_ID';
		}

		return $missing;
	}

	/**
	 * Whether every required setting has a value.
	 *
	 * @return bool
	 */
	public function is_configured() {
		return array() === $this->missing();
	}

	/**
	 * The secret values currently configured, so the logger can scrub them.
	 *
	 * @return string[]
	 */
	public function secrets() {
		list( $key, $secret ) = $this->key_pair();

		return array_values(
			array_filter(
				array( $this->token(), $key, $secret ),
				static function ( $value ) {
					return strlen( $value ) >= 4;
				}
			)
		);
	}

	/**
	 * Whole-call timeout in seconds handed to the client.
	 *
	 * Kept well below Action Scheduler's time budget for one job, so that a slow RunCloud answer
	 * ends in a scheduled retry instead of a job killed half-way.
	 *
	 * @return float
	 */
	public function timeout() {
		$value = defined( 'WU_RUNCLOUD_TIMEOUT' ) ? (float) constant( 'WU_RUNCLOUD_TIMEOUT' ) : 20.0;

		return (float) apply_filters( 'wu_runcloud_timeout', $value > 0 ? $value : 20.0 );
	}

	/**
	 * Seconds during which certificate redeploy requests are gathered into one redeploy.
	 *
	 * @return int
	 */
	public function ssl_window() {
		$value = defined( 'WU_RUNCLOUD_SSL_WINDOW' ) ? (int) constant( 'WU_RUNCLOUD_SSL_WINDOW' ) : 60;

		return max( 0, (int) apply_filters( 'wu_runcloud_ssl_window', $value ) );
	}

	/**
	 * The server's public addresses, from WU_RUNCLOUD_SERVER_IP (comma separated); may be empty.
	 *
	 * @return string[]
	 */
	public function server_ips() {
		$raw = $this->get( 'WU_RUNCLOUD_SERVER_IP' );

		return array_values( array_filter( array_map( 'trim', explode( ',', $raw ) ) ) );
	}
}
