<?php
/**
 * What the integration remembers between requests.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Storage;

use RunCloud_Ultimate_Multisite\Ssl\Domain_Certificates;
use RunCloud_Ultimate_Multisite\Domains\Domain_Ids;

defined( 'ABSPATH' ) || exit;

/**
 * Network options of the integration, all under one prefix so uninstall can find them.
 *
 * - tracked:   name => [site, time] of every alias this plugin added. Ultimate Multisite only tells
 *              the new name when a domain is renamed, so this map is how the old one is found.
 * - ssl:       pending redeploy requests, names already covered by a redeploy, retry attempt.
 * - ssl_guard: what the basic-mode guard found (a redeploy not sent, names near the limit).
 * - wildcards: wildcard lookups ("*.network.tld" exists or not), cached.
 * - last_sync: summary of the last reconcile.
 * - ssl_strategy, ssl_mode: the certificate strategy set on the admin page, the web app's SSL mode.
 * - id_<md5>, cert_<md5>: one row per name (its RunCloud id; its own certificate's state), so
 *              concurrent queue workers never rewrite each other's rows.
 */
final class State {

	const PREFIX = 'wu_runcloud_';

	/**
	 * Reads one option.
	 *
	 * @param string $name    Name without prefix.
	 * @param mixed  $default Default.
	 * @return mixed
	 */
	public function get( $name, $default = array() ) {
		$value = get_network_option( null, self::PREFIX . $name, $default );

		return null === $value ? $default : $value;
	}

	/**
	 * Writes one option.
	 *
	 * @param string $name  Name without prefix.
	 * @param mixed  $value Value.
	 * @return void
	 */
	public function set( $name, $value ) {
		update_network_option( null, self::PREFIX . $name, $value );
	}

	/**
	 * Changes one option under a database lock: read, change, write, with no other process in between.
	 * Several queue workers change the same option (the tracked names, the pending redeploys); a plain
	 * read and write would lose the other workers' changes made meanwhile. The lock is MariaDB's named
	 * lock (GET_LOCK), held for the few milliseconds of the change; the value is read from the database,
	 * not from this request's option cache, which may be older than the last worker's write.
	 *
	 * @param string   $name   Name without prefix.
	 * @param callable $change Receives the value (array), returns the new one.
	 * @return void
	 */
	public function update( $name, callable $change ) {
		global $wpdb;

		$lock   = 'wu_runcloud_' . get_current_network_id() . '_' . $name;
		$locked = (bool) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 10)', $lock ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		try {
			wp_cache_delete( get_current_network_id() . ':' . self::PREFIX . $name, 'site-options' );
			wp_cache_delete( get_current_network_id() . ':notoptions', 'site-options' );
			$this->set( $name, $change( (array) $this->get( $name ) ) );
		} finally {
			if ( $locked ) {
				$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $lock ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			}
		}
	}

	/**
	 * Deletes one option.
	 *
	 * @param string $name Name without prefix.
	 * @return void
	 */
	public function delete( $name ) {
		delete_network_option( null, self::PREFIX . $name );
	}

	/**
	 * Values of every option whose name (without prefix) starts with $start, e.g. the per-name rows.
	 * One query; for status pages and migrations, never for one domain's job.
	 *
	 * @param string $start Start of the name without prefix.
	 * @return array<int, mixed>
	 */
	public function rows( $start ) {
		global $wpdb;

		$like = $wpdb->esc_like( self::PREFIX . $start ) . '%';
		if ( is_multisite() ) {
			$values = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->sitemeta} WHERE site_id = %d AND meta_key LIKE %s", get_current_network_id(), $like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		} else {
			$values = $wpdb->get_col( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE %s", $like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}

		return array_map( 'maybe_unserialize', (array) $values );
	}

	/**
	 * Remembers that this plugin added $name for $site_id.
	 *
	 * @param string   $name    Normalised name.
	 * @param int|null $site_id Site.
	 * @return void
	 */
	public function track( $name, $site_id ) {
		$this->update(
			'tracked',
			function ( $tracked ) use ( $name, $site_id ) {
				$tracked[ $name ] = array(
					'site' => (int) $site_id,
					'time' => time(),
				);
				return $tracked;
			}
		);
	}

	/**
	 * Forgets $name.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function untrack( $name ) {
		if ( ! isset( $this->tracked()[ $name ] ) ) {
			return;  // Nothing to change: no lock, no write.
		}
		$this->update(
			'tracked',
			function ( $tracked ) use ( $name ) {
				unset( $tracked[ $name ] );
				return $tracked;
			}
		);
	}

	/**
	 * All tracked names.
	 *
	 * @return array<string, array{site: int, time: int}>
	 */
	public function tracked() {
		return (array) $this->get( 'tracked' );
	}

	/**
	 * Names this plugin added for one site.
	 *
	 * @param int $site_id Site.
	 * @return string[]
	 */
	public function tracked_for_site( $site_id ) {
		$names = array();
		foreach ( $this->tracked() as $name => $info ) {
			if ( (int) ( $info['site'] ?? 0 ) === (int) $site_id ) {
				$names[] = (string) $name;
			}
		}

		return $names;
	}

	/**
	 * Marks an operation on a name as just done, so the twin event Ultimate Multisite fires for the
	 * same name (wu_add_subdomain and wu_add_domain both fire for a new site's subdomain) costs no call.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 * @param int    $ttl  Seconds.
	 * @return void
	 */
	public function mark_recent( $op, $name, $ttl = 300 ) {
		set_site_transient( self::PREFIX . 'recent_' . md5( $op . '|' . $name ), time(), $ttl );
	}

	/**
	 * Whether mark_recent() was called for this operation and name within its ttl.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 * @return bool
	 */
	public function is_recent( $op, $name ) {
		return false !== get_site_transient( self::PREFIX . 'recent_' . md5( $op . '|' . $name ) );
	}

	/**
	 * Clears a recent mark.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 * @return void
	 */
	public function clear_recent( $op, $name ) {
		delete_site_transient( self::PREFIX . 'recent_' . md5( $op . '|' . $name ) );
	}

	/**
	 * Deletes everything the integration stored (uninstall, tests).
	 *
	 * @return void
	 */
	public function delete_all() {
		global $wpdb;

		foreach ( array( 'tracked', 'ssl', 'ssl_guard', 'wildcards', 'last_sync', 'notice', 'ssl_strategy', 'ssl_mode', 'names' ) as $name ) {
			delete_network_option( null, self::PREFIX . $name );
		}

		// The per-name rows (Domain_Ids, Domain_Certificates): hashed names, found by prefix.
		foreach ( array( Domain_Ids::PREFIX, Domain_Certificates::PREFIX ) as $start ) {
			if ( is_multisite() ) {
				$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", $wpdb->esc_like( self::PREFIX . $start ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			} else {
				$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( self::PREFIX . $start ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			}
		}

		// Transients of mark_recent(): the names are hashed, so find them by prefix.
		if ( is_multisite() ) {
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
				$wpdb->prepare(
					"DELETE FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s OR meta_key LIKE %s",
					$wpdb->esc_like( '_site_transient_' . self::PREFIX ) . '%',
					$wpdb->esc_like( '_site_transient_timeout_' . self::PREFIX ) . '%'
				)
			);
		} else {
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
				$wpdb->prepare(
					"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
					$wpdb->esc_like( '_site_transient_' . self::PREFIX ) . '%',
					$wpdb->esc_like( '_site_transient_timeout_' . self::PREFIX ) . '%'
				)
			);
		}
		wp_cache_flush();
	}
}
