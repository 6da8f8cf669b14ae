<?php
/**
 * One domain name, in the forms the plugin compares.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * The integration compares names itself (wildcard coverage, rename tracking, the reconcile's desired list), and those comparisons
 * must agree with what RunCloud stores, so they go through the extension's own rules (RunCloud\Client::normalizeDomain(): lower
 * case, no trailing dot, IDN labels in punycode by UTS #46, "*." allowed first). Without the extension nothing is sent or
 * compared against RunCloud; the name then only keeps the admin screens readable.
 */
final class Domain_Name {

	/**
	 * The canonical form of a name, or '' when it is not a usable host name.
	 *
	 * @param string $name A host name as Ultimate Multisite or an admin typed it.
	 */
	public static function normalize( string $name ): string {
		$host = Mapped_Domains::host( $name );
		if ( '' === $host || ! class_exists( \RunCloud\Client::class, false ) ) {
			return $host;
		}
		try {
			return \RunCloud\Client::normalizeDomain( $host );
		} catch ( \ValueError ) {
			return '';
		}
	}

	/**
	 * Whether two names denote the same host.
	 *
	 * @param string $a First name.
	 * @param string $b Second name.
	 */
	public static function equals( string $a, string $b ): bool {
		$a = self::normalize( $a );
		return '' !== $a && self::normalize( $b ) === $a;
	}
}
