<?php
/**
 * The network's side of the truth: which names should RunCloud serve.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;

defined( 'ABSPATH' ) || exit;

/**
 * Reads Ultimate Multisite's domain records (through its public wu_get_domains()) and the network's
 * own site addresses. Everything returned is normalised.
 */
final class Mapped_Domains {

	const PAGE = 200;

	/**
	 * Whether Ultimate Multisite's domain records can be read.
	 *
	 * @return bool
	 */
	public function available() {
		return function_exists( 'wu_get_domains' );
	}

	/**
	 * Every mapped domain of the network: name => site id.
	 *
	 * @param callable|null $tick Called once per page read, for progress bars.
	 * @return array<string, int>
	 */
	public function all( $tick = null ) {
		$names = array();

		if ( $this->available() ) {
			$offset = 0;
			do {
				$page = wu_get_domains(
					array(
						'number' => self::PAGE,
						'offset' => $offset,
					)
				);
				$page = is_array( $page ) ? $page : array();
				foreach ( $page as $record ) {
					$name = $this->name_of( $record );
					if ( '' !== $name ) {
						$names[ $name ] = $this->site_of_record( $record );
					}
				}
				$offset += self::PAGE;
				if ( $tick ) {
					call_user_func( $tick );
				}
			} while ( count( $page ) === self::PAGE );
		}

		/**
		 * Filters the mapped domains the reconcile makes RunCloud match (name => site id).
		 *
		 * @param array<string, int> $names Names.
		 */
		return (array) apply_filters( 'wu_runcloud_mapped_domains', $names );
	}

	/**
	 * Mapped domains of one site.
	 *
	 * @param int $site_id Site.
	 * @return string[]
	 */
	public function for_site( $site_id ) {
		$names = array();
		if ( ! $this->available() ) {
			return $names;
		}

		$records = wu_get_domains(
			array(
				'blog_id' => (int) $site_id,
				'number'  => 1000,
			)
		);
		foreach ( (array) $records as $record ) {
			$name = $this->name_of( $record );
			if ( '' !== $name ) {
				$names[] = $name;
			}
		}

		return $names;
	}

	/**
	 * Site of a mapped domain, or 0 when unknown.
	 *
	 * @param string $name Normalised name.
	 * @return int
	 */
	public function site_of( $name ) {
		if ( function_exists( 'wu_get_domain_by_domain' ) ) {
			$record = wu_get_domain_by_domain( $name );
			if ( $record ) {
				return $this->site_of_record( $record );
			}
		}

		return 0;
	}

	/**
	 * Whether a name is still mapped by some record.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_mapped( $name ) {
		if ( ! $this->available() ) {
			return false;
		}
		if ( function_exists( 'wu_get_domain_by_domain' ) && wu_get_domain_by_domain( $name ) ) {
			return true;
		}

		// A record may hold the name as the customer typed it (an IDN in Unicode, say): compared
		// normalised. Only reached when the direct lookup found nothing, which is rare.
		return isset( $this->all()[ $name ] );
	}

	/**
	 * Domains of the current network itself: its domain and, on subdomain installs, every site's
	 * address. They must never be pruned from RunCloud by a reconcile.
	 *
	 * @return array<string, int> name => site id
	 */
	public function network_names() {
		global $wpdb;

		$names   = array();
		$network = get_network();
		if ( ! $network ) {
			return $names;
		}

		$main = Domain_Name::normalize( $network->domain );
		if ( '' !== $main ) {
			$names[ $main ] = (int) get_main_site_id( $network->id );
		}

		if ( is_subdomain_install() ) {
			$rows = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
				$wpdb->prepare( "SELECT blog_id, domain FROM {$wpdb->blogs} WHERE site_id = %d AND deleted = 0", $network->id )
			);
			foreach ( (array) $rows as $row ) {
				$name = Domain_Name::normalize( $row->domain );
				if ( '' !== $name && ! isset( $names[ $name ] ) ) {
					$names[ $name ] = (int) $row->blog_id;
				}
			}
		}

		return $names;
	}

	/**
	 * One page of the domain records, newest first, and how many match (the admin's table).
	 *
	 * @param string $search   Text to search for ('' for every record).
	 * @param int    $per_page Records per page.
	 * @param int    $page     Page, from 1.
	 * @return array{total: int, records: list<object>}
	 */
	public function search( string $search, int $per_page, int $page ): array {
		if ( ! $this->available() ) {
			return array(
				'total'   => 0,
				'records' => array(),
			);
		}
		$query = '' === $search ? array() : array( 'search' => $search );

		return array(
			'total'   => (int) wu_get_domains( $query + array( 'count' => true ) ),
			'records' => array_values(
				(array) wu_get_domains(
					$query + array(
						'number'  => $per_page,
						'offset'  => ( $page - 1 ) * $per_page,
						'orderby' => 'id',
						'order'   => 'DESC',
					)
				)
			),
		);
	}

	/**
	 * Normalised name of a domain record.
	 *
	 * @param mixed $record Ultimate Multisite Domain object (or array in filters).
	 * @return string
	 */
	private function name_of( $record ) {
		if ( is_object( $record ) && method_exists( $record, 'get_domain' ) ) {
			return Domain_Name::normalize( $record->get_domain() );
		}
		if ( is_array( $record ) && isset( $record['domain'] ) ) {
			return Domain_Name::normalize( $record['domain'] );
		}

		return '';
	}

	/**
	 * Site of a domain record.
	 *
	 * @param mixed $record Record.
	 * @return int
	 */
	private function site_of_record( $record ) {
		if ( is_object( $record ) && method_exists( $record, 'get_site_id' ) ) {
			return (int) $record->get_site_id();
		}
		if ( is_array( $record ) && isset( $record['blog_id'] ) ) {
			return (int) $record['blog_id'];
		}

		return 0;
	}
}
