<?php
/**
 * The certificate strategy set by the admin, and the web app's SSL mode: read in this one place.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * The strategy: `basic` (the web app's one certificate over every name), `per-domain` (RunCloud's advanced SSL: one certificate
 * per domain) or `auto` (per-domain when the web app is in advanced mode, basic otherwise). Let's Encrypt puts at most 100 names
 * on a certificate and fails a whole order for one name whose DNS does not point at the server, so a network past a few dozen
 * domains needs per-domain certificates; `auto` follows whatever the web app is set to.
 *
 * The mode has one cache: a network option, trusted for MODE_TTL. `auto` is decided on every domain event and the notices on
 * every page view, which must not call RunCloud; every worker shares the option, where the extension's own memory of the mode
 * (runcloud.ssl_mode_ttl) is per process and is its guard for the install call only. The option is written when the plugin reads
 * or switches the mode, and when the extension refuses a per-domain install in basic mode (SslModeException).
 */
final class Ssl_Mode {

	const CONSTANT = 'WU_RUNCLOUD_SSL_STRATEGY';
	const OPTION   = 'ssl_strategy';
	const MODE     = 'ssl_mode';
	const VALUES   = array( 'auto', 'per-domain', 'basic' );
	const MODE_TTL = DAY_IN_SECONDS;

	/**
	 * Builds the mode.
	 *
	 * @param Settings  $settings  Settings (the mode belongs to the configured web app).
	 * @param State     $state     Option store.
	 * @param Connector $connector RunCloud client.
	 * @param Logger    $logger    Logger.
	 */
	public function __construct( private readonly Settings $settings, private readonly State $state, private readonly Connector $connector, private readonly Logger $logger ) {}

	/** The value as configured: the constant when defined, else the admin page's setting, else ''. */
	private function raw(): string {
		$value = defined( self::CONSTANT ) ? constant( self::CONSTANT ) : $this->state->get( self::OPTION, '' );
		return strtolower( trim( is_scalar( $value ) ? (string) $value : '' ) );
	}

	/** Whether the value comes from the wp-config.php constant (the admin page cannot change it then). */
	public function from_constant(): bool {
		return defined( self::CONSTANT );
	}

	/** The configured value when it is not one of VALUES ('' when it is valid or unset). */
	public function invalid(): string {
		$raw = $this->raw();
		return in_array( $raw, self::VALUES, true ) ? '' : $raw;
	}

	/** The strategy in force: auto, per-domain or basic (an invalid value counts as auto). */
	public function configured(): string {
		$raw = $this->raw();
		return in_array( $raw, self::VALUES, true ) ? $raw : 'auto';
	}

	/**
	 * Saves the admin page's setting; false (nothing saved) when it is not one of VALUES.
	 *
	 * @param string $value Strategy.
	 */
	public function save( string $value ): bool {
		$value = strtolower( trim( $value ) );
		if ( ! in_array( $value, self::VALUES, true ) ) {
			return false;
		}
		$this->state->set( self::OPTION, $value );
		return true;
	}

	/**
	 * Whether a domain gets a certificate of its own. `auto` follows the web app's mode; when it is not known (not remembered,
	 * and not to be asked, or RunCloud cannot tell), basic is the safe side: it is what a web app has until it is switched.
	 *
	 * @param bool $may_ask Whether RunCloud may be asked (never on a page view).
	 */
	public function per_domain( bool $may_ask = true ): bool {
		$strategy = $this->configured();
		if ( 'auto' !== $strategy ) {
			return 'per-domain' === $strategy;
		}
		$known = $this->known();
		if ( null !== $known || ! $may_ask ) {
			return null !== $known && $known['advanced'];
		}
		try {
			return $this->refresh()['advanced'];
		} catch ( \Throwable $e ) {
			$this->logger->warning( sprintf( 'SSL: could not read the web app\'s SSL mode (%s); using its basic certificate.', $e instanceof Not_Ready_Exception ? $e->getMessage() : Errors::describe( $e ) ) );
			return false;
		}
	}

	/**
	 * The remembered mode of the configured web app, or null when unknown or older than MODE_TTL.
	 *
	 * @return array{advanced: bool, autoSsl: bool}|null
	 */
	public function known(): ?array {
		$cached = (array) $this->state->get( self::MODE );
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
	public function refresh(): array {
		$mode = $this->connector->client()->sslMode();

		// The mode just read, not the stored copy: a write that did not stick must not turn it into null.
		return $this->remember( ! empty( $mode['advanced'] ), ! empty( $mode['autoSsl'] ) );
	}

	/**
	 * Remembers a mode this plugin just set or read (AutoSSL exists in advanced mode only).
	 *
	 * @param bool $advanced Advanced SSL.
	 * @param bool $auto_ssl AutoSSL.
	 * @return array{advanced: bool, autoSsl: bool}
	 */
	public function remember( bool $advanced, bool $auto_ssl ): array {
		$mode = array(
			'advanced' => $advanced,
			'autoSsl'  => $advanced && $auto_ssl,
		);
		$this->state->set(
			self::MODE,
			$mode + array(
				'time' => time(),
				'key'  => $this->settings->webapp_key(),
			)
		);
		return $mode;
	}
}
