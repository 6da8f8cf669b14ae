<?php
/**
 * The operations behind the WP-CLI commands and the admin buttons.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Cli;

use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;
use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Plain methods that return rows and messages; WP-CLI's adapter only prints them. Failures are
 * thrown (the extension's exceptions or Not_Ready_Exception).
 */
final class Commands {

	const CHUNK = 20;

	/**
	 * Plugin services.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Constructor.
	 *
	 * @param Plugin $plugin Plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Connection test.
	 *
	 * @return array{ok: bool, code: string, message: string}
	 */
	public function ping() {
		$result = $this->plugin->connection_test->run();

		if ( is_wp_error( $result ) ) {
			return array(
				'ok'      => false,
				'code'    => $result->get_error_code(),
				'message' => $result->get_error_message(),
			);
		}

		$limit = $this->plugin->connector->client()->rateLimit();

		return array(
			'ok'      => true,
			'code'    => 'ok',
			'message' => sprintf(
				'Connected to RunCloud: server %d, web app %d%s.',
				$this->plugin->settings->server_id(),
				$this->plugin->settings->app_id(),
				self::describe_limit( $limit )
			),
		);
	}

	/**
	 * The rate limit the last answer announced; a count it did not announce is not shown as 0.
	 *
	 * @param array<string, int|null>|null $limit What RunCloud\Client::rateLimit() returned.
	 */
	private static function describe_limit( ?array $limit ): string {
		if ( null === $limit || null === ( $limit['limit'] ?? null ) ) {
			return '';
		}
		if ( null === ( $limit['remaining'] ?? null ) ) {
			return sprintf( ' (rate limit %d a minute)', $limit['limit'] );
		}
		return sprintf( ' (rate limit %d, %d left this minute)', $limit['limit'], $limit['remaining'] );
	}

	/**
	 * Every domain of the web app.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function domains_list() {
		$rows = array();
		foreach ( $this->plugin->connector->client()->listDomains() as $domain ) {
			$rows[] = array(
				'id'          => $domain->id,
				'name'        => $domain->name,
				'type'        => $domain->type,
				'www'         => $domain->www ? 'yes' : 'no',
				'redirection' => $domain->redirection,
				'wildcard'    => $domain->wildcard ? 'yes' : 'no',
				'tracked'     => isset( $this->plugin->state->tracked()[ Domain_Name::normalize( $domain->name ) ] ) ? 'yes' : 'no',
			);
		}

		return $rows;
	}

	/**
	 * Adds names.
	 *
	 * @param string[]      $names Names.
	 * @param bool|null     $www   Force www on/off; null follows the admin's setting per name.
	 * @param callable|null $tick  callable( int $done ): void.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	public function domains_add( array $names, $www = null, $tick = null ) {
		$rows   = array();
		$groups = array(
			'on'  => array(),
			'off' => array(),
		);

		foreach ( $names as $raw ) {
			$name = Domain_Name::normalize( $raw );
			if ( '' === $name ) {
				$rows[] = array(
					'name'   => (string) $raw,
					'status' => 'failed',
					'detail' => 'not a valid host name',
				);
				continue;
			}
			$want                             = null === $www ? $this->plugin->domain_sync->wants_www( $raw, $name ) : (bool) $www;
			$groups[ $want ? 'on' : 'off' ][] = $name;
		}

		$client = $this->plugin->connector->client();
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
				foreach ( $result->added as $added_name ) {
					$name = Domain_Name::normalize( $added_name );
					$this->plugin->state->track( $name, $this->plugin->mapped->site_of( $name ) );
					$added[ $name ] = count( $rows );
					$rows[]         = array(
						'name'   => $name,
						'status' => 'added',
						'detail' => 'on' === $key ? 'www on' : 'www off',
					);
				}
				foreach ( $result->unchanged as $name ) {
					$rows[] = array(
						'name'   => $name,
						'status' => 'unchanged',
						'detail' => 'already there',
					);
				}
				foreach ( $result->failed as $name => $error ) {
					$rows[] = array(
						'name'   => $name,
						'status' => 'failed',
						'detail' => Errors::describe( $error ),
					);
					$this->plugin->logger->error( sprintf( 'Could not add domain %s: %s.', $name, Errors::describe( $error ) ) );
				}
				if ( $tick ) {
					call_user_func( $tick, count( $chunk ) );
				}
			}
		}

		return $this->remember_ids( $client, $added, $rows );
	}

	/**
	 * Remembers the ids RunCloud gave the names just added: addDomains() reports names only, so
	 * one listing reads them all (not a lookup per name).
	 *
	 * @param \RunCloud\Client                                                $client Client.
	 * @param array<string, int>                                              $added  Normalised name => index of its row.
	 * @param array<int, array{name: string, status: string, detail: string}> $rows   Rows.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	private function remember_ids( $client, array $added, array $rows ) {
		if ( ! $added ) {
			return $rows;
		}

		try {
			$domains = $client->listDomains();
		} catch ( \Throwable $e ) {
			$this->plugin->logger->warning( sprintf( 'Added %d domain(s), but could not read their ids: %s.', count( $added ), Errors::describe( $e ) ) );
			return $rows;
		}

		foreach ( $domains as $domain ) {
			$name = Domain_Name::normalize( $domain->name );
			if ( ! isset( $added[ $name ] ) ) {
				continue;
			}
			$this->plugin->ids->remember( $name, (int) $domain->id );
			$rows[ $added[ $name ] ]['detail'] = sprintf( 'id %d, www %s', $domain->id, $domain->www ? 'on' : 'off' );
		}

		return $rows;
	}

	/**
	 * Removes names.
	 *
	 * @param string[]      $names Names.
	 * @param callable|null $tick  callable( int $done ): void.
	 * @return array<int, array{name: string, status: string, detail: string}>
	 */
	public function domains_remove( array $names, $tick = null ) {
		$rows  = array();
		$clean = array();
		foreach ( $names as $raw ) {
			$name = Domain_Name::normalize( $raw );
			if ( '' === $name ) {
				$rows[] = array(
					'name'   => (string) $raw,
					'status' => 'failed',
					'detail' => 'not a valid host name',
				);
				continue;
			}
			$clean[] = $name;
		}

		$client = $this->plugin->connector->client();
		foreach ( array_chunk( array_values( array_unique( $clean ) ), self::CHUNK ) as $chunk ) {
			$result = $client->removeDomains( $chunk );
			foreach ( $result->removed as $name ) {
				$this->plugin->state->untrack( Domain_Name::normalize( $name ) );
				$this->plugin->ids->forget( Domain_Name::normalize( $name ) );
				$this->plugin->dispatch->forget( Domain_Name::normalize( $name ) );
				$rows[] = array(
					'name'   => $name,
					'status' => 'removed',
					'detail' => '',
				);
			}
			foreach ( $result->unchanged as $name ) {
				$rows[] = array(
					'name'   => $name,
					'status' => 'unchanged',
					'detail' => 'was not there',
				);
			}
			foreach ( $result->failed as $name => $error ) {
				$rows[] = array(
					'name'   => $name,
					'status' => 'failed',
					'detail' => Errors::describe( $error ),
				);
				$this->plugin->logger->error( sprintf( 'Could not remove domain %s: %s.', $name, Errors::describe( $error ) ) );
			}
			if ( $tick ) {
				call_user_func( $tick, count( $chunk ) );
			}
		}

		return $rows;
	}

	/**
	 * Reconcile.
	 *
	 * @param bool          $dry_run  Dry run.
	 * @param callable|null $progress callable( string $step ): void.
	 * @return array{report: array, rows: array<int, array{name: string, action: string, detail: string}>}
	 */
	public function sync( $dry_run = false, $progress = null ) {
		$report = $this->plugin->reconciler->run( (bool) $dry_run, $progress );
		$rows   = array();

		foreach ( $report['added'] as $name ) {
			$rows[] = array(
				'name'   => $name,
				'action' => $dry_run ? 'would add' : 'added',
				'detail' => '',
			);
		}
		foreach ( $report['removed'] as $name ) {
			$rows[] = array(
				'name'   => $name,
				'action' => $dry_run ? 'would remove' : 'removed',
				'detail' => '',
			);
		}
		foreach ( $report['skipped'] as $name ) {
			$rows[] = array(
				'name'   => $name,
				'action' => 'skipped',
				'detail' => 'served by the wildcard domain',
			);
		}
		foreach ( $report['failed'] as $name => $why ) {
			$rows[] = array(
				'name'   => $name,
				'action' => 'failed',
				'detail' => $why,
			);
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
	public function ssl_status() {
		$ssl  = $this->plugin->connector->client()->ssl();
		$next = $this->plugin->ssl->next_run();
		$rows = array();

		if ( null === $ssl ) {
			$rows[] = array(
				'field' => 'certificate',
				'value' => 'none',
			);
		} else {
			$fields = array(
				'id'                   => (string) $ssl->id,
				'method'               => (string) $ssl->method,
				'authorization_method' => (string) $ssl->authorizationMethod,
				'staging'              => $ssl->staging ? 'yes' : 'no',
				'valid_until'          => (string) $ssl->validUntil,
				'renewal_date'         => (string) $ssl->renewalDate,
			);
			foreach ( $fields as $field => $value ) {
				$rows[] = array(
					'field' => $field,
					'value' => $value,
				);
			}
		}

		foreach ( $this->ssl_mode() as $field => $value ) {
			$rows[] = array(
				'field' => $field,
				'value' => $value,
			);
		}
		foreach ( $this->plugin->certificates->counts() as $state => $count ) {
			$rows[] = array(
				'field' => 'domain_certificates_' . $state,
				'value' => (string) $count,
			);
		}
		$rows[] = array(
			'field' => 'pending_redeploy',
			'value' => implode( ', ', $this->plugin->ssl->pending() ),
		);
		$rows[] = array(
			'field' => 'next_redeploy',
			'value' => is_int( $next ) ? gmdate( 'Y-m-d H:i:s', $next ) . ' UTC' : ( true === $next ? 'running' : 'none' ),
		);

		return $rows;
	}

	/**
	 * The certificate strategy and the web app's SSL mode (read from RunCloud, and remembered).
	 *
	 * @return array{strategy: string, mode: string, auto_ssl: string, certificates: string}
	 */
	public function ssl_mode() {
		$strategy = $this->plugin->strategy;
		$mode     = $strategy->refresh();
		$invalid  = $strategy->invalid();

		return array(
			'strategy'     => $strategy->configured() . ( $strategy->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ) . ( '' !== $invalid ? sprintf( ' (invalid value "%s" ignored)', $invalid ) : '' ),
			'mode'         => $mode['advanced'] ? 'advanced' : 'basic',
			'auto_ssl'     => $mode['autoSsl'] ? 'on' : 'off',
			'certificates' => $strategy->per_domain() ? 'per-domain' : 'basic',
		);
	}

	/**
	 * Whether domains get certificates of their own now.
	 *
	 * @return bool
	 */
	public function per_domain() {
		return $this->plugin->strategy->per_domain();
	}

	/**
	 * Switches the web app's SSL mode: advanced queues every domain's certificate job, basic a
	 * redeploy of the basic certificate.
	 *
	 * @param string $target advanced|basic.
	 * @return string What was done.
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure.
	 */
	public function ssl_switch( $target ) {
		if ( 'advanced' === $target ) {
			$done = $this->plugin->migration->to_advanced();

			return sprintf(
				'The web app uses advanced SSL now: %d certificate job(s) queued, %d per minute (about %d minute(s)); %d name(s) skipped (wildcards and names a wildcard serves). Progress: wp runcloud ssl status.',
				$done['queued'],
				$done['per_minute'],
				$done['minutes'],
				count( $done['skipped'] )
			);
		}

		$done = $this->plugin->migration->to_basic();

		return sprintf( 'The web app uses basic SSL now: a redeploy of its certificate is queued for %d name(s).', $done['names'] );
	}

	/**
	 * Redeploys the certificate now (and clears the pending requests it covers).
	 *
	 * @return string
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure, or when the basic-mode guard refuses.
	 */
	public function ssl_redeploy() {
		// The command line gets the same guard as the queued redeploy: an order Let's Encrypt must
		// refuse is not sent from here either.
		$blocked = $this->plugin->ssl_guard->check();
		if ( '' !== $blocked ) {
			throw new Not_Ready_Exception( $blocked );
		}
		$waiting = $this->plugin->ssl_guard->waiting();
		if ( $waiting ) {
			throw new Not_Ready_Exception( sprintf( 'not redeploying: the DNS of %s does not point at the server yet (Ultimate Multisite is still checking it), and Let\'s Encrypt would refuse every name until it does', Basic_Ssl_Guard::list_names( $waiting ) ) );
		}
		$pending = $this->plugin->ssl->pending();
		$started = time();
		$what    = $this->plugin->ssl->redeploy_now();

		if ( 'none' === $what ) {
			return 'The web app has no certificate, and installing one is disabled.';
		}
		$this->plugin->ssl->complete( $pending, $started );

		return 'installed' === $what ? 'The web app had no certificate; one was installed.' : 'Certificate redeployed.';
	}
}
