<?php
/**
 * Switching the web app between basic and advanced (per-domain) SSL.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Basic -> advanced: the web app is switched, then every one of its domains that needs a certificate of its own gets a job. Once
 * switched, RunCloud serves only per-domain certificates, so the domains come from RunCloud's own list (the network's domain and
 * domains kept outside Ultimate Multisite included; one listing for the whole migration, whose ids are remembered on the way).
 * Wildcard domains are left out (Let's Encrypt issues those only over DNS-01, set up in RunCloud with a DNS API key), and so are
 * names a wildcard domain serves.
 *
 * The jobs are spread over time in batches sized from RunCloud's rate limit (rateLimit(), read after the switch): half the budget
 * of a minute per minute, so domain events of the network keep the other half while the migration runs, and no worker sits in the
 * extension's pacing waits. The extension's pacing and Per_Domain's rate-limit waits remain the safety net when other callers
 * share the budget.
 *
 * Advanced -> basic: the web app is switched back (the basic certificate was kept by RunCloud) and one basic redeploy is queued
 * for every name, as the basic certificate must cover names added since.
 */
final class Ssl_Migration {

	/**
	 * Builds the migration.
	 *
	 * @param Connector       $connector  RunCloud client.
	 * @param Ssl_Mode        $mode       The web app's mode.
	 * @param Basic_Ssl_Guard $guard      Basic-mode guard (its findings are about the basic certificate).
	 * @param Basic_Redeploy  $basic      The basic certificate.
	 * @param Per_Domain      $per_domain Per-domain certificates.
	 * @param Ledger          $ledger     Ids of the web app's domains.
	 * @param Logger          $logger     Logger.
	 */
	public function __construct( private readonly Connector $connector, private readonly Ssl_Mode $mode, private readonly Basic_Ssl_Guard $guard, private readonly Basic_Redeploy $basic, private readonly Per_Domain $per_domain, private readonly Ledger $ledger, private readonly Logger $logger ) {}

	/**
	 * Switches to advanced SSL (keeping AutoSSL as it was) and queues the certificate jobs.
	 *
	 * @return array{queued: int, skipped: string[], per_minute: int, minutes: int}
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure (nothing queued then).
	 */
	public function to_advanced(): array {
		$client  = $this->connector->client();
		$current = $this->mode->refresh();
		$client->setSslMode( true, $current['autoSsl'] );
		$this->mode->remember( true, $current['autoSsl'] );
		$this->guard->clear();
		$this->logger->info( 'SSL: the web app was switched to advanced SSL (one certificate per domain).' );

		[ $names, $skipped ] = $this->names_needing_certificates( $client );
		$per_minute          = $this->per_minute( $client->rateLimit() );
		$queued              = 0;
		foreach ( $names as $i => $name ) {
			if ( ! $this->per_domain->is_covered( $name ) && $this->per_domain->request( $name, intdiv( $i, $per_minute ) * MINUTE_IN_SECONDS ) ) {
				++$queued;
			}
		}
		// Redeploys of the basic certificate still waiting are no longer wanted.
		foreach ( $this->basic->pending() as $name ) {
			$this->basic->forget( $name );
		}

		$minutes = (int) ceil( count( $names ) / $per_minute );
		$this->logger->info( sprintf( 'SSL: %d certificate job(s) queued, %d per minute over %d minute(s); %d name(s) skipped.', $queued, $per_minute, $minutes, count( $skipped ) ) );
		return array(
			'queued'     => $queued,
			'skipped'    => $skipped,
			'per_minute' => $per_minute,
			'minutes'    => $minutes,
		);
	}

	/**
	 * Switches back to basic SSL and queues one redeploy of the basic certificate for every name.
	 *
	 * @return array{names: int}
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure.
	 */
	public function to_basic(): array {
		$client = $this->connector->client();
		$client->setSslMode( false );
		$this->mode->remember( false, false );
		$this->logger->info( 'SSL: the web app was switched to basic SSL (one certificate for every name).' );

		[ $names ] = $this->names_needing_certificates( $client );
		foreach ( $names as $name ) {
			$this->per_domain->forget( $name );
			$this->basic->request( $name );
		}
		return array( 'names' => count( $names ) );
	}

	/**
	 * The web app's domains that need a certificate of their own, and those left out (wildcards, and names a wildcard domain of
	 * the web app serves: "*.x.test" itself and "a.x.test" alike are one label below the wildcard's base). Remembers every id on
	 * the way.
	 *
	 * @param \RunCloud\Client $client Client.
	 * @return array{0: list<string>, 1: string[]}
	 */
	private function names_needing_certificates( \RunCloud\Client $client ): array {
		$domains = $client->listDomains();
		$bases   = array();
		foreach ( $domains as $domain ) {
			if ( $domain->wildcard ) {
				$bases[ Wildcards::parent( Domain_Name::normalize( $domain->name ) ) ] = true;
			}
		}

		$names   = array();
		$skipped = array();
		foreach ( $domains as $domain ) {
			$name = Domain_Name::normalize( $domain->name );
			if ( '' === $name ) {
				continue;
			}
			$this->ledger->remember_id( $name, $domain->id );
			if ( isset( $bases[ Wildcards::parent( $name ) ] ) ) {
				$skipped[] = $name;
			} else {
				$names[] = $name;
			}
		}
		return array( $names, $skipped );
	}

	/**
	 * Jobs per minute: half of RunCloud's per-minute budget (60 when it did not say).
	 *
	 * @param array<string, int|null>|null $limit rateLimit().
	 */
	private function per_minute( ?array $limit ): int {
		$budget = (int) ( $limit['limit'] ?? 0 ) > 0 ? (int) $limit['limit'] : 60;

		/**
		 * Filters how many certificate jobs of a migration are scheduled per minute.
		 *
		 * @param int $per_minute Jobs per minute.
		 * @param int $budget     RunCloud's calls per minute.
		 */
		return max( 1, (int) apply_filters( 'wu_runcloud_ssl_migration_per_minute', max( 1, intdiv( $budget, 2 ) ), $budget ) );
	}
}
