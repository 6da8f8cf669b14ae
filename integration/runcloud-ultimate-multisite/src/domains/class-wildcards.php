<?php
/**
 * Is a network subdomain already served by a wildcard domain of the web app?
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * A multisite on subdomains normally runs one web app answering "*.network.tld". Then a new site needs no API call at all.
 * Whether "*.network.tld" exists is asked once (one filtered lookup) and remembered, so creating sites costs nothing afterwards;
 * the reconcile and the connection test refresh the answer.
 */
final class Wildcards {

	const OPTION = 'wildcards';

	/**
	 * Builds the cache.
	 *
	 * @param State     $state     Option store.
	 * @param Connector $connector RunCloud client.
	 * @param Settings  $settings  Settings (answers belong to the configured web app).
	 */
	public function __construct( private readonly State $state, private readonly Connector $connector, private readonly Settings $settings ) {}

	/**
	 * The wildcard that would serve $name on this network ("*.network.tld"), or '' when $name is not exactly one label below one
	 * of the network's domains. Compared in lower case, without the extension: the network's domains are host names WordPress
	 * already keeps in ASCII.
	 *
	 * @param string $name Name, lower case.
	 */
	public function candidate( string $name ): string {
		$parent = self::parent( $name );
		$bases  = function_exists( 'get_network' ) && get_network() ? array( get_network()->domain ) : array();

		/**
		 * Filters the domains whose "*." wildcard may cover names (default: the network's domain).
		 *
		 * @param string[] $bases Domains.
		 */
		foreach ( (array) apply_filters( 'wu_runcloud_wildcard_bases', $bases ) as $base ) {
			$base = Mapped_Domains::host( (string) $base );
			if ( '' !== $parent && $parent === $base ) {
				return '*.' . $base;
			}
		}
		return '';
	}

	/**
	 * The parent of a name ("a.example.com" gives "example.com"), or '' for a top-level name. A wildcard "*.example.com" serves
	 * exactly the names whose parent is "example.com": its certificate does not cover a.b.example.com.
	 *
	 * @param string $name Normalised name.
	 */
	public static function parent( string $name ): string {
		$pos = strpos( $name, '.' );
		return false === $pos ? '' : substr( $name, $pos + 1 );
	}

	/**
	 * Whether a wildcard domain of the web app serves $name (asks RunCloud when the answer is unknown or older than
	 * wu_runcloud_wildcard_ttl).
	 *
	 * @param string $name Name, lower case.
	 * @throws \RunCloud\Exception When the lookup fails.
	 */
	public function covers( string $name ): bool {
		$candidate = $this->candidate( $name );
		if ( '' === $candidate ) {
			return false;
		}
		$entry = $this->entry( $candidate );
		$ttl   = (int) apply_filters( 'wu_runcloud_wildcard_ttl', 12 * HOUR_IN_SECONDS );
		if ( null !== $entry && time() - (int) ( $entry['time'] ?? 0 ) < $ttl ) {
			return ! empty( $entry['exists'] );
		}
		return $this->refresh( $candidate );
	}

	/**
	 * The remembered answer only (status pages make no call): null when nothing is remembered.
	 *
	 * @param string $name Name, lower case.
	 */
	public function remembered( string $name ): ?bool {
		$candidate = $this->candidate( $name );
		if ( '' === $candidate ) {
			return false;
		}
		$entry = $this->entry( $candidate );
		return null === $entry ? null : ! empty( $entry['exists'] );
	}

	/**
	 * Asks RunCloud whether the wildcard exists and remembers the answer.
	 *
	 * @param string $candidate "*.network.tld".
	 * @throws \RunCloud\Exception When the lookup fails.
	 */
	public function refresh( string $candidate ): bool {
		$exists = (bool) $this->connector->client()->findDomain( $candidate )?->wildcard;
		$this->remember( $candidate, $exists );
		return $exists;
	}

	/**
	 * Stores a known answer.
	 *
	 * @param string $candidate Wildcard name.
	 * @param bool   $exists    Whether the web app has it.
	 */
	public function remember( string $candidate, bool $exists ): void {
		$cache               = (array) $this->state->get( self::OPTION );
		$cache[ $candidate ] = array(
			'exists' => $exists,
			'time'   => time(),
			'key'    => $this->settings->webapp_key(),
		);
		$this->state->set( self::OPTION, $cache );
	}

	/** Forgets every remembered answer. */
	public function forget(): void {
		$this->state->set( self::OPTION, array() );
	}

	/**
	 * The remembered entry of $candidate for the configured web app, or null.
	 *
	 * @param string $candidate Wildcard name.
	 * @return array<string, mixed>|null
	 */
	private function entry( string $candidate ): ?array {
		$entry = ( (array) $this->state->get( self::OPTION ) )[ $candidate ] ?? null;
		return is_array( $entry ) && ( $entry['key'] ?? '' ) === $this->settings->webapp_key() ? $entry : null;
	}
}
