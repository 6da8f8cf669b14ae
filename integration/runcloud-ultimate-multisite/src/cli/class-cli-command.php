<?php
/**
 * The WP-CLI commands. Loaded only under WP-CLI.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Cli;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Domains\Domain_Sync;
use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Domains\Reconciler;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Redeploy;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Migration;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Mode;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * Manages the RunCloud web app's domains and certificate.
 *
 * ## EXAMPLES
 *
 *     wp runcloud ping
 *     wp runcloud domains list
 *     wp runcloud domains add shop.example.com --www
 *     wp runcloud domains remove shop.example.com
 *     wp runcloud sync --dry-run
 *     wp runcloud ssl status
 *     wp runcloud ssl redeploy
 *     wp runcloud ssl mode
 *     wp runcloud ssl mode advanced
 */
final class Cli_Command {

	const CHUNK = 20;

	/**
	 * Builds the command (its public methods are the subcommands).
	 *
	 * @param Connector       $connector       RunCloud client.
	 * @param Logger          $logger          Logger.
	 * @param Connection_Test $connection_test Connection test.
	 * @param Ledger          $ledger          What is known about each name.
	 * @param Mapped_Domains  $mapped          Ultimate Multisite's mappings.
	 * @param Domain_Sync     $sync            The www choice.
	 * @param Reconciler      $reconciler      Reconcile.
	 * @param Ssl_Mode        $mode            Strategy and mode.
	 * @param Basic_Redeploy  $basic           The basic certificate.
	 * @param Basic_Ssl_Guard $guard           What a redeploy waits for.
	 * @param Ssl_Migration   $migration       Mode switch.
	 */
	public function __construct( private readonly Connector $connector, private readonly Logger $logger, private readonly Connection_Test $connection_test, private readonly Ledger $ledger, private readonly Mapped_Domains $mapped, private readonly Domain_Sync $sync, private readonly Reconciler $reconciler, private readonly Ssl_Mode $mode, private readonly Basic_Redeploy $basic, private readonly Basic_Ssl_Guard $guard, private readonly Ssl_Migration $migration ) {}

	/**
	 * Checks credentials, API address, server id and web app id.
	 */
	public function ping(): void {
		$result = $this->connection_test->ping();
		if ( ! $result['ok'] ) {
			\WP_CLI::error( $result['message'] );
		}
		\WP_CLI::success( $result['message'] );
	}

	/**
	 * Lists, adds or removes domains of the web app.
	 *
	 * ## OPTIONS
	 *
	 * <action>
	 * : list, add or remove.
	 *
	 * [<name>...]
	 * : Domain names (add, remove).
	 *
	 * [--www]
	 * : Serve www.<name> too (add). Without --www or --no-www, the Domain Mapping setting decides.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml, count. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function domains( array $args, array $assoc_args ): void {
		$action = array_shift( $args );
		$format = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $action, $args, $assoc_args, $format ) {
				if ( 'list' === $action ) {
					$tracked = $this->ledger->tracked();
					$rows    = array();
					foreach ( $this->connector->client()->listDomains() as $domain ) {
						$rows[] = array(
							'id'          => $domain->id,
							'name'        => $domain->name,
							'type'        => $domain->type,
							'www'         => $domain->www ? 'yes' : 'no',
							'redirection' => $domain->redirection,
							'wildcard'    => $domain->wildcard ? 'yes' : 'no',
							'tracked'     => isset( $tracked[ Domain_Name::normalize( $domain->name ) ] ) ? 'yes' : 'no',
						);
					}
					\WP_CLI\Utils\format_items( $format, $rows, array( 'id', 'name', 'type', 'www', 'redirection', 'wildcard', 'tracked' ) );
					return;
				}
				if ( ! in_array( $action, array( 'add', 'remove' ), true ) || ! $args ) {
					\WP_CLI::error( 'Usage: wp runcloud domains list | add <name>... [--www|--no-www] | remove <name>...' );
				}

				$bar  = \WP_CLI\Utils\make_progress_bar( 'add' === $action ? 'Adding domains' : 'Removing domains', max( 1, count( $args ) ) );
				$tick = static fn( int $done ) => $bar->tick( $done );
				if ( 'add' === $action ) {
					$www  = array_key_exists( 'www', $assoc_args ) ? (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'www' ) : null;
					$rows = $this->domains_add( $args, $www, $tick );
				} else {
					[ $clean, $rows ] = self::valid( $args );
					$client           = $this->connector->client();
					foreach ( array_chunk( array_values( array_unique( $clean ) ), self::CHUNK ) as $chunk ) {
						$result = $client->removeDomains( $chunk );
						foreach ( $result->removed as $name ) {
							$this->ledger->forget( Domain_Name::normalize( $name ) );
							$rows[] = self::row( $name, 'removed', '' );
						}
						$rows = array_merge( $rows, $this->other_rows( $result, 'was not there', 'remove' ) );
						$tick( count( $chunk ) );
					}
				}
				$bar->finish();

				\WP_CLI\Utils\format_items( $format, $rows, array( 'name', 'status', 'detail' ) );
				$failed = count( wp_list_filter( $rows, array( 'status' => 'failed' ) ) );
				if ( $failed ) {
					\WP_CLI::error( sprintf( '%d of %d failed.', $failed, count( $rows ) ) );
				}
			}
		);
	}

	/**
	 * Makes the web app's aliases match the network's mapped domains.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : Only show what would change.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function sync( array $args, array $assoc_args ): void {
		$dry_run = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'dry-run', false );
		$format  = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $dry_run, $format ) {
				// Three steps: reading the domain records, the wildcard check, the sync with RunCloud.
				$bar    = \WP_CLI\Utils\make_progress_bar( $dry_run ? 'Comparing domains' : 'Syncing domains', 3 );
				$seen   = array();
				$report = $this->reconciler->run(
					$dry_run,
					function ( $step ) use ( $bar, &$seen ) {
						if ( ! isset( $seen[ $step ] ) ) {
							$seen[ $step ] = true;
							$bar->tick();
						}
					}
				);
				$bar->finish();

				$rows  = array();
				$lists = array(
					$dry_run ? 'would add' : 'added'      => array_fill_keys( $report['added'], '' ),
					$dry_run ? 'would remove' : 'removed' => array_fill_keys( $report['removed'], '' ),
					'skipped'                             => array_fill_keys( $report['skipped'], 'served by the wildcard domain' ),
					'failed'                              => $report['failed'],
				);
				foreach ( $lists as $action => $names ) {
					foreach ( $names as $name => $detail ) {
						$rows[] = array(
							'name'   => (string) $name,
							'action' => $action,
							'detail' => $detail,
						);
					}
				}
				if ( $rows ) {
					\WP_CLI\Utils\format_items( $format, $rows, array( 'name', 'action', 'detail' ) );
				}
				$line = sprintf( '%s%d added, %d removed, %d unchanged, %d skipped, %d failed.', $dry_run ? 'Dry run: ' : '', count( $report['added'] ), count( $report['removed'] ), $report['unchanged'], count( $report['skipped'] ), count( $report['failed'] ) );
				if ( $report['failed'] ) {
					\WP_CLI::error( $line );
				}
				\WP_CLI::success( $line );
			}
		);
	}

	/**
	 * Shows or redeploys the web app's SSL certificate, or shows or switches its SSL mode.
	 *
	 * ## OPTIONS
	 *
	 * <action>
	 * : status, redeploy or mode.
	 *
	 * [<mode>]
	 * : With mode: advanced (one certificate per domain; queues every domain's certificate) or basic.
	 * Without it, the current mode is shown.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function ssl( array $args, array $assoc_args ): void {
		$action = $args[0] ?? '';
		$target = $args[1] ?? '';
		$format = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $action, $target, $format ) {
				if ( 'status' === $action || ( 'mode' === $action && '' === $target ) ) {
					$rows = array();
					foreach ( 'status' === $action ? $this->ssl_status() : $this->ssl_mode() as $field => $value ) {
						$rows[] = array(
							'field' => (string) $field,
							'value' => $value,
						);
					}
					\WP_CLI\Utils\format_items( $format, $rows, array( 'field', 'value' ) );
					return;
				}
				if ( 'mode' === $action && 'advanced' === $target ) {
					$done = $this->migration->to_advanced();
					\WP_CLI::success( sprintf( 'The web app uses advanced SSL now: %d certificate job(s) queued, %d per minute (about %d minute(s)); %d name(s) skipped (wildcards and names a wildcard serves). Progress: wp runcloud ssl status.', $done['queued'], $done['per_minute'], $done['minutes'], count( $done['skipped'] ) ) );
					return;
				}
				if ( 'mode' === $action && 'basic' === $target ) {
					\WP_CLI::success( sprintf( 'The web app uses basic SSL now: a redeploy of its certificate is queued for %d name(s).', $this->migration->to_basic()['names'] ) );
					return;
				}
				if ( 'redeploy' === $action && $this->mode->per_domain() ) {
					\WP_CLI::error( 'Certificates are per domain (advanced SSL): no basic redeploy is sent. Each domain gets its own certificate when its DNS points here; wp runcloud ssl status shows the progress.' );
				}
				if ( 'redeploy' === $action ) {
					// The redeploy job's own code (guard included); it clears the pending requests it covers.
					\WP_CLI::success(
						match ( $this->basic->deploy( $this->basic->pending() ) ) {
							// phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a command line message, not HTML.
							'waiting'   => throw new Not_Ready_Exception( sprintf( 'not redeploying: the DNS of %s does not point at the server yet (Ultimate Multisite is still checking it), and Let\'s Encrypt would refuse every name until it does', Basic_Ssl_Guard::list_names( $this->guard->waiting() ) ) ),
							'none'      => 'The web app has no certificate, and installing one is disabled.',
							'installed' => 'The web app had no certificate; one was installed.',
							default     => 'Certificate redeployed.',
						}
					);
					return;
				}
				\WP_CLI::error( 'Usage: wp runcloud ssl status | redeploy | mode [advanced|basic]' );
			}
		);
	}

	/**
	 * Runs a command body, turning failures into WP_CLI::error().
	 *
	 * @param callable(): void $body Body.
	 */
	private function guard( callable $body ): void {
		try {
			$body();
		} catch ( Not_Ready_Exception | Job_Failed_Exception $e ) {
			\WP_CLI::error( $e->getMessage() );
		} catch ( \RunCloud\Exception $e ) {
			\WP_CLI::error( Errors::describe( $e ) );
		}
	}

	/**
	 * Adds names.
	 *
	 * @param string[]            $names Names.
	 * @param bool|null           $www   Force www on/off; null follows the admin's setting per name.
	 * @param callable(int): void $tick  Called with the names done.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	private function domains_add( array $names, ?bool $www, callable $tick ): array {
		$groups           = array(
			'on'  => array(),
			'off' => array(),
		);
		[ $clean, $rows ] = self::valid( $names );
		foreach ( $clean as $raw => $name ) {
			$groups[ ( $www ?? $this->sync->wants_www( (string) $raw, $name ) ) ? 'on' : 'off' ][] = $name;
		}

		$client = $this->connector->client();
		$added  = array();
		foreach ( $groups as $key => $group ) {
			foreach ( array_chunk( array_values( array_unique( $group ) ), self::CHUNK ) as $chunk ) {
				$result = $client->addDomains(
					$chunk,
					array(
						'www'         => 'on' === $key,
						'redirection' => 'on' === $key ? 'non-www' : 'none',
					)
				);
				foreach ( $result->added as $name ) {
					$name           = Domain_Name::normalize( $name );
					$added[ $name ] = count( $rows );
					$rows[]         = self::row( $name, 'added', 'on' === $key ? 'www on' : 'www off' );
				}
				$rows = array_merge( $rows, $this->other_rows( $result, 'already there', 'add' ) );
				$tick( count( $chunk ) );
			}
		}
		if ( ! $added ) {
			return $rows;
		}

		// addDomains() reports names only, so one listing reads every id (not a lookup per name).
		$ids = array();
		try {
			foreach ( $client->listDomains() as $domain ) {
				$ids[ Domain_Name::normalize( $domain->name ) ] = $domain;
			}
		} catch ( \Throwable $e ) {
			$this->logger->warning( sprintf( 'Added %d domain(s), but could not read their ids: %s.', count( $added ), Errors::describe( $e ) ) );
		}
		foreach ( $added as $name => $row ) {
			$domain = $ids[ $name ] ?? null;
			$this->ledger->record_added( $name, $this->mapped->site_of( $name ), $domain ? $domain->id : 0 );
			if ( $domain ) {
				$rows[ $row ]['detail'] = sprintf( 'id %d, www %s', $domain->id, $domain->www ? 'on' : 'off' );
			}
		}
		return $rows;
	}

	/**
	 * Certificate status.
	 *
	 * @return array<string, string>
	 */
	private function ssl_status(): array {
		$ssl     = $this->connector->client()->ssl();
		$next    = $this->basic->next_run();
		$cert    = null === $ssl ? array() : get_object_vars( $ssl ); // The extension's names are camelCase.
		$fields  = null === $ssl ? array( 'certificate' => 'none' ) : array(
			'id'                   => (string) $cert['id'],
			'method'               => (string) $cert['method'],
			'authorization_method' => (string) $cert['authorizationMethod'],
			'staging'              => $cert['staging'] ? 'yes' : 'no',
			'valid_until'          => (string) $cert['validUntil'],
			'renewal_date'         => (string) $cert['renewalDate'],
		);
		$fields += $this->ssl_mode();
		foreach ( $this->ledger->certificate_counts() as $state => $count ) {
			$fields[ 'domain_certificates_' . $state ] = (string) $count;
		}
		$fields['pending_redeploy'] = implode( ', ', $this->basic->pending() );
		$fields['next_redeploy']    = is_int( $next ) ? gmdate( 'Y-m-d H:i:s', $next ) . ' UTC' : ( true === $next ? 'running' : 'none' );
		return $fields;
	}

	/**
	 * The certificate strategy and the web app's SSL mode (read from RunCloud, and remembered).
	 *
	 * @return array{strategy: string, mode: string, auto_ssl: string, certificates: string}
	 */
	private function ssl_mode(): array {
		$mode    = $this->mode->refresh();
		$invalid = $this->mode->invalid();
		return array(
			'strategy'     => $this->mode->configured() . ( $this->mode->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ) . ( '' !== $invalid ? sprintf( ' (invalid value "%s" ignored)', $invalid ) : '' ),
			'mode'         => $mode['advanced'] ? 'advanced' : 'basic',
			'auto_ssl'     => $mode['autoSsl'] ? 'on' : 'off',
			'certificates' => $this->mode->per_domain() ? 'per-domain' : 'basic',
		);
	}

	/**
	 * Names valid and not: name as given => normalised name, and a failed row for each invalid one.
	 *
	 * @param string[] $names Names as typed.
	 * @return array{0: array<string, string>, 1: array<int, array{name: string, status: string, detail: string}>}
	 */
	private static function valid( array $names ): array {
		$clean = array();
		$rows  = array();
		foreach ( $names as $raw ) {
			$name = Domain_Name::normalize( (string) $raw );
			if ( '' === $name ) {
				$rows[] = self::row( (string) $raw, 'failed', 'not a valid host name' );
			} else {
				$clean[ (string) $raw ] = $name;
			}
		}
		return array( $clean, $rows );
	}

	/**
	 * Rows of a SyncResult's unchanged and failed names (the failures logged).
	 *
	 * @param \RunCloud\SyncResult $result    Result.
	 * @param string               $unchanged Detail of an unchanged name.
	 * @param string               $verb      add|remove, for the log.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	private function other_rows( \RunCloud\SyncResult $result, string $unchanged, string $verb ): array {
		$rows = array();
		foreach ( $result->unchanged as $name ) {
			$rows[] = self::row( (string) $name, 'unchanged', $unchanged );
		}
		foreach ( $result->failed as $name => $error ) {
			$rows[] = self::row( (string) $name, 'failed', Errors::describe( $error ) );
			$this->logger->error( sprintf( 'Could not %s domain %s: %s.', $verb, $name, Errors::describe( $error ) ) );
		}
		return $rows;
	}

	/**
	 * One result row.
	 *
	 * @param string $name   Name.
	 * @param string $status Status.
	 * @param string $detail Detail.
	 * @return array{name: string, status: string, detail: string}
	 */
	private static function row( string $name, string $status, string $detail ): array {
		return array(
			'name'   => $name,
			'status' => $status,
			'detail' => $detail,
		);
	}
}
