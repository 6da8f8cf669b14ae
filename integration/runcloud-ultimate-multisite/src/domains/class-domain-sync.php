<?php
/**
 * The four domain events, turned into RunCloud calls.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Chooser;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * What happens when Ultimate Multisite adds or removes a domain or a site's subdomain, and when a domain's DNS starts pointing at
 * the server. Independent of Ultimate Multisite's classes: the adapters hand the events to handle().
 */
final class Domain_Sync {

	const RETRY_HOOK = 'wu_runcloud_retry';

	/** The redirections RunCloud\Client::addDomain() takes. */
	const REDIRECTIONS = array( 'none', 'www', 'non-www' );

	/**
	 * Events already handled in the current do_action() run (see handle()).
	 *
	 * @var array<string, bool>
	 */
	private array $handled = array();

	/**
	 * Builds the sync.
	 *
	 * @param Connector      $connector RunCloud client.
	 * @param Ledger         $ledger    What is known about each name.
	 * @param Queue          $queue     Job queue (retries).
	 * @param Retry_Policy   $retry     Retry policy.
	 * @param Logger         $logger    Logger.
	 * @param Dns_Checker    $dns       DNS checker.
	 * @param Ssl_Chooser    $ssl       Certificates.
	 * @param Wildcards      $wildcards Wildcard domains of the web app.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's mappings.
	 */
	public function __construct( private readonly Connector $connector, private readonly Ledger $ledger, private readonly Queue $queue, private readonly Retry_Policy $retry, private readonly Logger $logger, private readonly Dns_Checker $dns, private readonly Ssl_Chooser $ssl, private readonly Wildcards $wildcards, private readonly Mapped_Domains $mapped ) {}

	/** Hooks of the sync's own job (queued only while the integration is active). */
	public function register(): void {
		add_action( self::RETRY_HOOK, array( $this, 'run_retry' ), 10, 4 );
	}

	/** The integration is active: a domain's DNS propagation asks for its certificate. */
	public function watch_dns(): void {
		add_action( 'wu_domain_manager_dns_propagation_finished', array( $this, 'dns_propagated' ), 10, 1 );
	}

	/**
	 * Entry point of the four Ultimate Multisite events, from either adapter. If both generations' hooks exist in one install,
	 * both adapters are attached to the same do_action() run; the second call of the same run is ignored.
	 *
	 * @param string $event   add_domain|remove_domain|add_subdomain|remove_subdomain.
	 * @param mixed  $name    Domain or subdomain as Ultimate Multisite passed it.
	 * @param mixed  $site_id Site (older versions pass null on rename).
	 * @throws Job_Failed_Exception On a permanent failure, so the job shows as failed.
	 */
	public function handle( string $event, mixed $name, mixed $site_id ): void {
		$name = (string) $name;
		$hook = 'wu_' . $event;
		if ( doing_action( $hook ) ) {
			$key = $hook . '#' . did_action( $hook ) . '#' . $name;
			if ( isset( $this->handled[ $key ] ) ) {
				return;
			}
			$this->handled[ $key ] = true;
		}

		$this->run_retry( str_replace( '_', '-', $event ), $name, (int) $site_id, 0 );
	}

	/**
	 * Ultimate Multisite found that a domain now resolves to the server: the moment Let's Encrypt can validate it.
	 *
	 * @param mixed $domain Domain object (Ultimate Multisite passes its model) or name.
	 */
	public function dns_propagated( mixed $domain ): void {
		if ( is_object( $domain ) && method_exists( $domain, 'get_domain' ) ) {
			$domain = $domain->get_domain();
		}
		$name = Domain_Name::normalize( is_string( $domain ) ? $domain : '' );
		if ( '' === $name ) {
			return;
		}
		if ( $this->ssl->is_covered( $name ) ) {
			$this->logger->info( sprintf( 'SSL: %s is already covered by a redeploy made after it was added.', $name ) );
			return;
		}
		try {
			if ( $this->wildcards->covers( $name ) ) {
				return; // Served by the wildcard domain and its certificate.
			}
		} catch ( \Throwable $e ) {
			// Unknown: asking for a certificate is the safe side.
			$this->logger->warning( sprintf( 'SSL: could not check the wildcard for %s: %s', $name, Errors::describe( $e ) ) );
		}

		$this->ssl->request( $name );
	}

	/**
	 * Job handler of RETRY_HOOK, and handle()'s first attempt (0).
	 *
	 * @param string $op      add-domain|add-subdomain|remove-domain|remove-subdomain.
	 * @param string $name    Name.
	 * @param int    $site_id Site.
	 * @param int    $attempt Attempts made so far.
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function run_retry( string $op, string $name, int $site_id = 0, int $attempt = 1 ): void {
		[ $action, $kind ] = explode( '-', $op, 2 ) + array( '', 'domain' );
		$kind              = 'subdomain' === $kind ? 'subdomain' : 'domain';
		if ( 'add' === $action ) {
			$this->add( $kind, $name, $site_id, $attempt );
		} elseif ( 'remove' === $action ) {
			$this->remove( $kind, $name, $site_id, $attempt );
		}
	}

	/**
	 * Adds one name.
	 *
	 * The extension is entered once on this path, in addDomain(), which checks and normalises the name itself (its ValueError is
	 * the "not a host name" answer). The checks before it take the name as Ultimate Multisite holds it, lower-cased
	 * (Mapped_Domains::host()): Ultimate Multisite's lookups want it that way, and the twin-event mark and the wildcard candidate
	 * compare ASCII network names. Everything after the call uses the name RunCloud stored. From Ultimate Multisite's hook to the
	 * request, 7 plugin files run (8 when the name is one label under the network's domain: the remembered wildcard answer,
	 * storage/class-state.php): the adapter, this file, Mapped_Domains, Ledger, Wildcards, Connector, Settings.
	 *
	 * @param string $kind    'domain' or 'subdomain'.
	 * @param string $raw     Name as received.
	 * @param int    $site_id Site, 0 when unknown.
	 * @param int    $attempt Attempts made before.
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function add( string $kind, string $raw, int $site_id, int $attempt ): void {
		$name = Mapped_Domains::host( $raw );
		if ( '' === $name ) {
			$this->invalid( $kind, $raw );
			return;
		}
		if ( $site_id <= 0 ) {
			$site_id = $this->mapped->site_of( $name );
		}
		// The job acts on the state when it runs: a mapping deleted since it was queued is not added.
		if ( 'domain' === $kind && $this->mapped->available() && ! $this->mapped->is_mapped( $name ) ) {
			$this->logger->domain( $name, 'info', sprintf( 'Skipping the add of %s: its mapping was deleted in Ultimate Multisite after the add was queued.', $name ) );
			return;
		}
		if ( 0 === $attempt && $this->ledger->is_recent( 'add', $name ) ) {
			$this->logger->log( 'debug', sprintf( '%s was added moments ago; nothing to do.', $name ) );
			$this->remove_stale_names( $name, $site_id );
			return;
		}

		try {
			if ( $this->wildcards->covers( $name ) ) {
				$this->logger->info( sprintf( '%s is served by the web app\'s wildcard domain; no call needed.', $name ) );
				$this->ledger->mark_recent( 'add', $name );
				return;
			}
			$www = 'domain' === $kind && $this->wants_www( $raw, $name );

			/**
			 * Filters the redirection of a new alias (none, www, non-www).
			 *
			 * @param string $redirection Redirection.
			 * @param string $name        Domain.
			 * @param bool   $www         Whether www is served too.
			 */
			$fallback    = $www ? 'non-www' : 'none';
			$redirection = apply_filters( 'wu_runcloud_domain_redirection', $fallback, $name, $www );
			if ( ! is_string( $redirection ) || ! in_array( $redirection, self::REDIRECTIONS, true ) ) {
				// A filter's mistake must not cost the domain its add: the default, with a warning.
				$given = is_scalar( $redirection ) ? '"' . $redirection . '"' : get_debug_type( $redirection );
				$this->logger->warning( sprintf( 'The filter wu_runcloud_domain_redirection gave %s for %s, which is not one of %s; using "%s".', $given, $name, implode( ', ', self::REDIRECTIONS ), $fallback ) );
				$redirection = $fallback;
			}
			$created = $this->connector->client()->addDomain( $name, $www, $redirection, 'alias' );
		} catch ( \ValueError ) {
			$this->invalid( $kind, $raw );
			return;
		} catch ( \Throwable $e ) {
			$this->failed( 'add', $kind, $name, $site_id, $attempt, $e );
			return;
		}

		$stored = $created->name;
		// Asked for before this add ran (Ultimate Multisite's DNS stage can pass first): asked again, whatever our DNS check says.
		$wanted = $this->ssl->is_pending( $stored );
		$this->ledger->record_added( $stored, $site_id, $created->id );
		$this->logger->domain( $stored, 'info', sprintf( 'Added %s %s to RunCloud (id %d, www %s).', $kind, $stored, $created->id, $created->www ? 'on' : 'off' ) );
		$this->remove_stale_names( $stored, $site_id );

		if ( $wanted || $this->dns->points_to_server( $stored ) ) {
			$this->ssl->request( $stored );
		} else {
			$this->logger->domain( $stored, 'info', sprintf( 'SSL: %s does not point at the server yet; the certificate waits for DNS propagation.', $stored ) );
		}
	}

	/**
	 * Removes one name.
	 *
	 * @param string $kind    'domain' or 'subdomain'.
	 * @param string $raw     Name as received.
	 * @param int    $site_id Site.
	 * @param int    $attempt Attempts made before.
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function remove( string $kind, string $raw, int $site_id, int $attempt ): void {
		$name = Domain_Name::normalize( $raw );
		if ( '' === $name ) {
			$this->invalid( $kind, $raw );
			return;
		}
		$network = function_exists( 'get_network' ) ? get_network() : null;
		if ( $network && Domain_Name::equals( $network->domain, $name ) ) {
			$this->logger->warning( sprintf( 'Not removing %s: it is the network\'s own domain.', $name ) );
			return;
		}
		if ( 0 === $attempt && $this->ledger->is_recent( 'remove', $name ) ) {
			$this->logger->log( 'debug', sprintf( '%s was removed moments ago; nothing to do.', $name ) );
			return;
		}
		// The job acts on the state when it runs: a name mapped again since the removal was queued stays.
		if ( 'domain' === $kind && $this->mapped->available() && $this->mapped->is_mapped( $name ) ) {
			$this->logger->domain( $name, 'info', sprintf( 'Skipping the removal of %s: it was mapped again in Ultimate Multisite after the removal was queued.', $name ) );
			return;
		}

		try {
			if ( $this->wildcards->covers( $name ) ) {
				$this->logger->info( sprintf( '%s is served by the web app\'s wildcard domain; no call needed.', $name ) );
				$this->ledger->forget( $name );
				return;
			}
			// One DELETE by the remembered id; by name (lookup, DELETE) with none or a stale one. RunCloud deletes its certificate too.
			$client  = $this->connector->client();
			$id      = $this->ledger->id( $name );
			$removed = ( $id > 0 && $client->removeDomain( $id ) ) || $client->removeDomain( $name );
		} catch ( \Throwable $e ) {
			$this->failed( 'remove', $kind, $name, $site_id, $attempt, $e );
			return;
		}

		$this->ledger->forget( $name );
		$this->ledger->mark_recent( 'remove', $name );
		$this->logger->domain( $name, 'info', $removed ? sprintf( 'Removed %s %s from RunCloud (its certificate goes with it).', $kind, $name ) : sprintf( '%s was not on RunCloud; nothing to remove.', $name ) );
	}

	/**
	 * A failed call. Incomplete settings fail the job at once, visibly (nothing works until the admin fixes them); a transient
	 * failure comes back later (RETRY_HOOK); any other fails the job.
	 *
	 * @param string     $action  add|remove.
	 * @param string     $kind    domain|subdomain.
	 * @param string     $name    Name.
	 * @param int        $site_id Site.
	 * @param int        $attempt Attempts made before.
	 * @param \Throwable $e       Failure.
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function failed( string $action, string $kind, string $name, int $site_id, int $attempt, \Throwable $e ): void {
		if ( $e instanceof Not_Ready_Exception ) {
			$message = sprintf( 'Could not %s %s %s: %s.', $action, $kind, $name, $e->getMessage() );
			$this->logger->error( $message );
			throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a job's message, not HTML.
		}
		$this->retry->handle(
			sprintf( '%s %s %s', $action, $kind, $name ),
			$e,
			$attempt,
			function ( int $delay, int $next ) use ( $action, $kind, $name, $site_id ): void {
				$this->queue->schedule( $delay, self::RETRY_HOOK, array( $action . '-' . $kind, $name, $site_id, $next ) );
			}
		);
	}

	/**
	 * After an add: names this plugin added earlier for the same site that no domain record holds any more are the old names of
	 * renamed records. They are removed, so a rename does not leave the old name served forever.
	 *
	 * @param string $current Name just added.
	 * @param int    $site_id Site.
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function remove_stale_names( string $current, int $site_id ): void {
		if ( $site_id <= 0 || ! $this->mapped->available() ) {
			return;
		}
		$keep = array_merge( $this->mapped->for_site( $site_id ), array_keys( $this->mapped->network_names() ) );
		foreach ( array_map( 'strval', array_keys( wp_list_filter( $this->ledger->tracked(), array( 'site' => $site_id ) ) ) ) as $old ) {
			if ( Domain_Name::equals( $old, $current ) || in_array( $old, $keep, true ) || $this->mapped->is_mapped( $old ) ) {
				continue; // Still mapped here, a network address, or moved to another site rather than renamed.
			}
			$this->logger->info( sprintf( '%s replaced %s on site %d; removing the old name.', $current, $old, $site_id ) );
			$this->remove( 'domain', $old, $site_id, 0 );
		}
	}

	/**
	 * The name is not a host name RunCloud takes: nothing to do, said at ERROR.
	 *
	 * @param string $kind domain|subdomain.
	 * @param string $raw  Name as received.
	 */
	private function invalid( string $kind, string $raw ): void {
		$this->logger->error( sprintf( 'Ignoring %s event for "%s": not a valid host name.', $kind, $raw ) );
	}

	/**
	 * The admin's www choice (Ultimate Multisite's "auto_create_www_subdomain").
	 *
	 * @param string $raw  Name as received.
	 * @param string $name Name, lower case.
	 */
	public function wants_www( string $raw, string $name ): bool {
		$www = ! str_starts_with( $name, 'www.' ) && $this->mapped->creates_www( $raw );

		/**
		 * Filters whether RunCloud should also serve www.<domain>.
		 *
		 * @param bool   $www  Whether to.
		 * @param string $name Domain.
		 */
		return (bool) apply_filters( 'wu_runcloud_create_www', $www, $name );
	}
}
