<?php
/**
 * The four domain events, turned into RunCloud calls.
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
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Dispatch;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * What happens when Ultimate Multisite adds or removes a domain or a site's subdomain, and when a
 * domain's DNS starts pointing at the server. Independent of Ultimate Multisite's classes: the
 * adapters call these methods.
 */
final class Domain_Sync {

	const RETRY_HOOK = 'wu_runcloud_retry';

	/** The redirections RunCloud\Client::addDomain() takes. */
	const REDIRECTIONS = array( 'none', 'www', 'non-www' );

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
	 * DNS checker.
	 *
	 * @var Dns_Checker
	 */
	private $dns;

	/**
	 * Certificates (basic or per domain, as the strategy says).
	 *
	 * @var Ssl_Dispatch
	 */
	private $ssl;

	/**
	 * Wildcard knowledge.
	 *
	 * @var Wildcards
	 */
	private $wildcards;

	/**
	 * Mapped domains.
	 *
	 * @var Mapped_Domains
	 */
	private $mapped;

	/**
	 * RunCloud ids of the names added.
	 *
	 * @var Domain_Ids
	 */
	private $ids;

	/**
	 * Constructor.
	 *
	 * @param Settings       $settings  Settings.
	 * @param Connector      $connector Connector.
	 * @param State          $state     State.
	 * @param Queue          $queue     Queue.
	 * @param Retry_Policy   $retry     Retry policy.
	 * @param Logger         $logger    Logger.
	 * @param Dns_Checker    $dns       DNS checker.
	 * @param Ssl_Dispatch   $ssl       Certificates.
	 * @param Wildcards      $wildcards Wildcards.
	 * @param Mapped_Domains $mapped    Mapped domains.
	 * @param Domain_Ids     $ids       Domain ids.
	 */
	public function __construct( Settings $settings, Connector $connector, State $state, Queue $queue, Retry_Policy $retry, Logger $logger, Dns_Checker $dns, Ssl_Dispatch $ssl, Wildcards $wildcards, Mapped_Domains $mapped, Domain_Ids $ids ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->state     = $state;
		$this->queue     = $queue;
		$this->retry     = $retry;
		$this->logger    = $logger;
		$this->dns       = $dns;
		$this->ssl       = $ssl;
		$this->wildcards = $wildcards;
		$this->mapped    = $mapped;
		$this->ids       = $ids;
	}

	/**
	 * A domain was mapped to a site, or a domain record was renamed (Ultimate Multisite then fires
	 * the same event with the new name only).
	 *
	 * @param string   $domain  Domain as Ultimate Multisite has it.
	 * @param int|null $site_id Site (older versions pass null on rename).
	 * @param int      $attempt Attempts made before (retries).
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function add_domain( $domain, $site_id, $attempt = 0 ) {
		$this->add( 'domain', $domain, $site_id, $attempt );
	}

	/**
	 * A site was created on a subdomain network.
	 *
	 * @param string   $subdomain Full host name of the site.
	 * @param int|null $site_id   Site.
	 * @param int      $attempt   Attempts made before (retries).
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function add_subdomain( $subdomain, $site_id, $attempt = 0 ) {
		$this->add( 'subdomain', $subdomain, $site_id, $attempt );
	}

	/**
	 * A domain record was deleted (also when its site is deleted).
	 *
	 * @param string   $domain  Domain.
	 * @param int|null $site_id Site.
	 * @param int      $attempt Attempts made before (retries).
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function remove_domain( $domain, $site_id, $attempt = 0 ) {
		$this->remove( 'domain', $domain, $site_id, $attempt );
	}

	/**
	 * A site was deleted on a subdomain network.
	 *
	 * @param string   $subdomain Full host name of the site.
	 * @param int|null $site_id   Site.
	 * @param int      $attempt   Attempts made before (retries).
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function remove_subdomain( $subdomain, $site_id, $attempt = 0 ) {
		$this->remove( 'subdomain', $subdomain, $site_id, $attempt );
	}

	/**
	 * Ultimate Multisite found that a domain now resolves to the server: the moment Let's Encrypt can
	 * validate it.
	 *
	 * @param mixed $domain Domain object (Ultimate Multisite passes its model) or name.
	 * @return void
	 */
	public function dns_propagated( $domain ) {
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
			// Unknown: asking for a redeploy is the safe side.
			$this->logger->warning( sprintf( 'SSL: could not check the wildcard for %s: %s', $name, Errors::describe( $e ) ) );
		}

		$this->ssl->request( $name );
	}

	/**
	 * Job handler of RETRY_HOOK.
	 *
	 * @param string $op      add-domain|add-subdomain|remove-domain|remove-subdomain.
	 * @param string $name    Name.
	 * @param int    $site_id Site.
	 * @param int    $attempt Attempts made so far.
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function run_retry( $op, $name, $site_id = 0, $attempt = 1 ) {
		list( $action, $kind ) = array_pad( explode( '-', (string) $op, 2 ), 2, 'domain' );
		$kind                  = 'subdomain' === $kind ? 'subdomain' : 'domain';

		if ( 'add' === $action ) {
			$this->add( $kind, $name, $site_id, (int) $attempt );
		} elseif ( 'remove' === $action ) {
			$this->remove( $kind, $name, $site_id, (int) $attempt );
		}
	}

	/**
	 * Adds one name.
	 *
	 * @param string   $kind    'domain' or 'subdomain'.
	 * @param string   $raw     Name as received.
	 * @param int|null $site_id Site.
	 * @param int      $attempt Attempts made before.
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function add( $kind, $raw, $site_id, $attempt ) {
		$name = Domain_Name::normalize( $raw );
		if ( '' === $name ) {
			$this->logger->error( sprintf( 'Ignoring %s event for "%s": not a valid host name.', $kind, (string) $raw ) );
			return;
		}

		$site_id = (int) $site_id;
		if ( $site_id <= 0 ) {
			$site_id = $this->mapped->site_of( $name );
		}

		// The job acts on the state when it runs: a mapping deleted since it was queued is not added.
		if ( 'domain' === $kind && $this->mapped->available() && ! $this->mapped->is_mapped( $name ) ) {
			$this->logger->domain( $name, 'info', sprintf( 'Skipping the add of %s: its mapping was deleted in Ultimate Multisite after the add was queued.', $name ) );
			return;
		}

		if ( $this->state->is_recent( 'add', $name ) && 0 === $attempt ) {
			$this->logger->debug( sprintf( '%s was added moments ago; nothing to do.', $name ) );
			$this->remove_stale_names( $name, $site_id );
			return;
		}

		try {
			if ( $this->wildcards->covers( $name ) ) {
				$this->logger->info( sprintf( '%s is served by the web app\'s wildcard domain; no call needed.', $name ) );
				$this->state->mark_recent( 'add', $name );
				return;
			}

			$www         = 'domain' === $kind && $this->wants_www( $raw, $name );
			$redirection = $www ? 'non-www' : 'none';

			/**
			 * Filters the redirection of a new alias (none, www, non-www).
			 *
			 * @param string $redirection Redirection.
			 * @param string $name        Domain.
			 * @param bool   $www         Whether www is served too.
			 */
			$redirection = $this->redirection( apply_filters( 'wu_runcloud_domain_redirection', $redirection, $name, $www ), $redirection, $name );

			$created = $this->connector->client()->addDomain( $name, $www, $redirection, 'alias' );
		} catch ( Not_Ready_Exception $e ) {
			$this->not_ready( sprintf( 'Could not add %s %s: %s.', $kind, $name, $e->getMessage() ) );
		} catch ( \Throwable $e ) {
			$this->retry->handle(
				sprintf( 'add %s %s', $kind, $name ),
				$e,
				$attempt,
				function ( $delay, $next ) use ( $kind, $name, $site_id ) {
					$this->queue->schedule( $delay, self::RETRY_HOOK, array( 'add-' . $kind, $name, $site_id, $next ) );
				}
			);
			return;
		}

		$stored = Domain_Name::normalize( $created->name );
		$stored = '' === $stored ? $name : $stored;

		// A certificate asked for before this add ran (Ultimate Multisite's DNS stage can pass while the
		// add is still queued) is asked for again below, whatever this plugin's own DNS check says.
		$wanted = $this->ssl->is_pending( $stored );
		$this->state->track( $stored, $site_id );
		$this->ids->remember( $stored, (int) $created->id );
		$this->state->mark_recent( 'add', $stored );
		$this->state->clear_recent( 'remove', $stored );
		$this->ssl->forget( $stored );

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
	 * @param string   $kind    'domain' or 'subdomain'.
	 * @param string   $raw     Name as received.
	 * @param int|null $site_id Site.
	 * @param int      $attempt Attempts made before.
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function remove( $kind, $raw, $site_id, $attempt ) {
		$name = Domain_Name::normalize( $raw );
		if ( '' === $name ) {
			$this->logger->error( sprintf( 'Ignoring %s removal for "%s": not a valid host name.', $kind, (string) $raw ) );
			return;
		}

		if ( $this->is_network_domain( $name ) ) {
			$this->logger->warning( sprintf( 'Not removing %s: it is the network\'s own domain.', $name ) );
			return;
		}

		if ( $this->state->is_recent( 'remove', $name ) && 0 === $attempt ) {
			$this->logger->debug( sprintf( '%s was removed moments ago; nothing to do.', $name ) );
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
				$this->forget( $name );
				return;
			}

			$removed = $this->remove_on_runcloud( $name );
		} catch ( Not_Ready_Exception $e ) {
			$this->not_ready( sprintf( 'Could not remove %s %s: %s.', $kind, $name, $e->getMessage() ) );
		} catch ( \Throwable $e ) {
			$this->retry->handle(
				sprintf( 'remove %s %s', $kind, $name ),
				$e,
				$attempt,
				function ( $delay, $next ) use ( $kind, $name, $site_id ) {
					$this->queue->schedule( $delay, self::RETRY_HOOK, array( 'remove-' . $kind, $name, (int) $site_id, $next ) );
				}
			);
			return;
		}

		$this->forget( $name );
		$this->state->mark_recent( 'remove', $name );

		$this->logger->domain(
			$name,
			'info',
			$removed
				? sprintf( 'Removed %s %s from RunCloud (its certificate goes with it).', $kind, $name )
				: sprintf( '%s was not on RunCloud; nothing to remove.', $name )
		);
	}

	/**
	 * One DELETE by the remembered id; the name (a lookup, then DELETE) when no id is known or the id
	 * is stale (RunCloud answers 404 for it). RunCloud deletes the domain's certificate with it.
	 *
	 * @param string $name Normalised name.
	 * @return bool Whether it was there.
	 * @throws \RunCloud\Exception|Not_Ready_Exception On failure.
	 */
	private function remove_on_runcloud( $name ) {
		$client = $this->connector->client();
		$id     = $this->ids->get( $name );
		if ( $id > 0 && $client->removeDomain( $id ) ) {
			return true;
		}

		return $client->removeDomain( $name );
	}

	/**
	 * After an add: names this plugin added earlier for the same site that no domain record holds
	 * any more are the old names of renamed records. They are removed, so a rename does not leave
	 * the old name served forever.
	 *
	 * @param string $current Name just added.
	 * @param int    $site_id Site.
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	private function remove_stale_names( $current, $site_id ) {
		if ( $site_id <= 0 || ! $this->mapped->available() ) {
			return;
		}

		$still_mapped = $this->mapped->for_site( $site_id );
		$network      = array_keys( $this->mapped->network_names() );

		foreach ( $this->state->tracked_for_site( $site_id ) as $old ) {
			if ( Domain_Name::equals( $old, $current ) || in_array( $old, $still_mapped, true ) || in_array( $old, $network, true ) ) {
				continue;
			}
			if ( $this->mapped->is_mapped( $old ) ) {
				continue; // Moved to another site rather than renamed.
			}
			$this->logger->info( sprintf( '%s replaced %s on site %d; removing the old name.', $current, $old, $site_id ) );
			$this->remove( 'domain', $old, $site_id, 0 );
		}
	}

	/**
	 * The settings are incomplete: nothing can work until the admin fixes them, so the job fails
	 * visibly instead of being retried.
	 *
	 * @param string $message Message.
	 * @return void
	 * @throws Job_Failed_Exception Always.
	 */
	private function not_ready( $message ) {
		$this->logger->error( $message );

		throw new Job_Failed_Exception( $this->logger->scrub( 'RunCloud: ' . $message ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
	}

	/**
	 * Forgets everything about a name.
	 *
	 * @param string $name Name.
	 * @return void
	 */
	private function forget( $name ) {
		$this->state->untrack( $name );
		$this->ids->forget( $name );
		$this->state->clear_recent( 'add', $name );
		$this->ssl->forget( $name );
	}

	/**
	 * The filtered redirection when RunCloud takes it (none, www, non-www), else the default, with a
	 * warning: a filter's mistake must not cost the domain its add.
	 *
	 * @param mixed  $filtered What the filter returned.
	 * @param string $default  The redirection this plugin chose.
	 * @param string $name     Domain.
	 * @return string
	 */
	private function redirection( $filtered, $default, $name ) {
		if ( is_string( $filtered ) && in_array( $filtered, self::REDIRECTIONS, true ) ) {
			return $filtered;
		}

		$this->logger->warning(
			sprintf(
				'The filter wu_runcloud_domain_redirection gave %s for %s, which is not one of %s; using "%s".',
				is_scalar( $filtered ) ? '"' . (string) $filtered . '"' : get_debug_type( $filtered ),
				$name,
				implode( ', ', self::REDIRECTIONS ),
				$default
			)
		);

		return $default;
	}

	/**
	 * Whether $name is one of the network's own domains (never to be removed by an event).
	 *
	 * @param string $name Name.
	 * @return bool
	 */
	private function is_network_domain( $name ) {
		$network = function_exists( 'get_network' ) ? get_network() : null;

		return $network && Domain_Name::equals( $network->domain, $name );
	}

	/**
	 * The admin's www choice (Ultimate Multisite's "auto_create_www_subdomain").
	 *
	 * @param string $raw  Name as received.
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function wants_www( $raw, $name ) {
		$www = false;

		if ( 0 === strpos( $name, 'www.' ) ) {
			$www = false;
		} elseif ( class_exists( '\WP_Ultimo\Managers\Domain_Manager' ) && method_exists( '\WP_Ultimo\Managers\Domain_Manager', 'get_instance' ) ) {
			$manager = \WP_Ultimo\Managers\Domain_Manager::get_instance();
			if ( is_object( $manager ) && method_exists( $manager, 'should_create_www_subdomain' ) ) {
				$www = (bool) $manager->should_create_www_subdomain( $raw );
			}
		}

		/**
		 * Filters whether RunCloud should also serve www.<domain>.
		 *
		 * @param bool   $www  Whether to.
		 * @param string $name Domain.
		 */
		return (bool) apply_filters( 'wu_runcloud_create_www', $www, $name );
	}
}
