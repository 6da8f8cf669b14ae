<?php
/**
 * The operations behind the WP-CLI commands and the admin buttons.
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
 * Plain methods that return rows and messages; WP-CLI's adapter only prints them. Failures are
 * thrown (the extension's exceptions, Not_Ready_Exception, Job_Failed_Exception).
 */
final class Commands {

	const CHUNK = 20;

	/**
	 * Builds the commands.
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
	 * @param Ssl_Migration   $migration       Mode switch.
	 */
	public function __construct( private readonly Connector $connector, private readonly Logger $logger, private readonly Connection_Test $connection_test, private readonly Ledger $ledger, private readonly Mapped_Domains $mapped, private readonly Domain_Sync $sync, private readonly Reconciler $reconciler, private readonly Ssl_Mode $mode, private readonly Basic_Redeploy $basic, private readonly Ssl_Migration $migration ) {}

	/**
	 * Connection test.
	 *
	 * @return array{ok: bool, code: string, message: string}
	 */
	public function ping(): array {
		return $this->connection_test->ping();
	}

	/**
	 * Every domain of the web app.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function domains_list(): array {
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

		return $rows;
	}

	/**
	 * Adds names.
	 *
	 * @param string[]      $names Names.
	 * @param bool|null     $www   Force www on/off; null follows the admin's setting per name.
	 * @param callable|null $tick  Called with the names done.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	public function domains_add( array $names, ?bool $www = null, ?callable $tick = null ): array {
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
					$added[ Domain_Name::normalize( $name ) ] = count( $rows );
					$rows[]                                   = self::row( Domain_Name::normalize( $name ), 'added', 'on' === $key ? 'www on' : 'www off' );
				}
				$rows = array_merge( $rows, $this->other_rows( $result, 'already there', 'add' ) );
				if ( $tick ) {
					$tick( count( $chunk ) );
				}
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
	 * Removes names.
	 *
	 * @param string[]      $names Names.
	 * @param callable|null $tick  Called with the names done.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	public function domains_remove( array $names, ?callable $tick = null ): array {
		[ $clean, $rows ] = self::valid( $names );
		$client           = $this->connector->client();
		foreach ( array_chunk( array_values( array_unique( $clean ) ), self::CHUNK ) as $chunk ) {
			$result = $client->removeDomains( $chunk );
			foreach ( $result->removed as $name ) {
				$this->ledger->forget( Domain_Name::normalize( $name ) );
				$rows[] = self::row( $name, 'removed', '' );
			}
			$rows = array_merge( $rows, $this->other_rows( $result, 'was not there', 'remove' ) );
			if ( $tick ) {
				$tick( count( $chunk ) );
			}
		}

		return $rows;
	}

	/**
	 * Reconcile.
	 *
	 * @param bool          $dry_run  Dry run.
	 * @param callable|null $progress Called with a step name as work advances.
	 * @return array{report: array<string, mixed>, rows: array<int, array{name: string, action: string, detail: string}>}
	 */
	public function sync( bool $dry_run = false, ?callable $progress = null ): array {
		$report = $this->reconciler->run( $dry_run, $progress );
		$rows   = array();
		$lists  = array(
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

		return array(
			'report' => $report,
			'rows'   => $rows,
		);
	}

	/**
	 * Certificate status.
	 *
	 * @return array<int, array{field: string, value: string}>
	 */
	public function ssl_status(): array {
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
		return self::field_rows( $fields );
	}

	/**
	 * The certificate strategy and the web app's SSL mode (read from RunCloud, and remembered).
	 *
	 * @return array{strategy: string, mode: string, auto_ssl: string, certificates: string}
	 */
	public function ssl_mode(): array {
		$mode    = $this->mode->refresh();
		$invalid = $this->mode->invalid();
		return array(
			'strategy'     => $this->mode->configured() . ( $this->mode->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ) . ( '' !== $invalid ? sprintf( ' (invalid value "%s" ignored)', $invalid ) : '' ),
			'mode'         => $mode['advanced'] ? 'advanced' : 'basic',
			'auto_ssl'     => $mode['autoSsl'] ? 'on' : 'off',
			'certificates' => $this->mode->per_domain() ? 'per-domain' : 'basic',
		);
	}

	/** Whether domains get certificates of their own now. */
	public function per_domain(): bool {
		return $this->mode->per_domain();
	}

	/**
	 * Switches the web app's SSL mode: advanced queues every domain's certificate job, basic a
	 * redeploy of the basic certificate.
	 *
	 * @param string $target advanced|basic.
	 * @return string What was done.
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure.
	 */
	public function ssl_switch( string $target ): string {
		if ( 'advanced' === $target ) {
			$done = $this->migration->to_advanced();
			return sprintf(
				'The web app uses advanced SSL now: %d certificate job(s) queued, %d per minute (about %d minute(s)); %d name(s) skipped (wildcards and names a wildcard serves). Progress: wp runcloud ssl status.',
				$done['queued'],
				$done['per_minute'],
				$done['minutes'],
				count( $done['skipped'] )
			);
		}

		return sprintf( 'The web app uses basic SSL now: a redeploy of its certificate is queued for %d name(s).', $this->migration->to_basic()['names'] );
	}

	/**
	 * Redeploys the certificate now, by the redeploy job's own code (guard included), and clears the
	 * pending requests it covers.
	 *
	 * @throws Not_Ready_Exception While a name's DNS is still checked (the guard's refusal is a
	 *                             Job_Failed_Exception; a failed call, the extension's exception).
	 */
	public function ssl_redeploy(): string {
		return match ( $this->basic->deploy( $this->basic->pending() ) ) {
			// phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a command line message, not HTML.
			'waiting'   => throw new Not_Ready_Exception( sprintf( 'not redeploying: the DNS of %s does not point at the server yet (Ultimate Multisite is still checking it), and Let\'s Encrypt would refuse every name until it does', Basic_Ssl_Guard::list_names( $this->basic->waiting() ) ) ),
			'none'      => 'The web app has no certificate, and installing one is disabled.',
			'installed' => 'The web app had no certificate; one was installed.',
			default     => 'Certificate redeployed.',
		};
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

	/**
	 * Field => value as rows.
	 *
	 * @param array<string, string> $fields Fields.
	 * @return array<int, array{field: string, value: string}>
	 */
	public static function field_rows( array $fields ): array {
		$rows = array();
		foreach ( $fields as $field => $value ) {
			$rows[] = array(
				'field' => (string) $field,
				'value' => $value,
			);
		}

		return $rows;
	}
}
