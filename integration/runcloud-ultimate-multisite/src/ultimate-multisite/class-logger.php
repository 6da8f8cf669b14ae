<?php
/**
 * Logging into Ultimate Multisite's logs.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Writes to wu_log_add( 'integration-runcloud', ... ) — where the product documentation tells users
 * to look — or to PHP's error log when Ultimate Multisite is not loaded. Every message is scrubbed of
 * the configured credentials first, whatever produced it.
 */
final class Logger {

	const HANDLE = 'integration-runcloud';

	/** Network option with the last failures, and how many are kept. */
	const FAILURES_OPTION = 'wu_runcloud_last_failures';
	const FAILURES_KEPT   = 10;

	/**
	 * Settings, for the secrets to scrub.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Logs at ERROR level.
	 *
	 * @param string $message Message.
	 * @return void
	 */
	public function error( $message ) {
		$this->log( 'error', $message );
	}

	/**
	 * Logs at WARNING level.
	 *
	 * @param string $message Message.
	 * @return void
	 */
	public function warning( $message ) {
		$this->log( 'warning', $message );
	}

	/**
	 * Logs at INFO level.
	 *
	 * @param string $message Message.
	 * @return void
	 */
	public function info( $message ) {
		$this->log( 'info', $message );
	}

	/**
	 * Logs at DEBUG level.
	 *
	 * @param string $message Message.
	 * @return void
	 */
	public function debug( $message ) {
		$this->log( 'debug', $message );
	}

	/**
	 * Logs one message at a PSR-3 level name.
	 *
	 * @param string $level   emergency|alert|critical|error|warning|notice|info|debug.
	 * @param string $message Message.
	 * @return void
	 */
	public function log( $level, $message ) {
		$message = $this->scrub( (string) $message );

		if ( 'error' === $level ) {
			$this->remember_failure( $message );
		}

		if ( function_exists( 'wu_log_add' ) ) {
			// Ultimate Multisite's log viewer puts the file's text into the page as HTML (Vue's
			// v-html), and messages carry RunCloud's answers and customers' domain names: escaped
			// here, where they are handed over; the admin page escapes the failures it shows.
			wu_log_add( self::HANDLE, self::for_html( $message ), $level );
			return;
		}

		// Without Ultimate Multisite only problems are worth PHP's error log.
		if ( in_array( $level, array( 'emergency', 'alert', 'critical', 'error', 'warning' ), true ) ) {
			error_log( sprintf( '[%s] %s: %s', self::HANDLE, strtoupper( $level ), $message ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
	}

	/**
	 * A text escaped for HTML element content (quotes kept readable: they mean nothing there).
	 *
	 * @param string $text Text.
	 * @return string
	 */
	public static function for_html( $text ) {
		return htmlspecialchars( (string) $text, ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8' );
	}

	/**
	 * Logs what the plugin did for one domain: into this plugin's log, and into Ultimate Multisite's
	 * per-domain log (handle `domain-<name>`, shown on the domain's admin page). The text may quote
	 * RunCloud's answers, so it is scrubbed and HTML-escaped before it reaches the log viewer.
	 *
	 * @param string $name    Normalised domain name.
	 * @param string $level   PSR-3 level name.
	 * @param string $message Message.
	 * @return void
	 */
	public function domain( $name, $level, $message ) {
		$this->log( $level, $message );
		if ( function_exists( 'wu_log_add' ) && '' !== (string) $name ) {
			wu_log_add( 'domain-' . $name, self::for_html( $this->scrub( (string) $message ) ), $level );
		}
	}

	/**
	 * Keeps the last failures for the plugin's admin page (already scrubbed).
	 *
	 * @param string $message Message.
	 * @return void
	 */
	private function remember_failure( $message ) {
		if ( ! function_exists( 'get_site_option' ) ) {
			return;
		}
		$failures   = (array) get_site_option( self::FAILURES_OPTION, array() );
		$failures[] = array(
			'time'    => time(),
			'message' => $message,
		);
		update_site_option( self::FAILURES_OPTION, array_slice( $failures, -self::FAILURES_KEPT ) );
	}

	/**
	 * The last failures, newest first: list of ['time' => int, 'message' => string].
	 *
	 * @return array
	 */
	public function last_failures() {
		return array_reverse( (array) get_site_option( self::FAILURES_OPTION, array() ) );
	}

	/**
	 * Address of Ultimate Multisite's log viewer showing this plugin's log, or '' without it.
	 *
	 * @return string
	 */
	public function log_url() {
		if ( ! class_exists( '\WP_Ultimo\Logger' ) || ! method_exists( '\WP_Ultimo\Logger', 'get_logs_folder' ) ) {
			return '';
		}

		return add_query_arg(
			array(
				'page' => 'wp-ultimo-view-logs',
				// The folder's name ends with a slash already.
				'file' => trailingslashit( \WP_Ultimo\Logger::get_logs_folder() ) . self::HANDLE . '.log',
			),
			network_admin_url( 'admin.php' )
		);
	}

	/**
	 * Removes credentials from a text: the configured secrets, and anything that looks like an
	 * Authorization header value, in case a message quotes a request.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	public function scrub( $text ) {
		foreach ( $this->settings->secrets() as $secret ) {
			$text = str_replace( $secret, '[redacted]', $text );
			$b64  = base64_encode( $secret ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
			$text = str_replace( $b64, '[redacted]', $text );
		}

		return (string) preg_replace( '/\b(Bearer|Basic)\s+[A-Za-z0-9._~+\/=-]{4,}/i', '$1 [redacted]', $text );
	}

	/**
	 * The callable handed to the extension as its `logger` option.
	 *
	 * The extension reports retries and rate-limit waits through it; they are worth seeing in the
	 * log, at DEBUG so they do not drown the ERROR lines.
	 *
	 * @return callable
	 */
	public function extension_logger() {
		return function ( $level, $message, $context = array() ) {
			$level = strtolower( (string) $level );
			$level = in_array( $level, array( 'error', 'warning' ), true ) ? 'warning' : 'debug';
			$this->log( $level, 'client: ' . $message );
		};
	}
}
