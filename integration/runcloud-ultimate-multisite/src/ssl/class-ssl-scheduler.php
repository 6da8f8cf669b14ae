<?php
/**
 * Certificate redeploys, gathered.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * The web app's basic Let's Encrypt certificate covers all its names, and each redeploy re-issues
 * it for all of them. So requests are gathered: the first one queues a single redeploy job a short
 * window later (one job per web app), and every request arriving before that job runs rides along.
 */
final class Ssl_Scheduler {

	const HOOK = 'wu_runcloud_ssl_redeploy';

	/** Seconds before a redeploy waiting for a domain's DNS looks again. */
	const DNS_WAIT = 600;

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Connector.
	 *
	 * @var Connector
	 */
	private $connector;

	/**
	 * State.
	 *
	 * @var State
	 */
	private $state;

	/**
	 * Queue.
	 *
	 * @var Queue
	 */
	private $queue;

	/**
	 * Retry policy.
	 *
	 * @var Retry_Policy
	 */
	private $retry;

	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Basic-mode guard (checks a redeploy can succeed before it is sent), if any.
	 *
	 * @var Basic_Ssl_Guard|null
	 */
	private $guard;

	/**
	 * Ultimate Multisite's mappings, so a name no longer mapped is not redeployed for, if any.
	 *
	 * @var Mapped_Domains|null
	 */
	private $mapped;

	/**
	 * Constructor.
	 *
	 * @param Settings             $settings  Settings.
	 * @param Connector            $connector Connector.
	 * @param State                $state     State.
	 * @param Queue                $queue     Queue.
	 * @param Retry_Policy         $retry     Retry policy.
	 * @param Logger               $logger    Logger.
	 * @param Basic_Ssl_Guard|null $guard     Basic-mode guard.
	 * @param Mapped_Domains|null  $mapped    Ultimate Multisite's mappings.
	 */
	public function __construct( Settings $settings, Connector $connector, State $state, Queue $queue, Retry_Policy $retry, Logger $logger, ?Basic_Ssl_Guard $guard = null, ?Mapped_Domains $mapped = null ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->state     = $state;
		$this->queue     = $queue;
		$this->retry     = $retry;
		$this->logger    = $logger;
		$this->guard     = $guard;
		$this->mapped    = $mapped;
	}

	/**
	 * Asks for a redeploy that will cover $name.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function request( $name ) {
		$this->update_state(
			function ( $ssl ) use ( $name ) {
				$ssl['pending'][ $name ] = time();
				unset( $ssl['covered'][ $name ] );
				return $ssl;
			}
		);

		$args = array( $this->settings->webapp_key() );
		if ( $this->queue->is_scheduled( self::HOOK, $args ) ) {
			$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s requested: it joins the shared certificate\'s redeploy (basic mode) already queued.', $name ) );
			return;
		}

		$this->queue->schedule( $this->settings->ssl_window(), self::HOOK, $args );
		$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s requested: the shared certificate\'s redeploy (basic mode) is queued in %d s.', $name, $this->settings->ssl_window() ) );
	}

	/**
	 * Whether a redeploy already ran (successfully) since $name was last requested or added.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_covered( $name ) {
		return isset( $this->ssl_state()['covered'][ $name ] );
	}

	/**
	 * Whether a redeploy is waiting for $name.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_pending( $name ) {
		return isset( $this->ssl_state()['pending'][ $name ] );
	}

	/**
	 * Forgets a name (it was removed, or re-added and needs a new certificate).
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function forget( $name ) {
		$this->update_state(
			function ( $ssl ) use ( $name ) {
				unset( $ssl['pending'][ $name ], $ssl['covered'][ $name ] );
				return $ssl;
			}
		);

		// The web app's names changed: what the guard found may be gone, so look again (a blocked
		// redeploy is never retried on its own).
		$args = array( $this->settings->webapp_key() );
		if ( $this->guard && $this->guard->has_notice() && ! $this->queue->is_scheduled( self::HOOK, $args ) ) {
			$this->queue->schedule( $this->settings->ssl_window(), self::HOOK, $args );
		}
	}

	/**
	 * Names waiting for the next redeploy.
	 *
	 * @return string[]
	 */
	public function pending() {
		return array_keys( $this->ssl_state()['pending'] );
	}

	/**
	 * Time of the queued redeploy, or false.
	 *
	 * @return int|bool
	 */
	public function next_run() {
		return $this->queue->next( self::HOOK, array( $this->settings->webapp_key() ) );
	}

	/**
	 * The job: one redeploy for everything pending.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @return void
	 * @throws Job_Failed_Exception When the redeploy fails for good.
	 */
	public function run( $webapp_key = '' ) {
		if ( '' !== (string) $webapp_key && (string) $webapp_key !== $this->settings->webapp_key() ) {
			$this->logger->warning( sprintf( 'SSL: dropping a redeploy queued for web app %s; the settings now name %s.', $webapp_key, $this->settings->webapp_key() ) );
			return;
		}

		$ssl     = $this->ssl_state();
		$started = time();
		$names   = $this->still_mapped( array_keys( $ssl['pending'] ) );

		if ( ! $names ) {
			$this->refresh_guard();
			return;
		}

		try {
			$blocked = $this->guard ? $this->guard->check() : '';
			if ( '' !== $blocked ) {
				// Pending names stay pending: the redeploy that covers them waits for the names to change.
				throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $blocked ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
			}
			if ( $this->guard && $this->guard->waiting() ) {
				$this->wait_for_dns( $this->guard->waiting() );
				return;
			}
			$this->redeploy_now();
		} catch ( Job_Failed_Exception $e ) {
			throw $e;
		} catch ( \Throwable $e ) {
			$attempt = (int) $ssl['attempt'];
			try {
				$this->retry->handle(
					sprintf( 'redeploy the SSL certificate (for %s)', implode( ', ', $names ) ),
					$e,
					$attempt,
					function ( $delay, $next ) use ( $names, $e ) {
						foreach ( $names as $name ) {
							$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits: %s; the redeploy is tried again in %d s.', $name, Errors::describe( $e ), $delay ) );
						}
						$this->update_state(
							function ( $ssl ) use ( $next ) {
								$ssl['attempt'] = $next;
								return $ssl;
							}
						);
						$this->queue->schedule( $delay, self::HOOK, array( $this->settings->webapp_key() ) );
					}
				);
			} catch ( Job_Failed_Exception $failed ) {
				foreach ( $names as $name ) {
					$this->logger->domain( $name, 'error', sprintf( 'SSL: certificate of %s refused: %s', $name, Errors::describe( $e ) ) );
				}
				// Permanent: drop the pending names so the next request starts afresh.
				$this->update_state(
					function ( $ssl ) {
						$ssl['pending'] = array();
						$ssl['attempt'] = 0;
						return $ssl;
					}
				);
				throw $failed;
			}
			return;
		}

		$this->complete( $names, $started );
	}

	/**
	 * A name of the certificate is still at Ultimate Multisite's DNS stage: the redeploy waits. Its
	 * propagation asks for a redeploy again; the look again after DNS_WAIT covers a name Ultimate
	 * Multisite gives up on (that one then blocks, with the notice).
	 *
	 * @param string[] $waiting Names.
	 * @return void
	 */
	private function wait_for_dns( array $waiting ) {
		// Its own arguments, so a propagation's request() still queues the usual redeploy a window
		// later instead of joining this one (the handler takes the first argument only).
		$args = array( $this->settings->webapp_key(), 'dns-wait' );
		// Not is_scheduled(): this very look may be the dns-wait job, and the next look must be queued.
		if ( ! $this->queue->is_waiting( self::HOOK, $args ) ) {
			$this->queue->schedule( self::DNS_WAIT, self::HOOK, $args );
		}
		$this->logger->info( sprintf( 'SSL: the redeploy waits for the DNS of %s (Ultimate Multisite is still checking it; Let\'s Encrypt would refuse every name until it points); looking again in %d s or when it propagates.', Basic_Ssl_Guard::list_names( $waiting ), self::DNS_WAIT ) );
	}

	/**
	 * Nothing to redeploy, but names changed while the guard showed a notice: checks again so the
	 * notice goes when its cause did.
	 *
	 * @return void
	 */
	private function refresh_guard() {
		if ( ! $this->guard || ! $this->guard->has_notice() ) {
			return;
		}
		try {
			$this->guard->check();
		} catch ( \Throwable $e ) {
			$this->logger->warning( 'SSL: could not list the web app\'s domains to check the certificate\'s names again: ' . Errors::describe( $e ) );
		}
	}

	/**
	 * The pending names whose mapping still exists: a name this plugin added whose mapping was
	 * deleted since (its removal on the way) is dropped from the redeploy, and says so.
	 *
	 * @param string[] $names Pending names.
	 * @return string[]
	 */
	private function still_mapped( array $names ) {
		if ( ! $this->mapped || ! $this->mapped->available() || ! $names ) {
			return $names;
		}
		$tracked = $this->state->tracked();
		$kept    = array();
		foreach ( $names as $name ) {
			if ( isset( $tracked[ $name ] ) && ! $this->mapped->is_mapped( $name ) ) {
				$this->forget( $name );
				$this->logger->domain( $name, 'info', sprintf( 'SSL: dropping %s from the shared certificate\'s redeploy (basic mode): it is no longer mapped in Ultimate Multisite.', $name ) );
				continue;
			}
			$kept[] = $name;
		}

		return $kept;
	}

	/**
	 * Records a successful redeploy that started at $started and covered $names.
	 *
	 * @param string[] $names   Names.
	 * @param int      $started Time the redeploy call started.
	 * @return void
	 */
	public function complete( array $names, $started ) {
		$this->update_state(
			function ( $ssl ) use ( $names, $started ) {
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
			do_action( Domain_Certificates::ISSUED_ACTION, array_values( $names ) );
		}
	}

	/**
	 * Redeploys the basic certificate at once (installs one when the web app has none).
	 *
	 * RunCloud's route table has GET ssl and PUT ssl/{id} for this; the "ssl/advanced/.../redeploy"
	 * route the built-in integration used does not exist.
	 *
	 * @return string 'redeployed' or 'installed'.
	 * @throws \RunCloud\Exception On failure.
	 */
	public function redeploy_now() {
		$client = $this->connector->client();

		if ( $client->redeploySsl() ) {
			return 'redeployed';
		}

		/**
		 * Filters the settings of the basic certificate installed when the web app has none.
		 * Return an empty array to never install one.
		 *
		 * @param array $settings installSsl() settings.
		 */
		$settings = (array) apply_filters(
			'wu_runcloud_ssl_install_settings',
			array(
				'provider'            => 'letsencrypt',
				'enableHttp'          => false,
				'enableHsts'          => false,
				'authorizationMethod' => 'http-01',
				'environment'         => 'live',
			)
		);

		if ( ! $settings ) {
			$this->logger->warning( 'SSL: the web app has no certificate, and installing one is disabled.' );
			return 'none';
		}

		$client->installSsl( $settings );
		$this->logger->info( 'SSL: the web app had no certificate; a Let\'s Encrypt certificate was installed.' );

		return 'installed';
	}

	/**
	 * Changes the stored SSL state under the state's lock (queue workers request and complete at once).
	 *
	 * @param callable $change Receives the state with its keys, returns the new one.
	 * @return void
	 */
	private function update_state( callable $change ) {
		$this->state->update(
			'ssl',
			function ( $ssl ) use ( $change ) {
				return $change( self::with_keys( $ssl ) );
			}
		);
	}

	/**
	 * The stored SSL state with its keys.
	 *
	 * @return array{pending: array, covered: array, attempt: int}
	 */
	private function ssl_state() {
		return self::with_keys( (array) $this->state->get( 'ssl' ) );
	}

	/**
	 * An SSL state with its keys.
	 *
	 * @param array $ssl Stored state.
	 * @return array{pending: array, covered: array, attempt: int}
	 */
	private static function with_keys( array $ssl ) {
		return array(
			'pending' => (array) ( $ssl['pending'] ?? array() ),
			'covered' => (array) ( $ssl['covered'] ?? array() ),
			'attempt' => (int) ( $ssl['attempt'] ?? 0 ),
		);
	}
}
