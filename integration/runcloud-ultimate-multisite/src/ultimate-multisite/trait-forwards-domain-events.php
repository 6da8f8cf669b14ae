<?php
/**
 * The four domain events, as both adapters receive them.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

defined( 'ABSPATH' ) || exit;

/**
 * Hands Ultimate Multisite's domain events straight to Domain_Sync: the same four methods satisfy the
 * 2.4.11+ capability interface and the 2.4.10 host provider's abstract methods. The using class holds
 * the sync in `$sync`.
 */
trait Forwards_Domain_Events {

	/**
	 * Event wu_add_domain.
	 *
	 * @param mixed $domain  Domain.
	 * @param mixed $site_id Site.
	 */
	public function on_add_domain( mixed $domain, mixed $site_id ): void {
		$this->sync->handle( 'add_domain', (string) $domain, $site_id );
	}

	/**
	 * Event wu_remove_domain.
	 *
	 * @param mixed $domain  Domain.
	 * @param mixed $site_id Site.
	 */
	public function on_remove_domain( mixed $domain, mixed $site_id ): void {
		$this->sync->handle( 'remove_domain', (string) $domain, $site_id );
	}

	/**
	 * Event wu_add_subdomain.
	 *
	 * @param mixed $subdomain Subdomain.
	 * @param mixed $site_id   Site.
	 */
	public function on_add_subdomain( mixed $subdomain, mixed $site_id ): void {
		$this->sync->handle( 'add_subdomain', (string) $subdomain, $site_id );
	}

	/**
	 * Event wu_remove_subdomain.
	 *
	 * @param mixed $subdomain Subdomain.
	 * @param mixed $site_id   Site.
	 */
	public function on_remove_subdomain( mixed $subdomain, mixed $site_id ): void {
		$this->sync->handle( 'remove_subdomain', (string) $subdomain, $site_id );
	}
}
