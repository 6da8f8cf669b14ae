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

namespace RunCloud_Ultimate_Multisite;

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

		// The extension's rules are the ones RunCloud's names go through: use them when present.
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
				$label = self::to_ascii_label( $label );
				if ( '' === $label ) {
					return '';
				}
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

	/**
	 * Converts one Unicode label to its "xn--" form.
	 *
	 * Uses intl when PHP has it; otherwise a plain RFC 3492 encoder, because intl is an optional
	 * PHP module and many hosts lack it.
	 *
	 * @param string $label Lower-cased Unicode label.
	 * @return string
	 */
	private static function to_ascii_label( $label ) {
		if ( function_exists( 'idn_to_ascii' ) && defined( 'INTL_IDNA_VARIANT_UTS46' ) ) {
			$ascii = idn_to_ascii( $label, IDNA_DEFAULT, INTL_IDNA_VARIANT_UTS46 );
			if ( is_string( $ascii ) && '' !== $ascii ) {
				return strtolower( $ascii );
			}
		}

		$encoded = self::punycode_encode( $label );

		return '' === $encoded ? '' : 'xn--' . $encoded;
	}

	/**
	 * RFC 3492 encoder for one label.
	 *
	 * @param string $input UTF-8 label.
	 * @return string
	 */
	private static function punycode_encode( $input ) {
		if ( ! function_exists( 'mb_str_split' ) || ! function_exists( 'mb_ord' ) ) {
			return '';
		}

		$code_points = array_map(
			static function ( $char ) {
				return mb_ord( $char, 'UTF-8' );
			},
			mb_str_split( $input, 1, 'UTF-8' )
		);

		$n      = 128;
		$delta  = 0;
		$bias   = 72;
		$output = '';

		foreach ( $code_points as $cp ) {
			if ( $cp < 128 ) {
				$output .= chr( $cp );
			}
		}

		$basic   = strlen( $output );
		$handled = $basic;
		$total   = count( $code_points );

		if ( $basic > 0 ) {
			$output .= '-';
		}

		while ( $handled < $total ) {
			$next = PHP_INT_MAX;
			foreach ( $code_points as $cp ) {
				if ( $cp >= $n && $cp < $next ) {
					$next = $cp;
				}
			}

			$delta += ( $next - $n ) * ( $handled + 1 );
			$n      = $next;

			foreach ( $code_points as $cp ) {
				if ( $cp < $n ) {
					++$delta;
				}
				if ( $cp !== $n ) {
					continue;
				}
				$q = $delta;
				for ( $k = 36; ; $k += 36 ) {
					if ( $k <= $bias ) {
						$t = 1;
					} elseif ( $k >= $bias + 26 ) {
						$t = 26;
					} else {
						$t = $k - $bias;
					}
					if ( $q < $t ) {
						break;
					}
					$output .= self::digit( $t + ( $q - $t ) % ( 36 - $t ) );
					$q       = intdiv( $q - $t, 36 - $t );
				}
				$output .= self::digit( $q );
				$bias    = self::adapt( $delta, $handled + 1, $handled === $basic );
				$delta   = 0;
				++$handled;
			}

			++$delta;
			++$n;
		}

		return $output;
	}

	/**
	 * Punycode digit.
	 *
	 * @param int $d 0..35.
	 * @return string
	 */
	private static function digit( $d ) {
		return chr( $d < 26 ? 97 + $d : 22 + $d );
	}

	/**
	 * Punycode bias adaptation.
	 *
	 * @param int  $delta      Delta.
	 * @param int  $num_points Number of code points handled.
	 * @param bool $first      First time.
	 * @return int
	 */
	private static function adapt( $delta, $num_points, $first ) {
		$delta  = $first ? intdiv( $delta, 700 ) : intdiv( $delta, 2 );
		$delta += intdiv( $delta, $num_points );
		$k      = 0;
		while ( $delta > 455 ) {
			$delta = intdiv( $delta, 35 );
			$k    += 36;
		}

		return $k + intdiv( 36 * $delta, $delta + 38 );
	}
}
