<?php
/**
 * Where the integration's configuration comes from.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * Credentials and tunables.
 *
 * Each value is looked up in order: the wp-config.php constant, then the credential sources the adapters hand in (on Ultimate
 * Multisite 2.4.11+ that is the Integration's encrypted credential store), then a filter. Values are read on every call so that a
 * credential saved in the setup wizard is used without a reload.
 */
final class Settings {

	/**
	 * Credential sources by id.
	 *
	 * @var array<string, callable(string): string>
	 */
	private array $sources = array();

	/**
	 * Adds a credential source consulted after the constants.
	 *
	 * @param string   $id     Identifier, so that one adapter replaces its earlier source.
	 * @param callable $source callable( string $constant_name ): string.
	 */
	public function add_source( string $id, callable $source ): void {
		$this->sources[ $id ] = $source;
	}

	/**
	 * Reads one setting by its constant name ('' when not set anywhere).
	 *
	 * @param string $name Constant name, e.g. WU_RUNCLOUD_APP_ID.
	 */
	public function get( string $name ): string {
		$value = defined( $name ) ? (string) constant( $name ) : '';

		foreach ( '' === $value ? $this->sources : array() as $source ) {
			try {
				$value = (string) $source( $name );
			} catch ( \Throwable ) {
				$value = ''; // A broken credential store must not take the site down; the value is just missing.
			}
			if ( '' !== $value ) {
				break;
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

	/** The v3 bearer token. */
	public function token(): string {
		return $this->get( 'WU_RUNCLOUD_API_TOKEN' );
	}

	/**
	 * Legacy v2 key and secret.
	 *
	 * @return array{0: string, 1: string}
	 */
	public function key_pair(): array {
		return array( $this->get( 'WU_RUNCLOUD_API_KEY' ), $this->get( 'WU_RUNCLOUD_API_SECRET' ) );
	}

	/** Which authentication the credentials allow: 'token', 'key' or ''. */
	public function auth_mode(): string {
		if ( '' !== $this->token() ) {
			return 'token';
		}
		[ $key, $secret ] = $this->key_pair();
		return ( '' !== $key && '' !== $secret ) ? 'key' : '';
	}

	/** Server id. */
	public function server_id(): int {
		return max( 0, (int) $this->get( 'WU_RUNCLOUD_SERVER_ID' ) );
	}

	/** Web app id. */
	public function app_id(): int {
		return max( 0, (int) $this->get( 'WU_RUNCLOUD_APP_ID' ) );
	}

	/** API base URL override ('' for RunCloud's own). */
	public function api_url(): string {
		return untrailingslashit( $this->get( 'WU_RUNCLOUD_API_URL' ) );
	}

	/**
	 * Identifies the web app the settings point at; jobs carry it so that a job queued for one web app never acts on another
	 * after the constants change.
	 */
	public function webapp_key(): string {
		return $this->server_id() . ':' . $this->app_id();
	}

	/**
	 * Names of the settings that are missing, for messages.
	 *
	 * @return list<string>
	 */
	public function missing(): array {
		$missing = array();

		if ( '' === $this->auth_mode() ) {
			[ $key, $secret ] = $this->key_pair();
			$missing[]        = match ( true ) {
				'' !== $key    => 'WU_RUNCLOUD_API_SECRET',
				'' !== $secret => 'WU_RUNCLOUD_API_KEY',
				default        => 'WU_RUNCLOUD_API_TOKEN',
			};
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
	 * The secret values currently configured, so the logger can scrub them.
	 *
	 * @return list<string>
	 */
	public function secrets(): array {
		[ $key, $secret ] = $this->key_pair();
		return array_values( array_filter( array( $this->token(), $key, $secret ), static fn( string $value ): bool => strlen( $value ) >= 4 ) );
	}

	/**
	 * Whole-call timeout in seconds handed to the client.
	 *
	 * Kept well below Action Scheduler's time budget for one job, so that a slow RunCloud answer ends in a scheduled retry
	 * instead of a job killed half-way.
	 */
	public function timeout(): float {
		$value = defined( 'WU_RUNCLOUD_TIMEOUT' ) ? (float) constant( 'WU_RUNCLOUD_TIMEOUT' ) : 20.0;
		return (float) apply_filters( 'wu_runcloud_timeout', $value > 0 ? $value : 20.0 );
	}

	/** Seconds during which certificate redeploy requests are gathered into one redeploy. */
	public function ssl_window(): int {
		$value = defined( 'WU_RUNCLOUD_SSL_WINDOW' ) ? (int) constant( 'WU_RUNCLOUD_SSL_WINDOW' ) : 60;
		return max( 0, (int) apply_filters( 'wu_runcloud_ssl_window', $value ) );
	}

	/**
	 * The server's public addresses, from WU_RUNCLOUD_SERVER_IP (comma separated); may be empty.
	 *
	 * @return list<string>
	 */
	public function server_ips(): array {
		return array_values( array_filter( array_map( 'trim', explode( ',', $this->get( 'WU_RUNCLOUD_SERVER_IP' ) ) ) ) );
	}
}
