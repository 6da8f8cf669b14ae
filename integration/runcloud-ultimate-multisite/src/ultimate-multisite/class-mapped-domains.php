<?php
/**
 * The network's side of the truth: which names should RunCloud serve.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;

defined( 'ABSPATH' ) || exit;

/**
 * Reads Ultimate Multisite's domain records (through its public functions) and the network's own site addresses: the one read
 * model of them the other classes use. Names returned are normalised.
 */
final class Mapped_Domains {

	const PAGE = 200;

	/**
	 * A name as Ultimate Multisite holds it and looks it up: trimmed, lower-cased, without a trailing dot, and without asking the
	 * extension (Domain_Name::normalize() starts from it).
	 *
	 * @param string $name A host name, or a URL pasted into a domain field.
	 */
	public static function host( string $name ): string {
		$name = trim( $name );
		if ( str_contains( $name, '://' ) ) {
			$name = (string) wp_parse_url( $name, PHP_URL_HOST );
		}
		return mb_strtolower( rtrim( $name, '.' ), 'UTF-8' );
	}

	/** Whether Ultimate Multisite's domain records can be read. */
	public function available(): bool {
		return function_exists( 'wu_get_domains' );
	}

	/**
	 * Every mapped domain of the network: name => site id.
	 *
	 * @param (callable(): void)|null $tick Called once per page read, for progress bars.
	 * @return array<string, int>
	 */
	public function all( ?callable $tick = null ): array {
		$names  = array();
		$offset = 0;
		while ( $this->available() ) {
			$page    = (array) wu_get_domains(
				array(
					'number' => self::PAGE,
					'offset' => $offset,
				)
			);
			$names   = $this->names_of( $page ) + $names;
			$offset += self::PAGE;
			if ( $tick ) {
				$tick();
			}
			if ( count( $page ) !== self::PAGE ) {
				break;
			}
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
	public function for_site( int $site_id ): array {
		if ( ! $this->available() ) {
			return array();
		}
		$records = wu_get_domains(
			array(
				'blog_id' => $site_id,
				'number'  => 1000,
			)
		);
		return array_map( 'strval', array_keys( $this->names_of( (array) $records ) ) );
	}

	/**
	 * Mapped domains at Ultimate Multisite's DNS stage: name => 'checking-dns' (still checked) or 'failed' (it gave up).
	 *
	 * @return array<string, string>
	 */
	public function at_dns_stage(): array {
		$stages = array();
		if ( $this->available() ) {
			$records = wu_get_domains(
				array(
					'stage__in' => array( 'checking-dns', 'failed' ),
					'number'    => 10000,
				)
			);
			foreach ( (array) $records as $record ) {
				$name = Domain_Name::normalize( (string) $record->get_domain() );
				if ( '' !== $name ) {
					$stages[ $name ] = (string) $record->get_stage();
				}
			}
		}
		return $stages;
	}

	/**
	 * Ultimate Multisite's record of $name (its domain model), or null.
	 *
	 * @param string $name Name.
	 */
	public function record( string $name ): ?\WP_Ultimo\Models\Domain {
		$record = function_exists( 'wu_get_domain_by_domain' ) ? wu_get_domain_by_domain( $name ) : null;
		return $record instanceof \WP_Ultimo\Models\Domain ? $record : null;
	}

	/**
	 * Site of a mapped domain, or 0 when unknown.
	 *
	 * @param string $name Name.
	 */
	public function site_of( string $name ): int {
		return (int) $this->record( $name )?->get_site_id();
	}

	/**
	 * Whether a name is still mapped by some record.
	 *
	 * @param string $name Name.
	 */
	public function is_mapped( string $name ): bool {
		// A record may hold the name as typed (an IDN in Unicode, say): compared normalised; reached only when the lookup failed.
		return $this->available() && ( null !== $this->record( $name ) || isset( $this->all()[ $name ] ) );
	}

	/**
	 * Whether Ultimate Multisite's setting "auto_create_www_subdomain" wants www.<name> served too.
	 *
	 * @param string $name Name as Ultimate Multisite has it.
	 */
	public function creates_www( string $name ): bool {
		return method_exists( '\WP_Ultimo\Managers\Domain_Manager', 'should_create_www_subdomain' )
			&& \WP_Ultimo\Managers\Domain_Manager::get_instance()->should_create_www_subdomain( $name );
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
	 * Domains of the current network itself: its domain and, on subdomain installs, every site's address. They must never be
	 * pruned from RunCloud by a reconcile.
	 *
	 * @return array<string, int> name => site id
	 */
	public function network_names(): array {
		global $wpdb;

		$network = get_network();
		if ( ! $network ) {
			return array();
		}
		$names = array();
		$main  = Domain_Name::normalize( $network->domain );
		if ( '' !== $main ) {
			$names[ $main ] = (int) get_main_site_id( $network->id );
		}
		if ( is_subdomain_install() ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- every site's address in one query; get_sites() would build every WP_Site.
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT blog_id, domain FROM {$wpdb->blogs} WHERE site_id = %d AND deleted = 0", $network->id ) );
			foreach ( (array) $rows as $row ) {
				$name = Domain_Name::normalize( (string) $row->domain );
				if ( '' !== $name && ! isset( $names[ $name ] ) ) {
					$names[ $name ] = (int) $row->blog_id;
				}
			}
		}
		return $names;
	}

	/**
	 * Normalised names of domain records (Ultimate Multisite's Domain objects, or arrays from filters).
	 *
	 * @param array<mixed> $records Records.
	 * @return array<string, int> name => site id
	 */
	private function names_of( array $records ): array {
		$names = array();
		foreach ( $records as $record ) {
			if ( $record instanceof \WP_Ultimo\Models\Domain ) {
				$name = Domain_Name::normalize( (string) $record->get_domain() );
				$site = (int) $record->get_site_id();
			} else {
				$row  = (array) $record;
				$name = Domain_Name::normalize( (string) ( $row['domain'] ?? '' ) );
				$site = (int) ( $row['blog_id'] ?? 0 );
			}
			if ( '' !== $name ) {
				$names[ $name ] = $site;
			}
		}
		return $names;
	}
}
