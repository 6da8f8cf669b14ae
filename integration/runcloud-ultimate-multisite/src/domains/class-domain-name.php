<?php
/**
 * One domain name, in the forms the plugin compares.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Domains;

defined( 'ABSPATH' ) || exit;

/**
 * The integration compares names itself (wildcard coverage, rename tracking, the reconcile's desired
 * list), and those comparisons must agree with what RunCloud stores, so they go through the
 * extension's own rules (RunCloud\Client::normalizeDomain(): lower case, no trailing dot, IDN labels
 * in punycode by UTS #46, "*." allowed first). Without the extension nothing is sent or compared
 * against RunCloud; host() then only keeps the admin screens readable.
 */
final class Domain_Name {

	/**
	 * The canonical form of a name, or '' when it is not a usable host name.
	 *
	 * @param string $name A host name as Ultimate Multisite or an admin typed it.
	 */
	public static function normalize( string $name ): string {
		$host = self::host( $name );
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
	 * The host part, trimmed and lower-cased, without a trailing dot, and without asking the
	 * extension: what the checks before an add compare (see Domain_Sync::add()).
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

	/**
	 * The parent of a name ("a.example.com" gives "example.com"), or '' for a top-level name. A
	 * wildcard "*.example.com" serves exactly the names whose parent is "example.com": its
	 * certificate does not cover a.b.example.com.
	 *
	 * @param string $name Normalised name.
	 */
	public static function parent( string $name ): string {
		$pos = strpos( $name, '.' );
		return false === $pos ? '' : substr( $name, $pos + 1 );
	}
}
