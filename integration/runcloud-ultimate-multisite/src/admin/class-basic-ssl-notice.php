<?php
/**
 * Network-admin notice of the basic-mode guard.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;

defined( 'ABSPATH' ) || exit;

/**
 * Shows what Basic_Ssl_Guard found on every network-admin screen until it is gone: a redeploy that
 * was not sent (error), or a certificate close to Let's Encrypt's limit (warning). It reads the
 * guard's stored findings only, so a page view never calls RunCloud.
 */
final class Basic_Ssl_Notice {

	/**
	 * Guard.
	 *
	 * @var Basic_Ssl_Guard
	 */
	private $guard;

	/**
	 * Constructor.
	 *
	 * @param Basic_Ssl_Guard $guard Guard.
	 */
	public function __construct( Basic_Ssl_Guard $guard ) {
		$this->guard = $guard;
	}

	/**
	 * Hooks.
	 *
	 * @return void
	 */
	public function register() {
		add_action( 'network_admin_notices', array( $this, 'render' ) );
	}

	/**
	 * The notice, if any.
	 *
	 * @return void
	 */
	public function render() {
		if ( ! current_user_can( Admin::CAPABILITY ) ) {
			return;
		}

		$notice = $this->guard->notice();
		if ( $notice['blocked'] ) {
			$this->print_notice( 'error', $this->blocked_text( $notice['blocked'] ) );
		} elseif ( $notice['warned'] ) {
			$this->print_notice( 'warning', $this->warned_text( $notice['warned'] ) );
		}
	}

	/**
	 * Text of a redeploy that was not sent.
	 *
	 * @param array $blocked Finding.
	 * @return string
	 */
	private function blocked_text( array $blocked ) {
		$parts = array( __( 'RunCloud: the SSL certificate was not redeployed, because Let\'s Encrypt would refuse it.', 'runcloud-ultimate-multisite' ) );
		if ( (int) $blocked['count'] > (int) $blocked['max'] ) {
			/* translators: 1: names the certificate would need, 2: Let's Encrypt's limit */
			$parts[] = sprintf( __( 'It would need %1$d names; a certificate covers at most %2$d.', 'runcloud-ultimate-multisite' ), (int) $blocked['count'], (int) $blocked['max'] );
		}
		if ( $blocked['unpointed'] ) {
			/* translators: %s: domain names */
			$parts[] = sprintf( __( 'The DNS of %s does not point at the server: point it here or remove those domains.', 'runcloud-ultimate-multisite' ), Basic_Ssl_Guard::list_names( (array) $blocked['unpointed'] ) );
		}
		$parts[] = $this->way_out();
		if ( (int) $blocked['count'] > (int) $blocked['max'] ) {
			$parts[] = __( 'Or remove domains.', 'runcloud-ultimate-multisite' );
		}

		return implode( ' ', $parts );
	}

	/**
	 * Text of a certificate close to the limit.
	 *
	 * @param array $warned Finding.
	 * @return string
	 */
	private function warned_text( array $warned ) {
		$left = max( 0, (int) $warned['max'] - (int) $warned['count'] );

		return sprintf(
			/* translators: 1: names on the certificate, 2: Let's Encrypt's limit, 3: names left */
			__( 'RunCloud: the SSL certificate covers %1$d names; Let\'s Encrypt allows %2$d, so %3$d are left.', 'runcloud-ultimate-multisite' ),
			(int) $warned['count'],
			(int) $warned['max'],
			$left
		) . ' ' . $this->way_out();
	}

	/**
	 * The switch to per-domain certificates, named as the command and the page's action.
	 *
	 * @return string
	 */
	private function way_out() {
		return sprintf(
			/* translators: 1: WP-CLI command, 2: name of the action on the plugin's page */
			__( 'Switch to per-domain certificates with %1$s or the "%2$s" action on the RunCloud page.', 'runcloud-ultimate-multisite' ),
			Basic_Ssl_Guard::SWITCH_COMMAND,
			__( 'Switch to per-domain certificates', 'runcloud-ultimate-multisite' )
		);
	}

	/**
	 * Prints one notice, with a link to the plugin's page.
	 *
	 * @param string $type error|warning.
	 * @param string $text Text.
	 * @return void
	 */
	private function print_notice( $type, $text ) {
		printf(
			'<div class="notice notice-%1$s" data-runcloud-ssl-guard="%1$s"><p>%2$s <a href="%3$s">%4$s</a></p></div>',
			esc_attr( $type ),
			esc_html( $text ),
			esc_url( network_admin_url( 'settings.php?page=' . Admin::PAGE ) ),
			esc_html__( 'RunCloud page', 'runcloud-ultimate-multisite' )
		);
	}
}
