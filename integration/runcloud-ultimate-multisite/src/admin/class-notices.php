<?php
/**
 * Network-admin notices.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Mode;

defined( 'ABSPATH' ) || exit;

/**
 * What network administrators must know on every screen: the extension or Ultimate Multisite is missing, the certificate strategy
 * has a value it does not know, or what Basic_Ssl_Guard found (a redeploy that was not sent, or a certificate close to Let's
 * Encrypt's limit). Only stored findings are read, so a page view never calls RunCloud.
 */
final class Notices {

	/**
	 * Constructor.
	 *
	 * @param Ssl_Mode        $mode  Certificate strategy.
	 * @param Basic_Ssl_Guard $guard Basic-mode guard.
	 */
	public function __construct( private readonly Ssl_Mode $mode, private readonly Basic_Ssl_Guard $guard ) {}

	/** Tells administrators that the extension is missing and how to install it. */
	public function render_extension(): void {
		if ( Connector::extension_loaded() || ! current_user_can( is_multisite() ? Admin::CAPABILITY : 'manage_options' ) ) {
			return;
		}

		printf(
			'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s</p><p>%3$s <code>extension=runcloud.so</code> %4$s</p></div>',
			esc_html__( 'RunCloud for Ultimate Multisite is inactive:', 'runcloud-ultimate-multisite' ),
			esc_html__( 'the runcloud PHP extension is not loaded, so domains are not sent to RunCloud by this plugin.', 'runcloud-ultimate-multisite' ),
			esc_html__( 'To install it, copy runcloud.so into PHP\'s extension directory (php -i | grep extension_dir), add', 'runcloud-ultimate-multisite' ),
			esc_html__( 'to the php.ini of PHP-FPM and of the command line, then restart PHP-FPM.', 'runcloud-ultimate-multisite' )
		);
	}

	/**
	 * The network admin's notices: Ultimate Multisite missing (this plugin does nothing without it), an unknown certificate
	 * strategy, the basic-mode guard's finding.
	 */
	public function render_network(): void {
		if ( ! current_user_can( Admin::CAPABILITY ) ) {
			return;
		}
		if ( ! class_exists( '\WP_Ultimo' ) ) {
			$this->show( 'warning', __( 'RunCloud for Ultimate Multisite does nothing: Ultimate Multisite is not active. Install and network-activate Ultimate Multisite (2.4.10 or later), then enable RunCloud under its Host Integrations.', 'runcloud-ultimate-multisite' ) );
		}

		$invalid = $this->mode->invalid();
		if ( '' !== $invalid ) {
			$where = $this->mode->from_constant() ? 'WU_RUNCLOUD_SSL_STRATEGY' : __( 'Network Admin > Settings > RunCloud', 'runcloud-ultimate-multisite' );
			/* translators: 1: where the value is set, 2: the value */
			$this->show( 'error', sprintf( __( 'RunCloud for Ultimate Multisite: the certificate strategy (%1$s) is "%2$s", which is not auto, per-domain or basic; auto is used until it is corrected.', 'runcloud-ultimate-multisite' ), $where, $invalid ) );
		}

		$found = $this->guard->notice();
		if ( $found['blocked'] ) {
			$blocked = $found['blocked'];
			$over    = (int) $blocked['count'] > (int) $blocked['max'];
			$parts   = array( __( 'RunCloud: the SSL certificate was not redeployed, because Let\'s Encrypt would refuse it.', 'runcloud-ultimate-multisite' ) );
			if ( $over ) {
				/* translators: 1: names the certificate would need, 2: Let's Encrypt's limit */
				$parts[] = sprintf( __( 'It would need %1$d names; a certificate covers at most %2$d.', 'runcloud-ultimate-multisite' ), (int) $blocked['count'], (int) $blocked['max'] );
			}
			if ( $blocked['unpointed'] ) {
				/* translators: %s: domain names */
				$parts[] = sprintf( __( 'The DNS of %s does not point at the server: point it here or remove those domains.', 'runcloud-ultimate-multisite' ), Basic_Ssl_Guard::list_names( (array) $blocked['unpointed'] ) );
			}
			$parts[] = $this->way_out() . ( $over ? ' ' . __( 'Or remove domains.', 'runcloud-ultimate-multisite' ) : '' );
			$this->show( 'error', implode( ' ', $parts ), true );
		} elseif ( $found['warned'] ) {
			$warned = $found['warned'];
			/* translators: 1: names on the certificate, 2: Let's Encrypt's limit, 3: names left */
			$text = sprintf( __( 'RunCloud: the SSL certificate covers %1$d names; Let\'s Encrypt allows %2$d, so %3$d are left.', 'runcloud-ultimate-multisite' ), (int) $warned['count'], (int) $warned['max'], max( 0, (int) $warned['max'] - (int) $warned['count'] ) );
			$this->show( 'warning', $text . ' ' . $this->way_out(), true );
		}
	}

	/** The switch to per-domain certificates, named as the command and the page's action. */
	private function way_out(): string {
		$action = __( 'Switch to per-domain certificates', 'runcloud-ultimate-multisite' );
		/* translators: 1: WP-CLI command, 2: name of the action on the plugin's page */
		return sprintf( __( 'Switch to per-domain certificates with %1$s or the "%2$s" action on the RunCloud page.', 'runcloud-ultimate-multisite' ), Basic_Ssl_Guard::SWITCH_COMMAND, $action );
	}

	/**
	 * Prints one notice, escaped (names in it are customers' text); the guard's link to the page.
	 *
	 * @param string $type  error|warning.
	 * @param string $text  Text.
	 * @param bool   $guard Whether it is the basic-mode guard's notice.
	 */
	private function show( string $type, string $text, bool $guard = false ): void {
		if ( ! $guard ) {
			printf( '<div class="notice notice-%1$s"><p>%2$s</p></div>', esc_attr( $type ), esc_html( $text ) );
			return;
		}
		printf(
			'<div class="notice notice-%1$s" data-runcloud-ssl-guard="%1$s"><p>%2$s <a href="%3$s">%4$s</a></p></div>',
			esc_attr( $type ),
			esc_html( $text ),
			esc_url( network_admin_url( 'settings.php?page=' . Admin::PAGE ) ),
			esc_html__( 'RunCloud page', 'runcloud-ultimate-multisite' )
		);
	}
}
