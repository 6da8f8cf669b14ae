<?php
/**
 * Builds the RunCloud client.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\RunCloud;

use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;


/**
 * Creates one RunCloud\Client per configuration and keeps it for the request, so that every call
 * of a job reuses the same (persistent) connection instead of opening a new one.
 */
final class Connector {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Client built for $client_key.
	 *
	 * @var \RunCloud\Client|null
	 */
	private $client;

	/**
	 * Fingerprint of the configuration the client was built with.
	 *
	 * @var string
	 */
	private $client_key = '';

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings.
	 * @param Logger   $logger   Logger.
	 */
	public function __construct( Settings $settings, Logger $logger ) {
		$this->settings = $settings;
		$this->logger   = $logger;
	}

	/**
	 * Whether the runcloud extension is loaded in this PHP.
	 *
	 * @return bool
	 */
	public static function extension_loaded() {
		return class_exists( '\RunCloud\Client', false );
	}

	/**
	 * The client for the current settings.
	 *
	 * @return \RunCloud\Client
	 * @throws Not_Ready_Exception When the extension or a setting is missing.
	 */
	public function client() {
		if ( ! self::extension_loaded() ) {
			throw new Not_Ready_Exception( 'the runcloud PHP extension is not loaded' );
		}
		if ( ! $this->settings->is_configured() ) {
			throw new Not_Ready_Exception( 'missing settings: ' . implode( ', ', $this->settings->missing() ) );
		}

		$token               = $this->settings->token();
		list( $key, $secret ) = $this->settings->key_pair();
		$options             = $this->options();

		// The fingerprint holds a hash of the credentials, never the credentials themselves.
		$fingerprint = hash( 'sha256', wp_json_encode( array( $token, $key, $secret, $this->settings->webapp_key(), $options['base_url'] ?? '' ) ) );

		if ( null === $this->client || $fingerprint !== $this->client_key ) {
			$server = $this->settings->server_id();
			$app    = $this->settings->app_id();

			if ( '' !== $token ) {
				$this->client = new \RunCloud\Client( $token, $server, $app, $options );
			} else {
				$this->client = \RunCloud\Client::withApiKey( $key, $secret, $server, $app, $options );
			}
			$this->client_key = $fingerprint;
		}

		return $this->client;
	}

	/**
	 * Drops the cached client (after settings change).
	 *
	 * @return void
	 */
	public function reset() {
		$this->client     = null;
		$this->client_key = '';
	}

	/**
	 * Client options.
	 *
	 * Short timeouts and one quick in-call retry: longer waits belong to the job queue, which retries
	 * with backoff without holding a PHP worker.
	 *
	 * @return array
	 */
	public function options() {
		$options = array(
			'timeout'         => $this->settings->timeout(),
			'connect_timeout' => min( 10.0, $this->settings->timeout() ),
			'retries'         => 1,
			'retry_delay'     => 0.5,
			'user_agent'      => 'runcloud-ultimate-multisite/' . RUNCLOUD_UM_VERSION . ' WordPress/' . get_bloginfo( 'version' ),
			'logger'          => $this->logger->extension_logger(),
		);

		$url = $this->settings->api_url();
		if ( '' !== $url ) {
			$options['base_url'] = $url;
		}

		/**
		 * Filters the options handed to RunCloud\Client.
		 *
		 * @param array $options Options.
		 */
		return (array) apply_filters( 'wu_runcloud_client_options', $options );
	}
}
