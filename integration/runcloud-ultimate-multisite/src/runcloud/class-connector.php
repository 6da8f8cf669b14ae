<?php
/**
 * Builds the RunCloud client.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\RunCloud;

use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Creates one RunCloud\Client per configuration and keeps it for the request, so that every call of a job reuses the same
 * (persistent) connection instead of opening a new one.
 */
final class Connector {

	/**
	 * Client built for $client_key.
	 *
	 * @var \RunCloud\Client|null
	 */
	private ?\RunCloud\Client $client = null;

	/**
	 * Fingerprint of the configuration $client was built with.
	 *
	 * @var string
	 */
	private string $client_key = '';

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings.
	 * @param \Closure $log      The extension's logger (Logger::extension_logger()), built once.
	 */
	public function __construct( private readonly Settings $settings, private readonly \Closure $log ) {}

	/** Whether the runcloud extension is loaded in this PHP. */
	public static function extension_loaded(): bool {
		return class_exists( '\RunCloud\Client', false );
	}

	/**
	 * The client for the current settings.
	 *
	 * @throws Not_Ready_Exception When the extension or a setting is missing.
	 */
	public function client(): \RunCloud\Client {
		if ( ! self::extension_loaded() ) {
			throw new Not_Ready_Exception( 'the runcloud PHP extension is not loaded' );
		}
		$missing = $this->settings->missing();
		if ( $missing ) {
			throw new Not_Ready_Exception( 'missing settings: ' . esc_html( implode( ', ', $missing ) ) );
		}

		$token            = $this->settings->token();
		[ $key, $secret ] = $this->settings->key_pair();
		// Short timeouts, one quick in-call retry: longer waits belong to the job queue (backoff, no PHP worker held).
		$options = array(
			'timeout'         => $this->settings->timeout(),
			'connect_timeout' => min( 10.0, $this->settings->timeout() ),
			'retries'         => 1,
			'retry_delay'     => 0.5,
			'user_agent'      => 'runcloud-ultimate-multisite/' . RUNCLOUD_UM_VERSION . ' WordPress/' . get_bloginfo( 'version' ),
			'logger'          => $this->log,
		);
		$url     = $this->settings->api_url();
		if ( '' !== $url ) {
			$options['base_url'] = $url;
		}
		/**
		 * Filters the options handed to RunCloud\Client.
		 *
		 * @param array<string, mixed> $options Options.
		 */
		$options = (array) apply_filters( 'wu_runcloud_client_options', $options );

		// The fingerprint holds a hash of the credentials, never the credentials themselves.
		$fingerprint = hash( 'sha256', (string) wp_json_encode( array( $token, $key, $secret, $this->settings->webapp_key(), $options['base_url'] ?? '' ) ) );

		if ( null === $this->client || $fingerprint !== $this->client_key ) {
			$server           = $this->settings->server_id();
			$app              = $this->settings->app_id();
			$this->client     = '' !== $token
				? new \RunCloud\Client( $token, $server, $app, $options )
				: \RunCloud\Client::withApiKey( $key, $secret, $server, $app, $options );
			$this->client_key = $fingerprint;
		}
		return $this->client;
	}

	/** Drops the cached client (after settings change). */
	public function reset(): void {
		$this->client     = null;
		$this->client_key = '';
	}
}
