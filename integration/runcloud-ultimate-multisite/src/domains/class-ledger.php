<?php
/**
 * Everything the plugin knows about a name, recorded and forgotten in one place.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * What the plugin knows about each name it put on RunCloud:
 *
 * - tracked: name => [site, time] (one option, changed under State's lock). Ultimate Multisite only
 *   tells the new name when a domain is renamed, so this map is how the old one is found.
 * - the RunCloud id (ID + md5 of the name): a removal is one DELETE, a certificate job needs no lookup.
 * - its own certificate's row (CERT + md5): pending, covered or failed, per web app.
 * - recent marks (transients): the twin event Ultimate Multisite fires for the same name
 *   (wu_add_subdomain and wu_add_domain both fire for a new site's subdomain) costs no call.
 *
 * The id and certificate rows are one option per name: queue workers handling different names at once each write their own row,
 * where one option holding every row would keep only the last writer's. Whatever else holds state about a name (the basic
 * certificate's pending redeploys) listens to FORGOTTEN.
 */
final class Ledger {

	const FORGOTTEN = 'wu_runcloud_name_forgotten';
	const ID        = 'id_';
	const CERT      = 'cert_';
	const RECENT    = 300;

	/**
	 * Builds the ledger.
	 *
	 * @param State    $state    Option store.
	 * @param Settings $settings Settings (rows belong to the configured web app).
	 */
	public function __construct( private readonly State $state, private readonly Settings $settings ) {}

	/**
	 * RunCloud has $name now (added by an event, the reconcile or the command line): tracked for its site, its id kept, the twin
	 * event muted, and any certificate state of an earlier life dropped (RunCloud deletes a domain's certificate with the
	 * domain).
	 *
	 * @param string $name    Normalised name.
	 * @param int    $site_id Site, 0 when unknown.
	 * @param int    $id      RunCloud domain id, 0 when unknown.
	 */
	public function record_added( string $name, int $site_id, int $id ): void {
		$this->state->update(
			'tracked',
			static function ( array $tracked ) use ( $name, $site_id ): array {
				$tracked[ $name ] = array(
					'site' => $site_id,
					'time' => time(),
				);
				return $tracked;
			}
		);
		$this->remember_id( $name, $id );
		$this->mark_recent( 'add', $name );
		delete_site_transient( self::recent_key( 'remove', $name ) );
		$this->forget_certificate( $name );
		do_action( 'wu_runcloud_name_forgotten', $name ); // FORGOTTEN.
	}

	/**
	 * Forgets everything about $name: it is not on RunCloud any more, or a wildcard serves it.
	 *
	 * @param string $name Normalised name.
	 */
	public function forget( string $name ): void {
		if ( isset( $this->tracked()[ $name ] ) ) {
			$this->state->update(
				'tracked',
				static function ( array $tracked ) use ( $name ): array {
					unset( $tracked[ $name ] );
					return $tracked;
				}
			);
		}
		$this->forget_id( $name );
		$this->forget_certificate( $name );
		delete_site_transient( self::recent_key( 'add', $name ) );
		do_action( 'wu_runcloud_name_forgotten', $name ); // FORGOTTEN.
	}

	/**
	 * Every tracked name.
	 *
	 * @return array<string, array{site: int, time: int}>
	 */
	public function tracked(): array {
		return (array) $this->state->get( 'tracked' );
	}

	/**
	 * Remembers $name's id on the configured web app (the migration reads ids from a listing).
	 *
	 * @param string $name Normalised name.
	 * @param int    $id   RunCloud domain id; 0 or less is ignored.
	 */
	public function remember_id( string $name, int $id ): void {
		if ( $id > 0 ) {
			$this->write( self::ID, $name, array( 'id' => $id ) );
		}
	}

	/**
	 * $name's id on the configured web app, 0 when unknown.
	 *
	 * @param string $name Normalised name.
	 */
	public function id( string $name ): int {
		return max( 0, (int) ( $this->read( self::ID, $name )['id'] ?? 0 ) );
	}

	/**
	 * Forgets a stale id (RunCloud answered 404 for it).
	 *
	 * @param string $name Normalised name.
	 */
	public function forget_id( string $name ): void {
		$this->state->delete( self::ID . md5( $name ) );
	}

	/**
	 * Whether $op ('add', 'remove') was done on $name in the last RECENT seconds.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 */
	public function is_recent( string $op, string $name ): bool {
		return false !== get_site_transient( self::recent_key( $op, $name ) );
	}

	/**
	 * Marks $op on $name as just done.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 */
	public function mark_recent( string $op, string $name ): void {
		set_site_transient( self::recent_key( $op, $name ), time(), self::RECENT );
	}

	/**
	 * $name's own certificate row on the configured web app, or null.
	 *
	 * @param string $name Normalised name.
	 * @return array{status: string, time: int, error: string}|null
	 */
	public function certificate( string $name ): ?array {
		$row = $this->read( self::CERT, $name );
		return null === $row ? null : array(
			'status' => (string) ( $row['status'] ?? '' ),
			'time'   => (int) ( $row['time'] ?? 0 ),
			'error'  => (string) ( $row['error'] ?? '' ),
		);
	}

	/**
	 * Writes $name's own certificate row.
	 *
	 * @param string $name   Normalised name.
	 * @param string $status pending|covered|failed.
	 * @param string $error  Why it failed (scrubbed by the caller).
	 */
	public function set_certificate( string $name, string $status, string $error = '' ): void {
		$this->write(
			self::CERT,
			$name,
			array(
				'status' => $status,
				'time'   => time(),
				'error'  => $error,
			)
		);
	}

	/**
	 * Drops $name's own certificate row (a job still queued for it finds none and stops).
	 *
	 * @param string $name Normalised name.
	 */
	public function forget_certificate( string $name ): void {
		$this->state->delete( self::CERT . md5( $name ) );
	}

	/**
	 * How many names of the configured web app have their own certificate covered, pending, failed.
	 *
	 * @return array{covered: int, pending: int, failed: int}
	 */
	public function certificate_counts(): array {
		$counts = array(
			'covered' => 0,
			'pending' => 0,
			'failed'  => 0,
		);
		foreach ( $this->state->rows( self::CERT ) as $row ) {
			$status = is_array( $row ) && ( $row['app'] ?? '' ) === $this->settings->webapp_key() ? (string) ( $row['status'] ?? '' ) : '';
			if ( isset( $counts[ $status ] ) ) {
				++$counts[ $status ];
			}
		}
		return $counts;
	}

	/**
	 * Writes one per-name row, for the configured web app.
	 *
	 * @param string               $kind ID or CERT.
	 * @param string               $name Normalised name.
	 * @param array<string, mixed> $row  Fields.
	 */
	private function write( string $kind, string $name, array $row ): void {
		$this->state->set(
			$kind . md5( $name ),
			array(
				'name' => $name,
				'app'  => $this->settings->webapp_key(),
			) + $row
		);
	}

	/**
	 * One per-name row, or null when there is none for this name on the configured web app.
	 *
	 * @param string $kind ID or CERT.
	 * @param string $name Normalised name.
	 * @return array<string, mixed>|null
	 */
	private function read( string $kind, string $name ): ?array {
		$row = $this->state->get( $kind . md5( $name ) );
		return is_array( $row ) && ( $row['name'] ?? '' ) === $name && ( $row['app'] ?? '' ) === $this->settings->webapp_key() ? $row : null;
	}

	/**
	 * Transient name of a recent mark.
	 *
	 * @param string $op   Operation.
	 * @param string $name Name.
	 */
	private static function recent_key( string $op, string $name ): string {
		return State::PREFIX . 'recent_' . md5( $op . '|' . $name );
	}
}
