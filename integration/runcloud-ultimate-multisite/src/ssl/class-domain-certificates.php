<?php
/**
 * One certificate per domain (RunCloud's advanced SSL).
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Domains\Domain_Ids;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * Each domain whose DNS points at the server gets a job of its own (HOOK) that installs its
 * certificate. Jobs are independent: a domain whose DNS is broken fails only its own job, and no
 * job reads more than its own domain's rows (no listing), so the cost per domain stays the same
 * however many domains the network has.
 *
 * Each domain's state is one network option (PREFIX + md5 of the name): pending, covered or failed.
 */
final class Domain_Certificates {

	const HOOK   = 'wu_runcloud_domain_ssl';
	const PREFIX = 'cert_';

	/**
	 * Rate-limit answers (429) a job waits out before it gives up. They do not count as attempts: a
	 * 429 only says "later", and the queue comes back after Retry-After, so a busy hour of a large
	 * migration must not fail jobs that would succeed.
	 */
	const MAX_THROTTLES = 100;

	/**
	 * Times a job waits for its domain's add (Ultimate Multisite may report the DNS propagated while
	 * the add is still queued), and the seconds between two looks: ten minutes in all.
	 */
	const MAX_ADD_WAITS = 20;
	const ADD_WAIT      = 30;

	/** Fired with the names a certificate was issued for (Um_Records has Ultimate Multisite look). */
	const ISSUED_ACTION = 'wu_runcloud_certificate_issued';

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
	 * Domain ids.
	 *
	 * @var Domain_Ids
	 */
	private $ids;

	/**
	 * Strategy.
	 *
	 * @var Ssl_Strategy
	 */
	private $strategy;

	/**
	 * The basic certificate's scheduler, for `auto` when the web app turns out to be in basic mode.
	 *
	 * @var Ssl_Scheduler
	 */
	private $basic;

	/**
	 * Ultimate Multisite's mappings, so a job for a name no longer mapped is dropped.
	 *
	 * @var Mapped_Domains
	 */
	private $mapped;

	/**
	 * Constructor.
	 *
	 * @param Settings       $settings  Settings.
	 * @param Connector      $connector Connector.
	 * @param State          $state     State.
	 * @param Queue          $queue     Queue.
	 * @param Retry_Policy   $retry     Retry policy.
	 * @param Logger         $logger    Logger.
	 * @param Domain_Ids     $ids       Domain ids.
	 * @param Ssl_Strategy   $strategy  Strategy.
	 * @param Ssl_Scheduler  $basic     Basic certificate's scheduler.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's mappings.
	 */
	public function __construct( Settings $settings, Connector $connector, State $state, Queue $queue, Retry_Policy $retry, Logger $logger, Domain_Ids $ids, Ssl_Strategy $strategy, Ssl_Scheduler $basic, Mapped_Domains $mapped ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->state     = $state;
		$this->queue     = $queue;
		$this->retry     = $retry;
		$this->logger    = $logger;
		$this->ids       = $ids;
		$this->strategy  = $strategy;
		$this->basic     = $basic;
		$this->mapped    = $mapped;
	}

	/**
	 * Queues the certificate job of $name (once: a job already waiting for it is not doubled).
	 *
	 * @param string $name  Normalised name.
	 * @param int    $delay Seconds from now.
	 * @return bool Whether a job was queued.
	 */
	public function request( $name, $delay = 0 ) {
		$this->write( $name, 'pending' );

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
	 * @param int    $attempt    Attempts made before (failures other than 429).
	 * @param int    $throttled  429s waited out before.
	 * @return array
	 */
	public static function args( $webapp_key, $name, $attempt = 0, $throttled = 0 ) {
		return array( (string) $webapp_key, (string) $name, (int) $attempt, (int) $throttled );
	}

	/**
	 * One of pending, covered, failed, or '' when nothing is known.
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	public function status( $name ) {
		$row = $this->read( $name );

		return $row ? (string) $row['status'] : '';
	}

	/**
	 * $name's row (status, time, error) for the configured web app, or null; for status pages.
	 *
	 * @param string $name Normalised name.
	 * @return array{name: string, status: string, time: int, error: string, app: string}|null
	 */
	public function row( $name ) {
		return $this->read( $name );
	}

	/**
	 * Whether $name has its certificate.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_covered( $name ) {
		return 'covered' === $this->status( $name );
	}

	/**
	 * Forgets $name (removed, or re-added: RunCloud deletes a domain's certificate with the domain).
	 * A job still queued for it finds no row and stops.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function forget( $name ) {
		$this->state->delete( self::key( $name ) );
	}

	/**
	 * How many domains of the configured web app are covered, pending and failed (one query over the
	 * rows; for status pages).
	 *
	 * @return array{covered: int, pending: int, failed: int}
	 */
	public function counts() {
		$counts = array(
			'covered' => 0,
			'pending' => 0,
			'failed'  => 0,
		);
		foreach ( $this->state->rows( self::PREFIX ) as $row ) {
			if ( is_array( $row ) && ( $row['app'] ?? '' ) === $this->settings->webapp_key() && isset( $counts[ $row['status'] ?? '' ] ) ) {
				++$counts[ $row['status'] ];
			}
		}

		return $counts;
	}

	/**
	 * The job: installs $name's certificate.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @param string $name       Normalised name.
	 * @param int    $attempt    Attempts made before.
	 * @param int    $throttled  429s waited out before.
	 * @return void
	 * @throws Job_Failed_Exception When the certificate cannot be had (this domain's job only).
	 */
	public function run( $webapp_key, $name, $attempt = 0, $throttled = 0 ) {
		$name = (string) $name;
		if ( (string) $webapp_key !== $this->settings->webapp_key() ) {
			$this->logger->warning( sprintf( 'SSL: dropping the certificate job of %s queued for web app %s; the settings now name %s.', $name, $webapp_key, $this->settings->webapp_key() ) );
			return;
		}
		$row = $this->read( $name );
		if ( ! $row || 'covered' === $row['status'] ) {
			if ( ! $row ) {
				$this->logger->info( sprintf( 'SSL: dropping the certificate job of %s: the domain was removed since it was queued.', $name ) );
			}
			return; // Removed since, or done by an earlier job.
		}
		if ( $this->mapped->available() && ! $this->mapped->is_mapped( $name ) && isset( $this->state->tracked()[ $name ] ) ) {
			// Its mapping was deleted and its removal is on the way: a certificate now would be wasted.
			$this->forget( $name );
			$this->logger->domain( $name, 'info', sprintf( 'SSL: dropping the certificate job of %s: it is no longer mapped in Ultimate Multisite.', $name ) );
			return;
		}

		try {
			$this->install( $name );
		} catch ( \RunCloud\NotFoundException | \RunCloud\DomainNotFoundException $e ) {
			if ( $this->ids->get( $name ) <= 0 && $throttled < self::MAX_ADD_WAITS ) {
				// Not on RunCloud yet: its add job has not run. The add keeps this request (see
				// Domain_Sync::add), and this job looks again meanwhile, so the order of the two jobs
				// does not matter.
				$this->queue->schedule( self::ADD_WAIT, self::HOOK, self::args( $this->settings->webapp_key(), $name, $attempt, $throttled + 1 ) );
				$this->logger->domain( $name, 'info', sprintf( 'SSL: %s is not on RunCloud yet (its add is queued); its certificate waits %d s.', $name, self::ADD_WAIT ) );
				return;
			}
			$this->failed( $name, $e, (int) $attempt, (int) $throttled );
			return;
		} catch ( Mode_Refused_Exception $e ) {
			if ( 'auto' === $this->strategy->configured() ) {
				// auto follows the web app: it is in basic mode now, so its basic certificate covers the name.
				$this->forget( $name );
				$this->logger->info( sprintf( 'SSL: the web app uses basic SSL now; %s goes to the basic certificate.', $name ) );
				$this->basic->request( $name );
				return;
			}
			$this->write( $name, 'failed', $e->getMessage() );
			$this->logger->domain( $name, 'error', $e->getMessage() );
			throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $e->getMessage() ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
		} catch ( Not_Ready_Exception $e ) {
			$message = sprintf( 'Could not install the certificate of %s: %s.', $name, $e->getMessage() );
			$this->write( $name, 'failed', $message );
			$this->logger->domain( $name, 'error', $message );
			throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
		} catch ( \Throwable $e ) {
			$this->failed( $name, $e, (int) $attempt, (int) $throttled );
			return;
		}

		$this->write( $name, 'covered' );
		$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s issued; RunCloud serves it (its own certificate).', $name ) );
		do_action( self::ISSUED_ACTION, array( $name ) );
	}

	/**
	 * One install call (by the remembered id: no lookup). The extension sends `advancedSSL: true` with
	 * the current AutoSSL in the body, the choice that works whether RunCloud switches on that field or
	 * not.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 * @throws Mode_Refused_Exception When the web app is (now) in basic mode.
	 * @throws \RunCloud\Exception On other failures.
	 */
	private function install( $name ) {
		$client = $this->connector->client();
		$id     = $this->ids->get( $name );

		try {
			$client->installDomainSsl( $id > 0 ? $id : $name, $this->settings() );
		} catch ( \RunCloud\ApiException $e ) {
			if ( 404 === $e->getStatusCode() && $id > 0 ) {
				// The id is stale (the domain was re-created): the name finds the current one.
				$this->ids->forget( $name );
				$client->installDomainSsl( $name, $this->settings() );
				return;
			}
			if ( 422 !== $e->getStatusCode() ) {
				throw $e;
			}
			$this->after_refusal( $e, $name, $client, $id );
		} catch ( \RunCloud\SslModeException $e ) {
			$this->after_refusal( $e, $name, $client, $id );
		}
	}

	/**
	 * A 422: the certificate authority refused (DNS, limits), or the web app is not in advanced mode.
	 * The mode is read again to tell (and remembered for `auto`).
	 *
	 * @param \RunCloud\ApiException $e      The refusal.
	 * @param string                 $name   Name.
	 * @param \RunCloud\Client       $client Client.
	 * @param int                    $id     Remembered id or 0.
	 * @return void When a second install succeeded.
	 * @throws Mode_Refused_Exception When the web app is in basic mode.
	 * @throws \RunCloud\Exception The refusal, or a failure of the second install.
	 */
	private function after_refusal( \RunCloud\ApiException|\RunCloud\SslModeException $e, $name, $client, $id ) {
		$mode = $this->strategy->refresh();
		if ( ! $mode['advanced'] ) {
			throw new Mode_Refused_Exception(
				sprintf( 'Could not install the certificate of %s: the web app uses basic SSL (%s). Switch it with `wp runcloud ssl mode advanced` or the button on Network Admin > Settings > RunCloud.', $name, Errors::describe( $e ) ), // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
				0,
				$e
			);
		}
		if ( $e instanceof \RunCloud\SslModeException || false !== stripos( $e->getApiMessage(), 'basic SSL' ) ) {
			// The client's own idea of the mode was old; the read above corrected it.
			$client->installDomainSsl( $id > 0 ? $id : $name, $this->settings() );
			return;
		}
		throw $e;
	}

	/**
	 * A failed install: the rate limit (429s, and starts the client's pacing held back) and Let's
	 * Encrypt's own limits are waited out without counting as attempts; the rest goes through the
	 * retry policy (transient: later; permanent: this job fails, with RunCloud's message).
	 *
	 * @param string     $name      Name.
	 * @param \Throwable $e         Failure.
	 * @param int        $attempt   Attempts made before.
	 * @param int        $throttled 429s waited out before.
	 * @return void
	 * @throws Job_Failed_Exception When it fails for good.
	 */
	private function failed( $name, \Throwable $e, $attempt, $throttled ) {
		$key = $this->settings->webapp_key();

		if ( Errors::is_rate_limited( $e ) && $throttled < self::MAX_THROTTLES ) {
			$delay = $this->retry->delay( 1, Errors::retry_after( $e ) );
			$this->queue->schedule( $delay, self::HOOK, self::args( $key, $name, $attempt, $throttled + 1 ) );
			$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits for RunCloud\'s rate limit (429); again in %d s.', $name, $delay ) );
			return;
		}

		$until = self::retry_time( $e );
		if ( $until > time() && $throttled < self::MAX_THROTTLES ) {
			// Let's Encrypt's own limits (orders per account, certificates per registered domain) say
			// when an order may be placed again: that is when this domain's job comes back.
			$delay = $until - time() + wp_rand( 0, 60 );
			$this->queue->schedule( $delay, self::HOOK, self::args( $key, $name, $attempt, $throttled + 1 ) );
			$this->write( $name, 'pending', Errors::describe( $e ) );
			$this->logger->domain( $name, 'warning', sprintf( 'SSL: certificate of %s refused for now (%s); again in %d s.', $name, Errors::describe( $e ), $delay ) );
			return;
		}

		try {
			$this->retry->handle(
				sprintf( 'install the certificate of %s', $name ),
				$e,
				$attempt,
				function ( $delay, $next ) use ( $key, $name, $throttled, $e ) {
					$this->queue->schedule( $delay, self::HOOK, self::args( $key, $name, $next, $throttled ) );
					$this->logger->domain( $name, 'info', sprintf( 'SSL: certificate of %s waits: %s; again in %d s.', $name, Errors::describe( $e ), $delay ) );
				}
			);
		} catch ( Job_Failed_Exception $failed ) {
			$this->write( $name, 'failed', Errors::describe( $e ) );
			$this->logger->domain( $name, 'error', sprintf( 'SSL: certificate of %s refused: %s', $name, Errors::describe( $e ) ) );
			throw $failed;
		}
	}

	/**
	 * When a refusal of the certificate authority says it may be retried ("retry after DATE", as
	 * Let's Encrypt's rate-limit problems do), that time; else 0.
	 *
	 * @param \Throwable $e Failure.
	 * @return int Unix time.
	 */
	public static function retry_time( \Throwable $e ) {
		if ( ! $e instanceof \RunCloud\ApiException || 422 !== $e->getStatusCode() ) {
			return 0;
		}
		if ( ! preg_match( '/retry after (\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)(Z|UTC)?/i', $e->getApiMessage(), $m ) ) {
			return 0;
		}
		$time = strtotime( str_replace( 'T', ' ', $m[1] ) . ' UTC' );

		return false === $time ? 0 : (int) $time;
	}

	/**
	 * Install settings of a domain's certificate.
	 *
	 * @return array
	 */
	private function settings() {
		/**
		 * Filters the settings of a domain's own certificate (installDomainSsl()).
		 *
		 * @param array $settings Settings.
		 */
		return (array) apply_filters(
			'wu_runcloud_domain_ssl_settings',
			array(
				'provider'            => 'letsencrypt',
				'enableHttp'          => false,
				'enableHsts'          => false,
				'authorizationMethod' => 'http-01',
				'environment'         => 'live',
			)
		);
	}

	/**
	 * Writes $name's row.
	 *
	 * @param string $name   Name.
	 * @param string $status pending|covered|failed.
	 * @param string $error  Why it failed.
	 * @return void
	 */
	private function write( $name, $status, $error = '' ) {
		$this->state->set(
			self::key( $name ),
			array(
				'name'   => (string) $name,
				'status' => $status,
				'time'   => time(),
				'error'  => $this->logger->scrub( (string) $error ),
				'app'    => $this->settings->webapp_key(),
			)
		);
	}

	/**
	 * $name's row for the configured web app, or null.
	 *
	 * @param string $name Name.
	 * @return array|null
	 */
	private function read( $name ) {
		$row = $this->state->get( self::key( $name ), array() );
		if ( ! is_array( $row ) || ( $row['name'] ?? '' ) !== $name || ( $row['app'] ?? '' ) !== $this->settings->webapp_key() ) {
			return null;
		}

		return $row;
	}

	/**
	 * Option name (without State's prefix) of $name's row.
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	public static function key( $name ) {
		return self::PREFIX . md5( (string) $name );
	}
}
