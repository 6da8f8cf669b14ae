<?php
/**
 * Makes RunCloud's alias list match the network's domains.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Um_Records;

defined( 'ABSPATH' ) || exit;

/**
 * Runs the extension's syncDomains() over every mapped domain. This repairs what single events cannot: aliases left behind by the
 * built-in integration, renames that happened while this plugin was inactive, domains added or removed by hand on RunCloud,
 * failed jobs.
 *
 * Which extra aliases may be removed is WU_RUNCLOUD_SYNC_PRUNE: 'mapped' (default): any alias that is not a mapped domain or a
 * network address; 'tracked': only aliases this plugin added; 'none': never remove. RunCloud's primary domain and wildcard
 * domains are never removed.
 */
final class Reconciler {

	const HOOK = 'wu_runcloud_reconcile';

	/**
	 * Whether an adapter activated the integration in this request.
	 *
	 * @var bool
	 */
	private bool $active = false;

	/**
	 * Builds the reconciler.
	 *
	 * @param Connector      $connector RunCloud client.
	 * @param Ledger         $ledger    What is known about each name.
	 * @param State          $state     Option store (the last report).
	 * @param Logger         $logger    Logger.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's mappings.
	 * @param Wildcards      $wildcards Wildcard domains of the web app.
	 * @param Domain_Sync    $sync      The www choice.
	 * @param Queue          $queue     Job queue (the daily run).
	 * @param Um_Records     $records   Ultimate Multisite's records (the daily look at `secure`).
	 */
	public function __construct( private readonly Connector $connector, private readonly Ledger $ledger, private readonly State $state, private readonly Logger $logger, private readonly Mapped_Domains $mapped, private readonly Wildcards $wildcards, private readonly Domain_Sync $sync, private readonly Queue $queue, private readonly Um_Records $records ) {}

	/** Hooks of the daily reconcile. */
	public function register(): void {
		// Action Scheduler's data store exists from action_scheduler_init on; asked earlier it is "doing it wrong", schedules nothing.
		add_action( 'action_scheduler_init', array( $this, 'schedule' ) );
		add_action( self::HOOK, array( $this, 'run_scheduled' ) );
	}

	/** An adapter found the integration enabled and set up. */
	public function activate(): void {
		$this->active = true;
		if ( did_action( 'action_scheduler_init' ) || ! $this->queue->uses_action_scheduler() ) {
			$this->schedule();
		}
	}

	/** Makes sure the daily reconcile is queued, once the queue can take it and an adapter is active. */
	public function schedule(): void {
		if ( ! $this->active || ( $this->queue->uses_action_scheduler() && ! did_action( 'action_scheduler_init' ) ) ) {
			return;
		}
		$this->queue->ensure_recurring( (int) apply_filters( 'wu_runcloud_reconcile_interval', DAY_IN_SECONDS ), self::HOOK );
	}

	/**
	 * Handler of the recurring reconcile; stops itself when the integration was turned off. Logs instead of letting a transient
	 * failure kill the recurring action.
	 *
	 * @throws Job_Failed_Exception When RunCloud rejects the call for good (credentials, ids).
	 */
	public function run_scheduled(): void {
		if ( ! $this->active ) {
			$this->queue->unschedule_all( self::HOOK );
			$this->logger->info( 'Reconcile unscheduled: the RunCloud integration is not enabled.' );
			return;
		}

		// Certificates that expired or went away: Ultimate Multisite's check decides again.
		$this->records->recheck_secure( array_keys( $this->ledger->tracked() ) );
		try {
			$this->run( false );
		} catch ( Not_Ready_Exception $e ) {
			$this->logger->error( 'Reconcile skipped: ' . $e->getMessage() . '.' );
		} catch ( \Throwable $e ) {
			$message = 'Reconcile failed: ' . Errors::describe( $e ) . '.';
			$this->logger->error( $message );
			if ( ! Errors::is_transient( $e ) ) {
				throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a job's message, not HTML.
			}
		}
	}

	/**
	 * The reconcile.
	 *
	 * @param bool          $dry_run  Only report what would change.
	 * @param callable|null $progress Called with a step name as work advances.
	 * @return array{added: string[], removed: string[], unchanged: int, skipped: string[], failed: array<string, string>, dry_run: bool, time: int}
	 * @throws \RunCloud\Exception|Not_Ready_Exception When RunCloud cannot be read at all.
	 */
	public function run( bool $dry_run = false, ?callable $progress = null ): array {
		$tick   = static fn( string $step ) => $progress ? $progress( $step ) : null;
		$client = $this->connector->client();

		// The wildcard answer is refreshed here, so the cache used by site events stays honest.
		$this->wildcards->forget();

		// Names to keep although no record maps them (also created when missing).
		$keep          = defined( 'WU_RUNCLOUD_KEEP_DOMAINS' ) ? (string) constant( 'WU_RUNCLOUD_KEEP_DOMAINS' ) : '';
		$keep          = (array) apply_filters( 'wu_runcloud_keep_domains', array_values( array_filter( array_map( array( Domain_Name::class, 'normalize' ), explode( ',', $keep ) ) ) ) );
		$keep          = array_values( array_filter( array_map( static fn( $name ) => Domain_Name::normalize( (string) $name ), $keep ) ) );
		$network_names = $this->mapped->network_names();
		$desired       = $network_names + $this->mapped->all( static fn() => $tick( 'read' ) ) + array_fill_keys( $keep, 0 );

		$skipped = array();
		foreach ( array_keys( $desired ) as $name ) {
			if ( $this->wildcards->covers( (string) $name ) ) {
				$skipped[] = (string) $name;
				unset( $desired[ $name ] );
			}
		}
		$tick( 'wildcards' );

		// Network addresses: RunCloud's own settings decide their www.
		$with_www = array();
		foreach ( array_diff_key( $desired, $network_names ) as $name => $site ) {
			if ( $this->sync->wants_www( (string) $name, (string) $name ) ) {
				$with_www[] = (string) $name;
			}
		}

		$mode    = defined( 'WU_RUNCLOUD_SYNC_PRUNE' ) ? strtolower( (string) constant( 'WU_RUNCLOUD_SYNC_PRUNE' ) ) : 'mapped';
		$mode    = (string) apply_filters( 'wu_runcloud_sync_prune', $mode );
		$mode    = in_array( $mode, array( 'mapped', 'tracked', 'none' ), true ) ? $mode : 'mapped';
		$options = array(
			'dry_run' => $dry_run,
			'prune'   => 'none' !== $mode,
			'www'     => false,
		);
		if ( 'tracked' === $mode ) {
			$options['scope'] = array_values( array_diff( array_keys( $this->ledger->tracked() ), array_keys( $desired ) ) );
			$options['prune'] = (bool) $options['scope'];
		}

		$added  = array();
		$failed = array();
		$passes = array();
		// Names served with www are created first, with www on; the main pass then sees them present.
		if ( $with_www ) {
			$passes[] = $client->syncDomains(
				$with_www,
				array(
					'www'         => true,
					'redirection' => 'non-www',
					'prune'       => false,
					'dry_run'     => $dry_run,
				)
			);
			$tick( 'sync' );
		}
		$passes[] = $client->syncDomains( array_map( 'strval', array_keys( $desired ) ), $options );
		$tick( 'sync' );

		foreach ( $passes as $result ) {
			// A dry run shows www names in both passes: counted once.
			$added = array_unique( array_merge( $added, array_map( array( Domain_Name::class, 'normalize' ), $result->added ) ) );
			foreach ( $result->failed as $name => $error ) {
				$failed[ $name ] = Errors::describe( $error );
			}
		}
		$removed = array_map( array( Domain_Name::class, 'normalize' ), $result->removed );

		if ( ! $dry_run ) {
			foreach ( $added as $name ) {
				$this->ledger->record_added( $name, (int) ( $desired[ $name ] ?? 0 ), 0 );
			}
			foreach ( $removed as $name ) {
				$this->ledger->forget( $name );
			}
			// Tracked names that are no longer wanted are not on RunCloud any more.
			foreach ( array_keys( $this->ledger->tracked() ) as $name ) {
				if ( ! isset( $desired[ $name ] ) && 'mapped' === $mode ) {
					$this->ledger->forget( (string) $name );
				}
			}
		}

		$report = array(
			'added'     => array_values( $added ),
			'removed'   => $removed,
			'unchanged' => count( $result->unchanged ),
			'skipped'   => $skipped,
			'failed'    => $failed,
			'dry_run'   => $dry_run,
			'time'      => time(),
		);
		if ( ! $dry_run ) {
			$this->state->set( 'last_sync', $report );
		}

		$summary = sprintf( 'Reconcile%s: %d added, %d removed, %d unchanged, %d covered by a wildcard, %d failed.', $dry_run ? ' (dry run)' : '', count( $added ), count( $removed ), $report['unchanged'], count( $skipped ), count( $failed ) );
		if ( $failed ) {
			$this->logger->error( $summary . ' Failed: ' . implode( '; ', array_map( static fn( $name, $why ) => "$name ($why)", array_keys( $failed ), $failed ) ) );
		} else {
			$this->logger->info( $summary );
		}
		return $report;
	}
}
