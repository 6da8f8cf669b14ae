<?php
/**
 * Is a network subdomain already served by a wildcard domain of the web app?
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * A multisite on subdomains normally runs one web app answering "*.network.tld". Then a new site
 * needs no API call at all. Whether "*.network.tld" exists is asked once (one filtered lookup) and
 * remembered, so creating sites costs nothing afterwards; the reconcile and the connection test
 * refresh the answer.
 */
final class Wildcards {

	/**
	 * State.
	 *
	 * @var State
	 */
	private $state;

	/**
	 * Connector.
	 *
	 * @var Connector
	 */
	private $connector;

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param State     $state     State.
	 * @param Connector $connector Connector.
	 * @param Settings  $settings  Settings.
	 */
	public function __construct( State $state, Connector $connector, Settings $settings ) {
		$this->state     = $state;
		$this->connector = $connector;
		$this->settings  = $settings;
	}

	/**
	 * The wildcard that would serve $name on this network ("*.network.tld"), or '' when $name is
	 * not exactly one label below one of the network's domains.
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	public function candidate( $name ) {
		$parent = Domain_Name::parent( $name );
		if ( '' === $parent ) {
			return '';
		}

		$bases = array();
		if ( function_exists( 'get_network' ) && get_network() ) {
			$bases[] = Domain_Name::normalize( get_network()->domain );
		}

		/**
		 * Filters the domains whose "*." wildcard may cover names (default: the network's domain).
		 *
		 * @param string[] $bases Domains.
		 */
		$bases = (array) apply_filters( 'wu_runcloud_wildcard_bases', $bases );

		foreach ( $bases as $base ) {
			if ( '' !== $base && Domain_Name::equals( $parent, $base ) ) {
				return '*.' . Domain_Name::normalize( $base );
			}
		}

		return '';
	}

	/**
	 * Whether a wildcard domain of the web app serves $name.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 * @throws \RunCloud\Exception When the lookup fails.
	 */
	public function covers( $name ) {
		$candidate = $this->candidate( $name );
		if ( '' === $candidate ) {
			return false;
		}

		$cache = (array) $this->state->get( 'wildcards' );
		$entry = $cache[ $candidate ] ?? null;
		$ttl   = (int) apply_filters( 'wu_runcloud_wildcard_ttl', 12 * HOUR_IN_SECONDS );

		if ( is_array( $entry ) && ( $entry['key'] ?? '' ) === $this->settings->webapp_key() && time() - (int) ( $entry['time'] ?? 0 ) < $ttl ) {
			return ! empty( $entry['exists'] );
		}

		return $this->refresh( $candidate );
	}

	/**
	 * Whether a wildcard domain of the web app serves $name, from the remembered answer only (for
	 * status pages: no call), or null when nothing is remembered.
	 *
	 * @param string $name Normalised name.
	 * @return bool|null
	 */
	public function remembered( $name ) {
		$candidate = $this->candidate( $name );
		if ( '' === $candidate ) {
			return false;
		}
		$entry = ( (array) $this->state->get( 'wildcards' ) )[ $candidate ] ?? null;
		if ( ! is_array( $entry ) || ( $entry['key'] ?? '' ) !== $this->settings->webapp_key() ) {
			return null;
		}

		return ! empty( $entry['exists'] );
	}

	/**
	 * Asks RunCloud whether the wildcard exists and remembers the answer.
	 *
	 * @param string $candidate "*.network.tld".
	 * @return bool
	 * @throws \RunCloud\Exception When the lookup fails.
	 */
	public function refresh( $candidate ) {
		$found  = $this->connector->client()->findDomain( $candidate );
		$exists = null !== $found && ( $found->wildcard || 0 === strpos( $found->name, '*.' ) );

		$this->remember( $candidate, $exists );

		return $exists;
	}

	/**
	 * Stores a known answer.
	 *
	 * @param string $candidate Wildcard name.
	 * @param bool   $exists    Whether the web app has it.
	 * @return void
	 */
	public function remember( $candidate, $exists ) {
		$cache               = (array) $this->state->get( 'wildcards' );
		$cache[ $candidate ] = array(
			'exists' => (bool) $exists,
			'time'   => time(),
			'key'    => $this->settings->webapp_key(),
		);
		$this->state->set( 'wildcards', $cache );
	}

	/**
	 * Forgets every cached answer.
	 *
	 * @return void
	 */
	public function forget() {
		$this->state->set( 'wildcards', array() );
	}
}
