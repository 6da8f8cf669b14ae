<?php
/**
 * Does a domain already point at the server?
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Storage\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Answers whether Let's Encrypt can validate a name now, i.e. whether it resolves to the server. The server's addresses come from
 * WU_RUNCLOUD_SERVER_IP, or else from the network's own domain, which by construction points at the server that runs this
 * WordPress.
 */
final class Dns_Checker {

	/**
	 * Builds the checker.
	 *
	 * @param Settings $settings Settings (the server's addresses).
	 */
	public function __construct( private readonly Settings $settings ) {}

	/**
	 * Whether $name resolves to one of the server's addresses.
	 *
	 * @param string $name Normalised name.
	 */
	public function points_to_server( string $name ): bool {
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
		return $server_ips && array_intersect( $this->resolve( $name ), $server_ips );
	}

	/**
	 * The server's addresses.
	 *
	 * @return string[]
	 */
	public function server_ips(): array {
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
	public function resolve( string $name ): array {
		$v4  = @gethostbynamel( $name ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- a missing name is an answer, not an error.
		$ips = is_array( $v4 ) ? $v4 : array();
		if ( 'localhost' !== $name ) {
			$v6  = @dns_get_record( $name, DNS_AAAA ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- same.
			$ips = array_merge( $ips, array_filter( array_column( is_array( $v6 ) ? $v6 : array(), 'ipv6' ) ) );
		}
		return array_values( array_unique( $ips ) );
	}
}
