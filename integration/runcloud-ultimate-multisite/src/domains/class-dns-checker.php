<?php
/**
 * Does a domain already point at the server?
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Answers whether Let's Encrypt can validate a name now, i.e. whether it resolves to the server.
 *
 * The server's addresses come from WU_RUNCLOUD_SERVER_IP, or else from the network's own domain,
 * which by construction points at the server that runs this WordPress.
 */
final class Dns_Checker {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Whether $name resolves to one of the server's addresses.
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function points_to_server( $name ) {
		$server_ips = $this->server_ips();

		/**
		 * Short-circuits the DNS check. Return a bool to decide, null to let the resolver decide.
		 *
		 * @param bool|null $points     Decision.
		 * @param string    $name       Domain.
		 * @param string[]  $server_ips The server's addresses.
		 */
		$decided = apply_filters( 'wu_runcloud_dns_points_to_server', null, $name, $server_ips );
		if ( null !== $decided ) {
			return (bool) $decided;
		}

		if ( ! $server_ips ) {
			return false;
		}

		return (bool) array_intersect( $this->resolve( $name ), $server_ips );
	}

	/**
	 * The server's addresses.
	 *
	 * @return string[]
	 */
	public function server_ips() {
		$ips = $this->settings->server_ips();

		if ( ! $ips && function_exists( 'get_network' ) && get_network() ) {
			$ips = $this->resolve( get_network()->domain );
		}

		return (array) apply_filters( 'wu_runcloud_server_ips', $ips );
	}

	/**
	 * IPv4 and IPv6 addresses of a name.
	 *
	 * @param string $name Name.
	 * @return string[]
	 */
	public function resolve( $name ) {
		$ips = array();

		$v4 = @gethostbynamel( $name ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- a missing name is an answer, not an error.
		if ( is_array( $v4 ) ) {
			$ips = $v4;
		}

		if ( function_exists( 'dns_get_record' ) && 'localhost' !== $name ) {
			$v6 = @dns_get_record( $name, DNS_AAAA ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			if ( is_array( $v6 ) ) {
				foreach ( $v6 as $record ) {
					if ( ! empty( $record['ipv6'] ) ) {
						$ips[] = $record['ipv6'];
					}
				}
			}
		}

		return array_values( array_unique( $ips ) );
	}
}
