<?php
/**
 * Domain name normalisation for the integration's own comparisons.
 *
 * The extension normalises every name it sends to RunCloud. The integration still compares names
 * itself (wildcard coverage, rename tracking, the reconcile's desired list), and those comparisons
 * must agree with what RunCloud stores, so they go through the same rules: trimmed, no trailing dot,
 * lower case, internationalised labels in their ASCII (punycode) form.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Domains;

defined( 'ABSPATH' ) || exit;

/**
 * Static helpers around one domain name.
 */
final class Domain_Name {

	/**
	 * Returns the canonical ASCII form of a name, or '' when it is not a usable host name.
	 *
	 * @param string $name A host name as Ultimate Multisite or an admin typed it.
	 * @return string
	 */
	public static function normalize( $name ) {
		$name = trim( (string) $name );

		// Admins paste URLs into domain fields; keep only the host part.
		if ( false !== strpos( $name, '://' ) ) {
			$host = wp_parse_url( $name, PHP_URL_HOST );
			$name = is_string( $host ) ? $host : '';
		}

		if ( '' === $name ) {
			return '';
		}

		// The extension's rules (lower case, one trailing dot dropped, IDN to punycode by UTS #46,
		// "*." allowed first) are the ones RunCloud's names go through. Without the extension the
		// plugin sends nothing; the ASCII rules below only keep its admin screens working.
		if ( method_exists( '\RunCloud\Client', 'normalizeDomain' ) ) {
			try {
				return (string) \RunCloud\Client::normalizeDomain( $name );
			} catch ( \ValueError $e ) {
				return '';
			}
		}

		$name = rtrim( $name, '.' );
		$name = function_exists( 'mb_strtolower' ) ? mb_strtolower( $name, 'UTF-8' ) : strtolower( $name );

		if ( '' === $name ) {
			return '';
		}

		$labels = explode( '.', $name );
		foreach ( $labels as $i => $label ) {
			if ( '' === $label ) {
				return '';
			}
			if ( preg_match( '/[^\x00-\x7f]/', $label ) ) {
				return ''; // Unicode names need the extension's IDN rules.
			}
			// A leading "*" label is how RunCloud spells a wildcard domain.
			if ( 0 === $i && '*' === $label ) {
				$labels[ $i ] = $label;
				continue;
			}
			if ( ! preg_match( '/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/', $label ) ) {
				return '';
			}
			$labels[ $i ] = $label;
		}

		$ascii = implode( '.', $labels );

		return strlen( $ascii ) > 253 ? '' : $ascii;
	}

	/**
	 * Whether two names denote the same host.
	 *
	 * @param string $a First name.
	 * @param string $b Second name.
	 * @return bool
	 */
	public static function equals( $a, $b ) {
		$a = self::normalize( $a );

		return '' !== $a && self::normalize( $b ) === $a;
	}

	/**
	 * Whether a wildcard domain ("*.example.com") serves $name.
	 *
	 * Only one label is matched: a certificate for *.example.com does not cover a.b.example.com,
	 * so such names still need their own alias.
	 *
	 * @param string $wildcard Wildcard domain.
	 * @param string $name     Host name.
	 * @return bool
	 */
	public static function wildcard_covers( $wildcard, $name ) {
		$wildcard = self::normalize( $wildcard );
		$name     = self::normalize( $name );

		if ( '' === $name || 0 !== strpos( $wildcard, '*.' ) ) {
			return false;
		}

		$suffix = substr( $wildcard, 1 ); // ".example.com".
		if ( strlen( $name ) <= strlen( $suffix ) || substr( $name, -strlen( $suffix ) ) !== $suffix ) {
			return false;
		}

		return false === strpos( substr( $name, 0, -strlen( $suffix ) ), '.' );
	}

	/**
	 * The parent of a name ("a.example.com" gives "example.com"), or '' for a top-level name.
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	public static function parent( $name ) {
		$pos = strpos( $name, '.' );

		return false === $pos ? '' : substr( $name, $pos + 1 );
	}
}
