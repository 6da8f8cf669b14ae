<?php
/**
 * The integration's network options, under one prefix.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * A small store over network options, all named PREFIX + name so that uninstall finds every one. Who writes what: the ledger
 * (tracked names, per-name rows), the SSL classes (mode, strategy, redeploy state, the guard's findings), the wildcard cache, the
 * reconcile's last report.
 */
final class State {

	const PREFIX = 'wu_runcloud_';

	/**
	 * Reads one option.
	 *
	 * @param string $name     Name without prefix.
	 * @param mixed  $fallback Value when it is not set.
	 */
	public function get( string $name, mixed $fallback = array() ): mixed {
		return get_network_option( null, self::PREFIX . $name, $fallback ) ?? $fallback;
	}

	/**
	 * Writes one option.
	 *
	 * @param string $name  Name without prefix.
	 * @param mixed  $value Value.
	 */
	public function set( string $name, mixed $value ): void {
		update_network_option( null, self::PREFIX . $name, $value );
	}

	/**
	 * Deletes one option.
	 *
	 * @param string $name Name without prefix.
	 */
	public function delete( string $name ): void {
		delete_network_option( null, self::PREFIX . $name );
	}

	/**
	 * Changes one option under a database lock: read, change, write, with no other process in between. Several queue workers
	 * change the same option (the tracked names, the pending redeploys); a plain read and write would lose the other workers'
	 * changes made meanwhile. The lock is MariaDB's named lock (GET_LOCK), held for the few milliseconds of the change; the value
	 * is read from the database, not from this request's option cache, which may be older than the last worker's write.
	 *
	 * @param string   $name   Name without prefix.
	 * @param callable $change Receives the value (an array), returns the new one.
	 */
	public function update( string $name, callable $change ): void {
		global $wpdb;

		$lock   = self::PREFIX . get_current_network_id() . '_' . $name;
		$locked = (bool) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 10)', $lock ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a lock, not data.
		try {
			wp_cache_delete( get_current_network_id() . ':' . self::PREFIX . $name, 'site-options' );
			wp_cache_delete( get_current_network_id() . ':notoptions', 'site-options' );
			$this->set( $name, $change( (array) $this->get( $name ) ) );
		} finally {
			if ( $locked ) {
				$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $lock ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a lock, not data.
			}
		}
	}

	/**
	 * Values of every option whose name (without prefix) starts with $start: the per-name rows, in one query. For status pages
	 * and migrations, never for one domain's job.
	 *
	 * @param string $start Start of the name without prefix.
	 * @return array<int, mixed>
	 */
	public function rows( string $start ): array {
		global $wpdb;

		$like = $wpdb->esc_like( self::PREFIX . $start ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a prefix search; the options API has none.
		$values = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->sitemeta} WHERE site_id = %d AND meta_key LIKE %s", get_current_network_id(), $like ) );
		return array_map( 'maybe_unserialize', $values );
	}

	/**
	 * Deletes everything the integration stored, transients included (uninstall, tests). The per-name rows and marks have hashed
	 * names, so they are found by prefix.
	 */
	public function delete_all(): void {
		global $wpdb;

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a prefix delete; the options API has none.
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s OR meta_key LIKE %s OR meta_key LIKE %s",
				$wpdb->esc_like( self::PREFIX ) . '%',
				$wpdb->esc_like( '_site_transient_' . self::PREFIX ) . '%',
				$wpdb->esc_like( '_site_transient_timeout_' . self::PREFIX ) . '%'
			)
		);
		wp_cache_flush();
	}
}
