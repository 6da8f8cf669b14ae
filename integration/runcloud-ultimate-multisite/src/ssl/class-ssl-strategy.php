<?php
/**
 * Which kind of certificate covers a mapped domain.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * The certificate strategy: `basic` (the web app's one certificate over every name), `per-domain`
 * (RunCloud's advanced SSL: one certificate per domain) or `auto` (per-domain when the web app is in
 * advanced mode, basic otherwise).
 *
 * Let's Encrypt puts at most 100 names on a certificate and fails a whole order for one name whose
 * DNS does not point at the server, so a network past a few dozen domains needs per-domain
 * certificates; `auto` follows whatever the web app is set to.
 *
 * The web app's mode is read once and remembered (one network option), because `auto` is decided on
 * every domain event; it is read again after a migration, when RunCloud refuses a call for the
 * wrong mode, and after MODE_TTL.
 */
final class Ssl_Strategy {

	const CONSTANT = 'WU_RUNCLOUD_SSL_STRATEGY';
	const OPTION   = 'ssl_strategy';
	const MODE     = 'ssl_mode';
	const VALUES   = array( 'auto', 'per-domain', 'basic' );
	const MODE_TTL = DAY_IN_SECONDS;

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * State.
	 *
	 * @var State
	 */
	private $state;

	/**
	 * Connector.
	 *
	 * @var Connector
	 */
	private $connector;

	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Constructor.
	 *
	 * @param Settings  $settings  Settings.
	 * @param State     $state     State.
	 * @param Connector $connector Connector.
	 * @param Logger    $logger    Logger.
	 */
	public function __construct( Settings $settings, State $state, Connector $connector, Logger $logger ) {
		$this->settings  = $settings;
		$this->state     = $state;
		$this->connector = $connector;
		$this->logger    = $logger;
	}

	/**
	 * The value as configured: the constant when defined, else the admin page's setting, else ''.
	 *
	 * @return string
	 */
	public function raw() {
		if ( defined( self::CONSTANT ) ) {
			return strtolower( trim( (string) constant( self::CONSTANT ) ) );
		}

		return strtolower( trim( (string) $this->state->get( self::OPTION, '' ) ) );
	}

	/**
	 * Whether the value comes from the wp-config.php constant (the admin page cannot change it then).
	 *
	 * @return bool
	 */
	public function from_constant() {
		return defined( self::CONSTANT );
	}

	/**
	 * The configured value when it is not one of VALUES ('' when it is valid or unset).
	 *
	 * @return string
	 */
	public function invalid() {
		$raw = $this->raw();

		return ( '' === $raw || in_array( $raw, self::VALUES, true ) ) ? '' : $raw;
	}

	/**
	 * The strategy in force: auto, per-domain or basic (an invalid value counts as auto).
	 *
	 * @return string
	 */
	public function configured() {
		$raw = $this->raw();

		return in_array( $raw, self::VALUES, true ) ? $raw : 'auto';
	}

	/**
	 * Saves the admin page's setting.
	 *
	 * @param string $value One of VALUES.
	 * @return bool Whether it was valid (and saved).
	 */
	public function save( $value ) {
		$value = strtolower( trim( (string) $value ) );
		if ( ! in_array( $value, self::VALUES, true ) ) {
			return false;
		}
		$this->state->set( self::OPTION, $value );

		return true;
	}

	/**
	 * Whether a domain gets a certificate of its own. `auto` reads the web app's mode (remembered);
	 * when RunCloud cannot tell, basic is the safe side: it is what the web app had before.
	 *
	 * @return bool
	 */
	public function per_domain() {
		$strategy = $this->configured();
		if ( 'auto' !== $strategy ) {
			return 'per-domain' === $strategy;
		}

		try {
			return $this->mode()['advanced'];
		} catch ( \Throwable $e ) {
			$this->logger->warning( sprintf( 'SSL: could not read the web app\'s SSL mode (%s); using its basic certificate.', $e instanceof Not_Ready_Exception ? $e->getMessage() : Errors::describe( $e ) ) );
			return false;
		}
	}

	/**
	 * The web app's SSL mode, remembered for MODE_TTL.
	 *
	 * @return array{advanced: bool, autoSsl: bool}
	 * @throws \RunCloud\Exception|Not_Ready_Exception When it cannot be read.
	 */
	public function mode() {
		$known = $this->known();

		return null === $known ? $this->refresh() : $known;
	}

	/**
	 * The remembered mode of the configured web app, or null when unknown or old.
	 *
	 * @return array{advanced: bool, autoSsl: bool}|null
	 */
	public function known() {
		$cached = (array) $this->state->get( self::MODE, array() );
		if ( ( $cached['key'] ?? '' ) !== $this->settings->webapp_key() || time() - (int) ( $cached['time'] ?? 0 ) >= self::MODE_TTL ) {
			return null;
		}

		return array(
			'advanced' => ! empty( $cached['advanced'] ),
			'autoSsl'  => ! empty( $cached['autoSsl'] ),
		);
	}

	/**
	 * Reads the mode from RunCloud and remembers it.
	 *
	 * @return array{advanced: bool, autoSsl: bool}
	 * @throws \RunCloud\Exception|Not_Ready_Exception When it cannot be read.
	 */
	public function refresh() {
		$mode     = $this->connector->client()->sslMode();
		$advanced = ! empty( $mode['advanced'] );
		$auto_ssl = $advanced && ! empty( $mode['autoSsl'] );
		$this->remember( $advanced, $auto_ssl );

		// The mode just read, not the stored copy: a write that did not stick must not turn it into null.
		return array(
			'advanced' => $advanced,
			'autoSsl'  => $auto_ssl,
		);
	}

	/**
	 * Remembers a mode this plugin just set or read.
	 *
	 * @param bool $advanced Advanced SSL.
	 * @param bool $auto_ssl AutoSSL.
	 * @return void
	 */
	public function remember( $advanced, $auto_ssl ) {
		$this->state->set(
			self::MODE,
			array(
				'advanced' => (bool) $advanced,
				'autoSsl'  => (bool) $advanced && (bool) $auto_ssl,
				'time'     => time(),
				'key'      => $this->settings->webapp_key(),
			)
		);
	}
}
