<?php
/**
 * One certificate per domain (RunCloud's advanced SSL).
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
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * Each domain whose DNS points at the server gets a job of its own (HOOK) that installs its certificate. Jobs are independent: a
 * domain whose DNS is broken fails only its own job, and no job reads more than its own domain's rows (no listing), so the cost
 * per domain stays the same however many domains the network has. The domain's state is its certificate row in the ledger.
 */
final class Per_Domain implements Certificate_Strategy {

	const HOOK = 'wu_runcloud_domain_ssl';

	/**
	 * Rate-limit waits a job makes before it gives up. They do not count as attempts: the rate limit only says "later", and the
	 * queue comes back after it, so a busy hour of a large migration must not fail jobs that would succeed.
	 */
	const MAX_THROTTLES = 100;

	/**
	 * Times a job waits for its domain's add (Ultimate Multisite may report the DNS propagated while the add is still queued),
	 * and the seconds between two looks: ten minutes in all.
	 */
	const MAX_ADD_WAITS = 20;
	const ADD_WAIT      = 30;

	/**
	 * Builds the strategy.
	 *
	 * @param Settings       $settings  Settings.
	 * @param Connector      $connector RunCloud client.
	 * @param Queue          $queue     Job queue.
	 * @param Retry_Policy   $retry     Retry policy.
	 * @param Logger         $logger    Logger.
	 * @param Ledger         $ledger    Ids, certificate rows, tracked names.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's mappings (a job for a name no longer mapped is dropped).
	 */
	public function __construct( private readonly Settings $settings, private readonly Connector $connector, private readonly Queue $queue, private readonly Retry_Policy $retry, private readonly Logger $logger, private readonly Ledger $ledger, private readonly Mapped_Domains $mapped ) {}

	/**
	 * Queues the certificate job of $name (once: a job already waiting for it is not doubled).
	 *
	 * @param string $name  Normalised name.
	 * @param int    $delay Seconds from now.
	 */
	public function request( string $name, int $delay = 0 ): bool {
		$this->ledger->set_certificate( $name, 'pending' );
		$args = self::args( $this->settings->webapp_key(), $name );
		if ( $this->queue->is_scheduled( self::HOOK, $args ) ) {
			return false;
		}
		$this->queue->schedule( $delay, self::HOOK, $args );
		$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s requested from RunCloud (its own certificate)%s.', $name, $delay > 0 ? sprintf( ', queued in %d s to stay under the rate limit', $delay ) : '' ) );
		return true;
	}

	/**
	 * Arguments of a job (stable: the benchmark and the docs name them).
	 *
	 * @param string $webapp_key Web app the job is for.
	 * @param string $name       Normalised name.
	 * @param int    $attempt    Attempts made before (failures other than the rate limit).
	 * @param int    $throttled  Rate-limit waits before.
	 * @return array{string, string, int, int}
	 */
	public static function args( string $webapp_key, string $name, int $attempt = 0, int $throttled = 0 ): array {
		return array( $webapp_key, $name, $attempt, $throttled );
	}

	/**
	 * One of pending, covered, failed, or '' when nothing is known.
	 *
	 * @param string $name Normalised name.
	 */
	public function status( string $name ): string {
		return $this->ledger->certificate( $name )['status'] ?? '';
	}

	/**
	 * Whether $name has its certificate.
	 *
	 * @param string $name Normalised name.
	 */
	public function is_covered( string $name ): bool {
		return 'covered' === $this->status( $name );
	}

	/**
	 * Whether $name's certificate is asked for and not had yet.
	 *
	 * @param string $name Normalised name.
	 */
	public function is_pending( string $name ): bool {
		return 'pending' === $this->status( $name );
	}

	/**
	 * Forgets $name's certificate state (a job still queued for it finds no row and stops).
	 *
	 * @param string $name Normalised name.
	 */
	public function forget( string $name ): void {
		$this->ledger->forget_certificate( $name );
	}

	/**
	 * The job (run by Ssl_Chooser): installs $name's certificate.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @param string $name       Normalised name.
	 * @param int    $attempt    Attempts made before.
	 * @param int    $throttled  Rate-limit waits before.
	 * @throws \RunCloud\SslModeException When the web app is in basic mode (Ssl_Chooser decides); a
	 *                                    permanent failure fails the job (Job_Failed_Exception).
	 */
	public function run( string $webapp_key, string $name, int $attempt = 0, int $throttled = 0 ): void {
		if ( $webapp_key !== $this->settings->webapp_key() ) {
			$this->logger->warning( sprintf( 'SSL: dropping the certificate job of %s queued for web app %s; the settings now name %s.', $name, $webapp_key, $this->settings->webapp_key() ) );
			return;
		}
		$status = $this->status( $name );
		if ( '' === $status ) {
			$this->logger->info( sprintf( 'SSL: dropping the certificate job of %s: the domain was removed since it was queued.', $name ) );
			return;
		}
		if ( 'covered' === $status ) {
			return; // Done by an earlier job.
		}
		if ( $this->mapped->available() && ! $this->mapped->is_mapped( $name ) && isset( $this->ledger->tracked()[ $name ] ) ) {
			// Its mapping was deleted and its removal is on the way: a certificate now would be wasted.
			$this->forget( $name );
			$this->logger->domain( $name, 'info', sprintf( 'SSL: dropping the certificate job of %s: it is no longer mapped in Ultimate Multisite.', $name ) );
			return;
		}

		try {
			$this->install( $name );
		} catch ( \RunCloud\SslModeException $e ) {
			throw $e;
		} catch ( \RunCloud\DomainNotFoundException $e ) {
			if ( $throttled < self::MAX_ADD_WAITS ) {
				// Not on RunCloud yet (its add job has not run): the add keeps this request; this job looks again meanwhile.
				$this->queue->schedule( self::ADD_WAIT, self::HOOK, self::args( $webapp_key, $name, $attempt, $throttled + 1 ) );
				$this->logger->domain( $name, 'info', sprintf( 'SSL: %s is not on RunCloud yet (its add is queued); its certificate waits %d s.', $name, self::ADD_WAIT ) );
				return;
			}
			$this->failed( $name, $e, $attempt, $throttled );
			return;
		} catch ( Not_Ready_Exception $e ) {
			$this->refused( $name, sprintf( 'Could not install the certificate of %s: %s.', $name, $e->getMessage() ), $e );
		} catch ( \Throwable $e ) {
			$this->failed( $name, $e, $attempt, $throttled );
			return;
		}

		$this->ledger->set_certificate( $name, 'covered' );
		$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s issued; RunCloud serves it (its own certificate).', $name ) );
		do_action( 'wu_runcloud_certificate_issued', array( $name ) );
	}

	/**
	 * One install call, by the remembered id (no lookup). The extension sends `advancedSSL: true` with the current AutoSSL in the
	 * body, the choice that works whether RunCloud switches on that field or not.
	 *
	 * @param string $name Normalised name.
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure.
	 */
	private function install( string $name ): void {
		$client = $this->connector->client();
		$id     = $this->ledger->id( $name );
		if ( $id > 0 ) {
			try {
				$client->installDomainSsl( $id, $this->settings() );
				return;
			} catch ( \RunCloud\NotFoundException ) {
				// The id is stale (the domain was re-created): the name finds the current one, or says DomainNotFoundException.
				$this->ledger->forget_id( $name );
			}
		}
		$client->installDomainSsl( $name, $this->settings() );
	}

	/**
	 * The certificate cannot be had until the admin acts: the row says failed, the job fails.
	 *
	 * @param string     $name    Name.
	 * @param string     $message What and why.
	 * @param \Throwable $e       The cause.
	 * @throws Job_Failed_Exception Always.
	 */
	public function refused( string $name, string $message, \Throwable $e ): never {
		$this->ledger->set_certificate( $name, 'failed', $this->logger->scrub( $message ) );
		$this->logger->domain( $name, 'error', $message );

		throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a job's message, not HTML.
	}

	/**
	 * A failed install: the rate limit and Let's Encrypt's own limits are waited out without counting as attempts; the rest goes
	 * through the retry policy (transient: later; permanent: this job fails, with RunCloud's message).
	 *
	 * @param string     $name      Name.
	 * @param \Throwable $e         Failure.
	 * @param int        $attempt   Attempts made before.
	 * @param int        $throttled Rate-limit waits before.
	 * @throws Job_Failed_Exception When it fails for good.
	 */
	private function failed( string $name, \Throwable $e, int $attempt, int $throttled ): void {
		$key   = $this->settings->webapp_key();
		$until = self::retry_time( $e );
		if ( $throttled < self::MAX_THROTTLES && ( Errors::is_rate_limited( $e ) || $until > time() ) ) {
			if ( Errors::is_rate_limited( $e ) ) {
				$delay = $this->retry->delay( 1, Errors::retry_after( $e ) );
				$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits for RunCloud\'s rate limit (429); again in %d s.', $name, $delay ) );
			} else {
				// Let's Encrypt's own limits (orders per account, certificates per registered domain) say when to come back.
				$delay = $until - time() + wp_rand( 0, 60 );
				$this->ledger->set_certificate( $name, 'pending', $this->logger->scrub( Errors::describe( $e ) ) );
				$this->logger->domain( $name, 'warning', sprintf( 'SSL: certificate of %s refused for now (%s); again in %d s.', $name, Errors::describe( $e ), $delay ) );
			}
			$this->queue->schedule( $delay, self::HOOK, self::args( $key, $name, $attempt, $throttled + 1 ) );
			return;
		}

		try {
			$this->retry->handle(
				sprintf( 'install the certificate of %s', $name ),
				$e,
				$attempt,
				function ( int $delay, int $next ) use ( $key, $name, $throttled, $e ): void {
					$this->queue->schedule( $delay, self::HOOK, self::args( $key, $name, $next, $throttled ) );
					$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits: %s; again in %d s.', $name, Errors::describe( $e ), $delay ) );
				}
			);
		} catch ( Job_Failed_Exception $failed ) {
			$this->ledger->set_certificate( $name, 'failed', $this->logger->scrub( Errors::describe( $e ) ) );
			$this->logger->domain( $name, 'error', sprintf( 'SSL: certificate of %s refused: %s', $name, Errors::describe( $e ) ) );
			throw $failed;
		}
	}

	/**
	 * When RunCloud relays a certificate authority's refusal that says when it may be retried ("retry after DATE", as Let's
	 * Encrypt's rate-limit problems do), that time; else 0. The date is only in RunCloud's own message (getApiMessage(): the
	 * answer's text, never the extension's wording).
	 *
	 * @param \Throwable $e Failure.
	 */
	public static function retry_time( \Throwable $e ): int {
		if ( ! $e instanceof \RunCloud\ValidationException || ! preg_match( '/retry after (\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)(Z|UTC)?/i', $e->getApiMessage(), $m ) ) {
			return 0;
		}
		return (int) strtotime( str_replace( 'T', ' ', $m[1] ) . ' UTC' );
	}

	/**
	 * Install settings of a domain's certificate.
	 *
	 * @return array<string, mixed>
	 */
	private function settings(): array {
		/**
		 * Filters the settings of a domain's own certificate (installDomainSsl()).
		 *
		 * @param array $settings Settings.
		 */
		return (array) apply_filters( 'wu_runcloud_domain_ssl_settings', self::SETTINGS );
	}
}
