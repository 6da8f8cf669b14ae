<?php
/**
 * Makes RunCloud's alias list match the network's domains.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * Runs the extension's syncDomains() over every mapped domain. This repairs what single events
 * cannot: aliases left behind by the built-in integration, renames that happened while this plugin
 * was inactive, domains added or removed by hand on RunCloud, failed jobs.
 *
 * Which extra aliases may be removed is WU_RUNCLOUD_SYNC_PRUNE:
 * 'mapped' (default): any alias that is not a mapped domain or a network address;
 * 'tracked': only aliases this plugin added; 'none': never remove.
 * RunCloud's primary domain and wildcard domains are never removed.
 */
final class Reconciler {

	const HOOK = 'wu_runcloud_reconcile';

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
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Mapped domains.
	 *
	 * @var Mapped_Domains
	 */
	private $mapped;

	/**
	 * Wildcards.
	 *
	 * @var Wildcards
	 */
	private $wildcards;

	/**
	 * Domain sync, for the www choice.
	 *
	 * @var Domain_Sync
	 */
	private $sync;

	/**
	 * Constructor.
	 *
	 * @param Settings       $settings  Settings.
	 * @param Connector      $connector Connector.
	 * @param State          $state     State.
	 * @param Logger         $logger    Logger.
	 * @param Mapped_Domains $mapped    Mapped domains.
	 * @param Wildcards      $wildcards Wildcards.
	 * @param Domain_Sync    $sync      Domain sync.
	 */
	public function __construct( Settings $settings, Connector $connector, State $state, Logger $logger, Mapped_Domains $mapped, Wildcards $wildcards, Domain_Sync $sync ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->state     = $state;
		$this->logger    = $logger;
		$this->mapped    = $mapped;
		$this->wildcards = $wildcards;
		$this->sync      = $sync;
	}

	/**
	 * Prune mode.
	 *
	 * @return string mapped|tracked|none
	 */
	public function prune_mode() {
		$mode = defined( 'WU_RUNCLOUD_SYNC_PRUNE' ) ? strtolower( (string) constant( 'WU_RUNCLOUD_SYNC_PRUNE' ) ) : 'mapped';
		$mode = (string) apply_filters( 'wu_runcloud_sync_prune', $mode );

		return in_array( $mode, array( 'mapped', 'tracked', 'none' ), true ) ? $mode : 'mapped';
	}

	/**
	 * The reconcile.
	 *
	 * @param bool          $dry_run  Only report what would change.
	 * @param callable|null $progress callable( string $step ): void, called as work advances.
	 * @return array{added: string[], removed: string[], unchanged: int, skipped: string[], failed: array<string, string>, dry_run: bool}
	 * @throws \RunCloud\Exception|Not_Ready_Exception When RunCloud cannot be read at all.
	 */
	public function run( $dry_run = false, $progress = null ) {
		$tick = function ( $step ) use ( $progress ) {
			if ( $progress ) {
				call_user_func( $progress, $step );
			}
		};

		$client = $this->connector->client();

		// The wildcard answer is refreshed here, so the cache used by site events stays honest.
		$this->wildcards->forget();

		$network_names = $this->mapped->network_names();
		$desired       = $network_names;
		foreach ( $this->mapped->all(
			function () use ( $tick ) {
				$tick( 'read' );
			}
		) as $name => $site ) {
			if ( ! isset( $desired[ $name ] ) ) {
				$desired[ $name ] = (int) $site;
			}
		}

		foreach ( $this->keep_list() as $name ) {
			if ( ! isset( $desired[ $name ] ) ) {
				$desired[ $name ] = 0;
			}
		}

		$skipped = array();
		foreach ( array_keys( $desired ) as $name ) {
			if ( $this->wildcards->covers( $name ) ) {
				$skipped[] = $name;
				unset( $desired[ $name ] );
			}
		}
		$tick( 'wildcards' );

		$with_www = array();
		foreach ( array_keys( $desired ) as $name ) {
			if ( isset( $network_names[ $name ] ) ) {
				continue; // Network addresses: RunCloud's own settings decide their www.
			}
			if ( $this->sync->wants_www( $name, $name ) ) {
				$with_www[] = $name;
			}
		}

		$mode    = $this->prune_mode();
		$options = array(
			'dry_run' => (bool) $dry_run,
			'prune'   => 'none' !== $mode,
		);
		if ( 'tracked' === $mode ) {
			$options['scope'] = array_values( array_diff( array_keys( $this->state->tracked() ), array_keys( $desired ) ) );
			if ( ! $options['scope'] ) {
				$options['prune'] = false;
			}
		}

		$added  = array();
		$failed = array();

		// Names served with www are created first, with www on; the main pass then sees them present.
		if ( $with_www ) {
			$first = $client->syncDomains(
				$with_www,
				array(
					'www'         => true,
					'redirection' => 'non-www',
					'prune'       => false,
					'dry_run'     => (bool) $dry_run,
				)
			);
			foreach ( $first->added as $domain ) {
				$added[] = Domain_Name::normalize( self::name_of( $domain ) );
			}
			foreach ( $first->failed as $name => $error ) {
				$failed[ $name ] = Errors::describe( $error );
			}
			$tick( 'sync' );
		}

		$names  = array_keys( $desired );
		$result = $client->syncDomains( $names, $options + array( 'www' => false ) );
		$tick( 'sync' );

		foreach ( $result->added as $domain ) {
			$name = Domain_Name::normalize( self::name_of( $domain ) );
			// In a dry run the www names show up in both passes; count them once.
			if ( ! in_array( $name, $added, true ) ) {
				$added[] = $name;
			}
		}
		foreach ( $result->failed as $name => $error ) {
			$failed[ $name ] = Errors::describe( $error );
		}
		$removed = array_map( array( Domain_Name::class, 'normalize' ), $result->removed );

		if ( ! $dry_run ) {
			foreach ( $added as $name ) {
				$this->state->track( $name, (int) ( $desired[ $name ] ?? 0 ) );
			}
			foreach ( $removed as $name ) {
				$this->state->untrack( $name );
			}
			// Tracked names that are no longer wanted and not on RunCloud any more.
			foreach ( array_keys( $this->state->tracked() ) as $name ) {
				if ( ! isset( $desired[ $name ] ) && 'tracked' !== $mode && 'none' !== $mode ) {
					$this->state->untrack( $name );
				}
			}
		}

		$report = array(
			'added'     => $added,
			'removed'   => $removed,
			'unchanged' => count( $result->unchanged ),
			'skipped'   => $skipped,
			'failed'    => $failed,
			'dry_run'   => (bool) $dry_run,
			'time'      => time(),
		);

		if ( ! $dry_run ) {
			$this->state->set( 'last_sync', $report );
		}

		$summary = sprintf(
			'Reconcile%s: %d added, %d removed, %d unchanged, %d covered by a wildcard, %d failed.',
			$dry_run ? ' (dry run)' : '',
			count( $added ),
			count( $removed ),
			$report['unchanged'],
			count( $skipped ),
			count( $failed )
		);
		if ( $failed ) {
			$lines = array();
			foreach ( $failed as $name => $why ) {
				$lines[] = $name . ' (' . $why . ')';
			}
			$this->logger->error( $summary . ' Failed: ' . implode( '; ', $lines ) );
		} else {
			$this->logger->info( $summary );
		}

		return $report;
	}

	/**
	 * The scheduled job: logs instead of letting a transient failure kill the recurring action.
	 *
	 * @return void
	 * @throws Job_Failed_Exception When RunCloud rejects the call for good (credentials, ids).
	 */
	public function run_job() {
		try {
			$this->run( false );
		} catch ( Not_Ready_Exception $e ) {
			$this->logger->error( 'Reconcile skipped: ' . $e->getMessage() . '.' );
		} catch ( \Throwable $e ) {
			$message = 'Reconcile failed: ' . Errors::describe( $e ) . '.';
			$this->logger->error( $message );
			if ( ! Errors::is_transient( $e ) ) {
				throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ), 0, $e ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
			}
		}
	}

	/**
	 * Name of an entry of SyncResult::$added: a Domain object, or its name (what the extension's
	 * dry runs, and some of its versions, return).
	 *
	 * @param \RunCloud\Domain|string $entry Entry.
	 * @return string
	 */
	public static function name_of( $entry ) {
		return is_object( $entry ) ? (string) $entry->name : (string) $entry;
	}

	/**
	 * Names to keep although no record maps them: WU_RUNCLOUD_KEEP_DOMAINS (comma separated) and
	 * the wu_runcloud_keep_domains filter. They are also created when missing.
	 *
	 * @return string[]
	 */
	public function keep_list() {
		$raw   = defined( 'WU_RUNCLOUD_KEEP_DOMAINS' ) ? (string) constant( 'WU_RUNCLOUD_KEEP_DOMAINS' ) : '';
		$names = array_map( array( Domain_Name::class, 'normalize' ), explode( ',', $raw ) );
		$names = (array) apply_filters( 'wu_runcloud_keep_domains', array_values( array_filter( $names ) ) );

		return array_values( array_filter( array_map( array( Domain_Name::class, 'normalize' ), $names ) ) );
	}
}
