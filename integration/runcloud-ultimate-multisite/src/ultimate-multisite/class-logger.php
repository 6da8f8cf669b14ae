<?php
/**
 * Logging into Ultimate Multisite's logs.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Writes to wu_log_add( 'integration-runcloud', ... ) — where the product documentation tells users to look — or to PHP's error
 * log when Ultimate Multisite is not loaded. Every message is scrubbed of the configured credentials first, whatever produced it.
 */
final class Logger {

	const HANDLE = 'integration-runcloud';

	/** Network option with the last failures, and how many are kept. */
	const FAILURES_OPTION = 'wu_runcloud_last_failures';
	const FAILURES_KEPT   = 10;

	/**
	 * Constructor.
	 *
	 * @param Settings $settings For the secrets to scrub.
	 */
	public function __construct( private readonly Settings $settings ) {}

	/**
	 * Logs at ERROR level.
	 *
	 * @param string $message Message.
	 */
	public function error( string $message ): void {
		$this->log( 'error', $message );
	}

	/**
	 * Logs at WARNING level.
	 *
	 * @param string $message Message.
	 */
	public function warning( string $message ): void {
		$this->log( 'warning', $message );
	}

	/**
	 * Logs at INFO level.
	 *
	 * @param string $message Message.
	 */
	public function info( string $message ): void {
		$this->log( 'info', $message );
	}

	/**
	 * Logs one message at a PSR-3 level name.
	 *
	 * @param string $level   emergency|alert|critical|error|warning|notice|info|debug.
	 * @param string $message Message.
	 */
	public function log( string $level, string $message ): void {
		$message = $this->scrub( $message );

		if ( 'error' === $level ) {
			// The last failures, for the plugin's admin page.
			$failures   = (array) get_site_option( self::FAILURES_OPTION, array() );
			$failures[] = array(
				'time'    => time(),
				'message' => $message,
			);
			update_site_option( self::FAILURES_OPTION, array_slice( $failures, -self::FAILURES_KEPT ) );
		}

		if ( function_exists( 'wu_log_add' ) ) {
			// Ultimate Multisite's log viewer shows the file as HTML (Vue's v-html), and messages carry RunCloud's answers and
			// customers' names: escaped here, where they are handed over; the admin page escapes the failures it shows.
			wu_log_add( self::HANDLE, self::for_html( $message ), $level );
			return;
		}

		// Without Ultimate Multisite only problems are worth PHP's error log.
		if ( in_array( $level, array( 'emergency', 'alert', 'critical', 'error', 'warning' ), true ) ) {
			error_log( sprintf( '[%s] %s: %s', self::HANDLE, strtoupper( $level ), $message ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the log of last resort, without Ultimate Multisite.
		}
	}

	/**
	 * A text escaped for HTML element content (quotes kept readable: they mean nothing there).
	 *
	 * @param string $text Text.
	 */
	private static function for_html( string $text ): string {
		return htmlspecialchars( $text, ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8' );
	}

	/**
	 * Logs what the plugin did for one domain: into this plugin's log, and into Ultimate Multisite's per-domain log (handle
	 * `domain-<name>`, shown on the domain's admin page). The text may quote RunCloud's answers, so it is scrubbed and
	 * HTML-escaped before it reaches the log viewer.
	 *
	 * @param string $name    Normalised domain name.
	 * @param string $level   PSR-3 level name.
	 * @param string $message Message.
	 */
	public function domain( string $name, string $level, string $message ): void {
		$this->log( $level, $message );
		if ( function_exists( 'wu_log_add' ) && '' !== $name ) {
			wu_log_add( 'domain-' . $name, self::for_html( $this->scrub( $message ) ), $level );
		}
	}

	/**
	 * The last failures, newest first.
	 *
	 * @return list<array{time: int, message: string}>
	 */
	public function last_failures(): array {
		return array_reverse( (array) get_site_option( self::FAILURES_OPTION, array() ) );
	}

	/** Empties the list of last failures (the log keeps them). */
	public function clear_failures(): void {
		delete_site_option( self::FAILURES_OPTION );
	}

	/** Address of Ultimate Multisite's log viewer showing this plugin's log, or '' without it. */
	public function log_url(): string {
		if ( ! method_exists( '\WP_Ultimo\Logger', 'get_logs_folder' ) ) {
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
	 * Removes credentials from a text: the configured secrets, and anything that looks like an Authorization header value, in
	 * case a message quotes a request.
	 *
	 * @param string $text Text.
	 */
	public function scrub( string $text ): string {
		foreach ( $this->settings->secrets() as $secret ) {
			$text = str_replace( array( $secret, base64_encode( $secret ) ), '[redacted]', $text ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the form a secret takes in a Basic header.
		}
		return (string) preg_replace( '/\b(Bearer|Basic)\s+[A-Za-z0-9._~+\/=-]{4,}/i', '$1 [redacted]', $text );
	}

	/**
	 * The callable handed to the extension as its `logger` option.
	 *
	 * The extension reports retries and rate-limit waits through it; they are worth seeing in the log, at DEBUG so they do not
	 * drown the ERROR lines.
	 *
	 * @return \Closure(string, string): void
	 */
	public function extension_logger(): \Closure {
		return function ( string $level, string $message ): void {
			$this->log( in_array( strtolower( $level ), array( 'error', 'warning' ), true ) ? 'warning' : 'debug', 'client: ' . $message );
		};
	}
}
