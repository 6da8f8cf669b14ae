<?php
/**
 * Switching the web app between basic and advanced (per-domain) SSL.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Basic -> advanced: the web app is switched, then every one of its domains that needs a certificate
 * of its own gets a job. Once switched, RunCloud serves only per-domain certificates, so the domains
 * come from RunCloud's own list (the network's domain and domains kept outside Ultimate Multisite
 * included; one listing for the whole migration, whose ids are remembered on the way). Wildcard
 * domains are left out (Let's Encrypt issues those only over DNS-01, set up in RunCloud with a DNS
 * API key), and so are names a wildcard domain serves.
 *
 * The jobs are spread over time in batches sized from RunCloud's rate limit (rateLimit(), read after
 * the switch): half the budget of a minute per minute, so domain events of the network keep the
 * other half while the migration runs, and no worker sits in the extension's pacing waits. The
 * extension's pacing and the 429 handling of Domain_Certificates remain the safety net when other
 * callers share the budget.
 *
 * Advanced -> basic: the web app is switched back (the basic certificate was kept by RunCloud) and
 * one basic redeploy is queued for every name, as the basic certificate must cover names added since.
 */
final class Ssl_Migration {

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
	 * Switches to advanced SSL (keeping AutoSSL as it was) and queues the certificate jobs.
	 *
	 * @return array{queued: int, skipped: string[], per_minute: int, minutes: int}
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure (nothing queued then).
	 */
	public function to_advanced() {
		$client  = $this->plugin->connector->client();
		$current = $this->plugin->strategy->refresh();
		$client->setSslMode( true, $current['autoSsl'] );
		$this->plugin->strategy->remember( true, $current['autoSsl'] );
		$this->plugin->ssl_guard->clear();  // what it found was about the basic certificate
		$this->plugin->logger->info( 'SSL: the web app was switched to advanced SSL (one certificate per domain).' );

		list( $names, $skipped ) = $this->names_needing_certificates( $client );

		$per_minute = $this->per_minute( $client->rateLimit() );
		$queued     = 0;
		foreach ( array_values( $names ) as $i => $name ) {
			if ( $this->plugin->certificates->is_covered( $name ) ) {
				continue;
			}
			if ( $this->plugin->certificates->request( $name, (int) floor( $i / $per_minute ) * MINUTE_IN_SECONDS ) ) {
				++$queued;
			}
		}
		// Redeploys of the basic certificate still waiting are no longer wanted.
		foreach ( $this->plugin->ssl->pending() as $name ) {
			$this->plugin->ssl->forget( $name );
		}

		$minutes = (int) ceil( count( $names ) / $per_minute );
		$this->plugin->logger->info( sprintf( 'SSL: %d certificate job(s) queued, %d per minute over %d minute(s); %d name(s) skipped.', $queued, $per_minute, $minutes, count( $skipped ) ) );

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
	public function to_basic() {
		$client = $this->plugin->connector->client();
		$client->setSslMode( false );
		$this->plugin->strategy->remember( false, false );
		$this->plugin->logger->info( 'SSL: the web app was switched to basic SSL (one certificate for every name).' );

		list( $names ) = $this->names_needing_certificates( $client );
		foreach ( $names as $name ) {
			$this->plugin->certificates->forget( $name );
			$this->plugin->ssl->request( $name );
		}

		return array( 'names' => count( $names ) );
	}

	/**
	 * The web app's domains that need a certificate of their own, and those left out (wildcards, and
	 * names a wildcard domain of the web app serves). Remembers every id on the way.
	 *
	 * @param \RunCloud\Client $client Client.
	 * @return array{0: string[], 1: string[]}
	 */
	private function names_needing_certificates( $client ) {
		$domains   = $client->listDomains();
		$wildcards = array();
		foreach ( $domains as $domain ) {
			if ( $domain->wildcard || 0 === strpos( $domain->name, '*.' ) ) {
				$wildcards[ substr( Domain_Name::normalize( $domain->name ), 2 ) ] = true;
			}
		}

		$names   = array();
		$skipped = array();
		foreach ( $domains as $domain ) {
			$name = Domain_Name::normalize( $domain->name );
			if ( '' === $name ) {
				continue;
			}
			$this->plugin->ids->remember( $name, (int) $domain->id );
			// "*.x.test" itself and "a.x.test" alike: one label below a wildcard's base.
			$parent = Domain_Name::parent( $name );
			if ( '' !== $parent && isset( $wildcards[ $parent ] ) ) {
				$skipped[] = $name;
				continue;
			}
			$names[] = $name;
		}

		return array( $names, $skipped );
	}

	/**
	 * Jobs per minute: half of RunCloud's per-minute budget (60 when it did not say).
	 *
	 * @param array|null $limit rateLimit().
	 * @return int
	 */
	private function per_minute( $limit ) {
		$budget = is_array( $limit ) && (int) ( $limit['limit'] ?? 0 ) > 0 ? (int) $limit['limit'] : 60;

		/**
		 * Filters how many certificate jobs of a migration are scheduled per minute.
		 *
		 * @param int $per_minute Jobs per minute.
		 * @param int $budget     RunCloud's calls per minute.
		 */
		return max( 1, (int) apply_filters( 'wu_runcloud_ssl_migration_per_minute', max( 1, intdiv( $budget, 2 ) ), $budget ) );
	}
}
