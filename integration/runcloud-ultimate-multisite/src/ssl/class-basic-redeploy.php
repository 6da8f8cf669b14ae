<?php
/**
 * The web app's basic certificate: redeploys, gathered.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * The web app's basic Let's Encrypt certificate covers all its names, and each redeploy re-issues it for all of them. So requests
 * are gathered: the first one queues a single redeploy job a short window later (one job per web app), and every request arriving
 * before that job runs rides along. The state (option `ssl`): pending name => time asked, covered name => time of the redeploy
 * that covered it, the retry attempt.
 */
final class Basic_Redeploy implements Certificate_Strategy {

	const HOOK = 'wu_runcloud_ssl_redeploy';

	/** Seconds before a redeploy waiting for a domain's DNS looks again. */
	const DNS_WAIT = 600;

	/**
	 * Builds the strategy.
	 *
	 * @param Settings        $settings  Settings.
	 * @param Connector       $connector RunCloud client.
	 * @param State           $state     Option store.
	 * @param Queue           $queue     Job queue.
	 * @param Retry_Policy    $retry     Retry policy.
	 * @param Logger          $logger    Logger.
	 * @param Basic_Ssl_Guard $guard     Checks a redeploy can succeed before it is sent.
	 * @param Mapped_Domains  $mapped    Ultimate Multisite's mappings (a name no longer mapped is dropped).
	 * @param Ledger          $ledger    Names this plugin added.
	 */
	public function __construct( private readonly Settings $settings, private readonly Connector $connector, private readonly State $state, private readonly Queue $queue, private readonly Retry_Policy $retry, private readonly Logger $logger, private readonly Basic_Ssl_Guard $guard, private readonly Mapped_Domains $mapped, private readonly Ledger $ledger ) {}

	/**
	 * Asks for a redeploy that will cover $name.
	 *
	 * @param string $name  Normalised name.
	 * @param int    $delay Unused: the gathering window decides.
	 */
	public function request( string $name, int $delay = 0 ): bool {
		$this->update( static fn( array $ssl ): array => array_merge( $ssl, self::without( $ssl, $name ), array( 'pending' => array_merge( $ssl['pending'], array( $name => time() ) ) ) ) );
		$args = array( $this->settings->webapp_key() );
		if ( $this->queue->is_scheduled( self::HOOK, $args ) ) {
			$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s requested: it joins the shared certificate\'s redeploy (basic mode) already queued.', $name ) );
			return false;
		}
		$this->queue->schedule( $this->settings->ssl_window(), self::HOOK, $args );
		$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s requested: the shared certificate\'s redeploy (basic mode) is queued in %d s.', $name, $this->settings->ssl_window() ) );
		return true;
	}

	/**
	 * Whether a redeploy ran (successfully) since $name was last requested or added.
	 *
	 * @param string $name Normalised name.
	 */
	public function is_covered( string $name ): bool {
		return isset( $this->read()['covered'][ $name ] );
	}

	/**
	 * Whether a redeploy is waiting for $name.
	 *
	 * @param string $name Normalised name.
	 */
	public function is_pending( string $name ): bool {
		return isset( $this->read()['pending'][ $name ] );
	}

	/**
	 * Forgets a name (removed, or re-added and needing a new certificate).
	 *
	 * @param string $name Normalised name.
	 */
	public function forget( string $name ): void {
		if ( $this->is_pending( $name ) || $this->is_covered( $name ) ) {
			$this->update( static fn( array $ssl ): array => array_merge( $ssl, self::without( $ssl, $name ) ) );
		}

		// The web app's names changed: what the guard found may be gone, so look again (a blocked redeploy never retries).
		$args = array( $this->settings->webapp_key() );
		if ( $this->guard->has_notice() && ! $this->queue->is_scheduled( self::HOOK, $args ) ) {
			$this->queue->schedule( $this->settings->ssl_window(), self::HOOK, $args );
		}
	}

	/**
	 * Names waiting for the next redeploy.
	 *
	 * @return string[]
	 */
	public function pending(): array {
		return array_map( 'strval', array_keys( $this->read()['pending'] ) );
	}

	/** Time of the queued redeploy, true while one runs, false when none is queued. */
	public function next_run(): int|bool {
		return $this->queue->next( self::HOOK, array( $this->settings->webapp_key() ) );
	}

	/**
	 * The job (run by Ssl_Chooser in basic mode): one redeploy for everything pending.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @throws Job_Failed_Exception When the redeploy fails for good.
	 */
	public function run( string $webapp_key = '' ): void {
		if ( '' !== $webapp_key && $webapp_key !== $this->settings->webapp_key() ) {
			$this->logger->warning( sprintf( 'SSL: dropping a redeploy queued for web app %s; the settings now name %s.', $webapp_key, $this->settings->webapp_key() ) );
			return;
		}
		$attempt = $this->read()['attempt'];
		$names   = array();
		$tracked = $this->mapped->available() ? $this->ledger->tracked() : array();
		foreach ( $this->pending() as $name ) {
			// A name this plugin added whose mapping was deleted since (its removal on the way) is dropped.
			if ( isset( $tracked[ $name ] ) && ! $this->mapped->is_mapped( $name ) ) {
				$this->forget( $name );
				$this->logger->domain( $name, 'info', sprintf( 'SSL: dropping %s from the shared certificate\'s redeploy (basic mode): it is no longer mapped in Ultimate Multisite.', $name ) );
			} else {
				$names[] = $name;
			}
		}
		if ( ! $names ) {
			// Nothing to redeploy, but names changed while the guard showed a notice: it looks again.
			try {
				if ( $this->guard->has_notice() ) {
					$this->guard->check();
				}
			} catch ( \Throwable $e ) {
				$this->logger->warning( 'SSL: could not list the web app\'s domains to check the certificate\'s names again: ' . Errors::describe( $e ) );
			}
			return;
		}

		try {
			if ( 'waiting' === $this->deploy( $names ) ) {
				// At Ultimate Multisite's DNS stage: its propagation asks again; the look after DNS_WAIT covers a name it gives up on
				// (that one then blocks, with the notice). Own arguments, so request() still queues the usual redeploy (the handler
				// takes the first only). Not is_scheduled(): this look may be the dns-wait job, and the next one must be queued.
				$args = array( $this->settings->webapp_key(), 'dns-wait' );
				if ( ! $this->queue->is_waiting( self::HOOK, $args ) ) {
					$this->queue->schedule( self::DNS_WAIT, self::HOOK, $args );
				}
				$this->logger->info( sprintf( 'SSL: the redeploy waits for the DNS of %s (Ultimate Multisite is still checking it; Let\'s Encrypt would refuse every name until it points); looking again in %d s or when it propagates.', Basic_Ssl_Guard::list_names( $this->guard->waiting() ), self::DNS_WAIT ) );
			}
		} catch ( Job_Failed_Exception $e ) {
			throw $e; // Blocked by the guard: the names stay pending until the web app's names change.
		} catch ( \Throwable $e ) {
			// Transient failures come back with the retry policy; a permanent one drops the pending names (the next request starts
			// afresh) and fails the job.
			try {
				$this->retry->handle(
					sprintf( 'redeploy the SSL certificate (for %s)', implode( ', ', $names ) ),
					$e,
					$attempt,
					function ( int $delay, int $next ) use ( $names, $e ): void {
						foreach ( $names as $name ) {
							$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits: %s; the redeploy is tried again in %d s.', $name, Errors::describe( $e ), $delay ) );
						}
						$this->update( static fn( array $ssl ): array => array( 'attempt' => $next ) + $ssl );
						$this->queue->schedule( $delay, self::HOOK, array( $this->settings->webapp_key() ) );
					}
				);
			} catch ( Job_Failed_Exception $failed ) {
				foreach ( $names as $name ) {
					$this->logger->domain( $name, 'error', sprintf( 'SSL: certificate of %s refused: %s', $name, Errors::describe( $e ) ) );
				}
				$this->update(
					static fn( array $ssl ): array => array(
						'pending' => array(),
						'attempt' => 0,
					) + $ssl
				);
				throw $failed;
			}
		}
	}

	/**
	 * The guarded redeploy, for the job and for `wp runcloud ssl redeploy` alike: the guard's check, then the redeploy (an
	 * install when the web app has no certificate), then $names covered.
	 *
	 * @param string[] $names Names the redeploy covers.
	 * @return string redeployed|installed|none (installing is disabled)|waiting (for a name's DNS).
	 * @throws Job_Failed_Exception When the guard finds the order must fail (already logged); a failed
	 *                              call throws the extension's exception or Not_Ready_Exception.
	 */
	public function deploy( array $names ): string {
		$blocked = $this->guard->check();
		if ( '' !== $blocked ) {
			throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $blocked ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a job's message, not HTML.
		}
		if ( $this->guard->waiting() ) {
			return 'waiting';
		}

		$started = time();
		$client  = $this->connector->client();
		// RunCloud has GET ssl and PUT ssl/{id} for this; the built-in's "ssl/advanced/.../redeploy" route does not exist.
		if ( $client->redeploySsl() ) {
			$done = 'redeployed';
		} else {
			/**
			 * Filters the settings of the basic certificate installed when the web app has none. Return an empty array to never
			 * install one.
			 *
			 * @param array $settings installSsl() settings.
			 */
			$settings = (array) apply_filters( 'wu_runcloud_ssl_install_settings', self::SETTINGS );
			if ( ! $settings ) {
				$this->logger->warning( 'SSL: the web app has no certificate, and installing one is disabled.' );
				return 'none';
			}
			$client->installSsl( $settings );
			$this->logger->info( 'SSL: the web app had no certificate; a Let\'s Encrypt certificate was installed.' );
			$done = 'installed';
		}
		// $names covered by the redeploy that started at $started.
		$this->update(
			static function ( array $ssl ) use ( $names, $started ): array {
				foreach ( $names as $name ) {
					// A request that arrived during the call stays pending for the next redeploy.
					if ( isset( $ssl['pending'][ $name ] ) && $ssl['pending'][ $name ] <= $started ) {
						unset( $ssl['pending'][ $name ] );
					}
					$ssl['covered'][ $name ] = $started;
				}
				$ssl['attempt'] = 0;
				return $ssl;
			}
		);

		$this->logger->info( sprintf( 'SSL: certificate redeployed, covering %s.', $names ? implode( ', ', $names ) : 'all names' ) );
		foreach ( $names as $name ) {
			$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s issued; RunCloud serves it (the web app\'s shared certificate, basic mode).', $name ) );
		}
		if ( $names ) {
			do_action( 'wu_runcloud_certificate_issued', array_values( $names ) );
		}
		return $done;
	}

	/**
	 * Changes the stored state under the store's lock (queue workers request and complete at once).
	 *
	 * @param callable $change Receives the state with its keys, returns the new one.
	 */
	private function update( callable $change ): void {
		$this->state->update( 'ssl', static fn( array $ssl ): array => $change( self::with_keys( $ssl ) ) );
	}

	/**
	 * The stored state.
	 *
	 * @return array{pending: array<string, int>, covered: array<string, int>, attempt: int}
	 */
	private function read(): array {
		return self::with_keys( (array) $this->state->get( 'ssl' ) );
	}

	/**
	 * The pending and covered maps of $ssl without $name.
	 *
	 * @param array{pending: array<string, int>, covered: array<string, int>} $ssl  State.
	 * @param string                                                          $name Name.
	 * @return array{pending: array<string, int>, covered: array<string, int>}
	 */
	private static function without( array $ssl, string $name ): array {
		return array(
			'pending' => array_diff_key( $ssl['pending'], array( $name => 0 ) ),
			'covered' => array_diff_key( $ssl['covered'], array( $name => 0 ) ),
		);
	}

	/**
	 * A state with its keys.
	 *
	 * @param array<string, mixed> $ssl Stored state.
	 * @return array{pending: array<string, int>, covered: array<string, int>, attempt: int}
	 */
	private static function with_keys( array $ssl ): array {
		return array(
			'pending' => (array) ( $ssl['pending'] ?? array() ),
			'covered' => (array) ( $ssl['covered'] ?? array() ),
			'attempt' => (int) ( $ssl['attempt'] ?? 0 ),
		);
	}
}
