<?php
/**
 * Network Admin > Settings > RunCloud.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Redeploy;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Mode;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * The page shows the configuration status, the last failures, the network's mapped domains (Domains_Table) and has the buttons
 * "Test connection", "Sync domains now", "Clear failures", the certificate strategy setting and "Switch to per-domain
 * certificates", each a nonce-protected admin-post action that Admin runs. Rendering reads what the plugin stored: it never calls
 * RunCloud.
 */
final class Page {

	/**
	 * Constructor.
	 *
	 * @param Settings       $settings  Settings.
	 * @param State          $state     Stored state (the last sync, the names "Test connection" read).
	 * @param Logger         $logger    The last failures.
	 * @param Ssl_Mode       $mode      Certificate strategy and the web app's SSL mode.
	 * @param Basic_Redeploy $basic     The web app's certificate.
	 * @param Ledger         $ledger    What is known of each name.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's domain records.
	 * @param Wildcards      $wildcards Wildcards.
	 */
	public function __construct( private readonly Settings $settings, private readonly State $state, private readonly Logger $logger, private readonly Ssl_Mode $mode, private readonly Basic_Redeploy $basic, private readonly Ledger $ledger, private readonly Mapped_Domains $mapped, private readonly Wildcards $wildcards ) {}

	/** The page. */
	public function render(): void {
		if ( ! current_user_can( Admin::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this integration.', 'runcloud-ultimate-multisite' ) );
		}

		$settings = $this->settings;
		$notice   = get_site_transient( Admin::notice_key() );
		if ( is_array( $notice ) ) {
			delete_site_transient( Admin::notice_key() );
			printf( '<div class="notice notice-%1$s"><p>%2$s</p></div>', esc_attr( 'success' === $notice['type'] ? 'success' : 'error' ), esc_html( $notice['message'] ) );
		}

		// Names waiting for the basic redeploy that are on RunCloud; those whose add has not succeeded are counted apart.
		$asked   = $this->basic->pending();
		$on      = array_intersect( $asked, array_keys( $this->ledger->tracked() ) );
		$waiting = count( $asked ) - count( $on );
		$pending = implode( ', ', $on );
		if ( $waiting ) {
			/* translators: %d: number of domains */
			$pending .= ( '' === $pending ? '' : '; ' ) . sprintf( _n( '%d domain waits for its add to RunCloud', '%d domains wait for their add to RunCloud', $waiting, 'runcloud-ultimate-multisite' ), $waiting );
		}

		$last  = $this->state->get( 'last_sync', array() );
		$names = (array) $this->state->get( Admin::NAMES, array() ); // Read by "Test connection".
		$mode  = $this->mode->known(); // Remembered: no call to RunCloud while rendering.
		$rows  = array(
			__( 'Extension', 'runcloud-ultimate-multisite' )     => Connector::extension_loaded() ? __( 'loaded', 'runcloud-ultimate-multisite' ) : __( 'not loaded', 'runcloud-ultimate-multisite' ),
			__( 'Credentials', 'runcloud-ultimate-multisite' )   => 'token' === $settings->auth_mode() ? __( 'API token', 'runcloud-ultimate-multisite' ) : ( 'key' === $settings->auth_mode() ? __( 'legacy API key and secret', 'runcloud-ultimate-multisite' ) : __( 'missing', 'runcloud-ultimate-multisite' ) ),
			__( 'Server / web app', 'runcloud-ultimate-multisite' ) => ( $names['key'] ?? '' ) === $settings->webapp_key() && isset( $names['server'], $names['app'] )
				? sprintf( '%s (%d) / %s (%d)', $names['server'], $settings->server_id(), $names['app'], $settings->app_id() )
				/* translators: 1: server id, 2: web app id */
				: sprintf( __( '%1$d / %2$d (ids; "Test connection" reads their names)', 'runcloud-ultimate-multisite' ), $settings->server_id(), $settings->app_id() ),
			__( 'Missing settings', 'runcloud-ultimate-multisite' ) => implode( ', ', $settings->missing() ),
			__( 'Pending SSL redeploy', 'runcloud-ultimate-multisite' ) => $pending,
			__( 'Certificate strategy', 'runcloud-ultimate-multisite' ) => $this->mode->configured() . ( $this->mode->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ),
			__( 'SSL mode of the web app', 'runcloud-ultimate-multisite' ) => match ( true ) {
				null === $mode     => __( 'unknown: "Test connection" reads it (and so does the first certificate)', 'runcloud-ultimate-multisite' ),
				$mode['advanced'] => __( 'advanced (one certificate per domain)', 'runcloud-ultimate-multisite' ),
				default           => __( 'basic (one certificate for every name)', 'runcloud-ultimate-multisite' ),
			},
			/* translators: 1: covered, 2: pending, 3: failed */
			__( 'Domain certificates', 'runcloud-ultimate-multisite' ) => vsprintf( __( '%1$d covered, %2$d pending, %3$d failed', 'runcloud-ultimate-multisite' ), array_values( $this->ledger->certificate_counts() ) ),
			__( 'Last domain sync', 'runcloud-ultimate-multisite' ) => ! empty( $last['time'] )
				/* translators: 1: date, 2: added, 3: removed, 4: failed */
				? sprintf( __( '%1$s: %2$d added, %3$d removed, %4$d failed', 'runcloud-ultimate-multisite' ), gmdate( 'Y-m-d H:i', (int) $last['time'] ), count( (array) $last['added'] ), count( (array) $last['removed'] ), count( (array) $last['failed'] ) )
				: __( 'never', 'runcloud-ultimate-multisite' ),
		);

		echo '<div class="wrap"><h1>' . esc_html__( 'RunCloud for Ultimate Multisite', 'runcloud-ultimate-multisite' ) . '</h1>';
		echo '<table class="widefat striped" style="max-width:50em"><tbody>';
		foreach ( $rows as $label => $value ) {
			echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( '' === $value ? '—' : $value ) . '</td></tr>';
		}
		echo '</tbody></table>';

		$this->render_button( 'runcloud_um_test', __( 'Test connection', 'runcloud-ultimate-multisite' ) );
		$this->render_button( 'runcloud_um_sync', __( 'Sync domains now', 'runcloud-ultimate-multisite' ) );

		$failures = $this->logger->last_failures();
		echo '<h2>' . esc_html__( 'Last failures', 'runcloud-ultimate-multisite' ) . '</h2>';
		if ( ! $failures ) {
			echo '<p>' . esc_html__( 'None.', 'runcloud-ultimate-multisite' ) . '</p>';
		} else {
			echo '<table class="widefat striped" style="max-width:50em"><tbody>';
			foreach ( $failures as $failure ) {
				echo '<tr><td>' . esc_html( gmdate( 'Y-m-d H:i:s', (int) $failure['time'] ) ) . ' UTC</td><td>' . esc_html( (string) $failure['message'] ) . '</td></tr>';
			}
			echo '</tbody></table>';
			$this->render_button( 'runcloud_um_clear_failures', __( 'Clear failures', 'runcloud-ultimate-multisite' ) );
		}
		$url = $this->logger->log_url();
		if ( '' !== $url ) {
			echo '<p><a href="' . esc_url( $url ) . '">' . esc_html__( 'Open the integration-runcloud log', 'runcloud-ultimate-multisite' ) . '</a></p>';
		}

		$labels = array(
			'auto'       => __( 'auto: per domain when the web app uses advanced SSL', 'runcloud-ultimate-multisite' ),
			'per-domain' => __( 'per-domain: one certificate per domain (advanced SSL)', 'runcloud-ultimate-multisite' ),
			'basic'      => __( 'basic: the web app\'s one certificate for every name', 'runcloud-ultimate-multisite' ),
		);

		echo '<h2>' . esc_html__( 'Certificates', 'runcloud-ultimate-multisite' ) . '</h2>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		echo '<input type="hidden" name="action" value="runcloud_um_ssl_strategy" />';
		wp_nonce_field( 'runcloud_um_ssl_strategy' );
		echo '<label for="runcloud-um-ssl-strategy">' . esc_html__( 'Certificate strategy', 'runcloud-ultimate-multisite' ) . '</label> ';
		echo '<select id="runcloud-um-ssl-strategy" name="strategy"' . disabled( $this->mode->from_constant(), true, false ) . '>';
		foreach ( $labels as $value => $label ) {
			echo '<option value="' . esc_attr( $value ) . '"' . selected( $this->mode->configured(), $value, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select> ';
		echo '<button type="submit" class="button"' . disabled( $this->mode->from_constant(), true, false ) . '>' . esc_html__( 'Save', 'runcloud-ultimate-multisite' ) . '</button>';
		if ( $this->mode->from_constant() ) {
			echo '<p class="description">' . esc_html__( 'Set by WU_RUNCLOUD_SSL_STRATEGY in wp-config.php.', 'runcloud-ultimate-multisite' ) . '</p>';
		}
		echo '</form>';

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="margin-top:1em">';
		echo '<input type="hidden" name="action" value="runcloud_um_ssl_advanced" />';
		wp_nonce_field( 'runcloud_um_ssl_advanced' );
		echo '<p class="description">' . esc_html__( 'Switches the live web app to RunCloud\'s advanced SSL mode and queues a certificate for every domain, spread under RunCloud\'s rate limit. Each domain\'s progress shows in the table of mapped domains below.', 'runcloud-ultimate-multisite' ) . '</p>';
		echo '<p><label><input type="checkbox" name="confirm" value="1" id="runcloud-um-ssl-confirm" required /> ' . esc_html__( 'I want to change the web app\'s SSL mode now.', 'runcloud-ultimate-multisite' ) . '</label></p>';
		echo '<button type="submit" class="button" id="runcloud-um-ssl-advanced">' . esc_html__( 'Switch to per-domain certificates', 'runcloud-ultimate-multisite' ) . '</button>';
		echo '</form>';

		if ( ! class_exists( '\WP_List_Table' ) ) {
			require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
		}
		$table = new Domains_Table( $this->mapped, $this->ledger, $this->wildcards, $this->basic, $this->logger );
		$table->prepare_items();

		echo '<h2 id="runcloud-um-domains">' . esc_html__( 'Mapped domains', 'runcloud-ultimate-multisite' ) . '</h2>';
		echo '<form method="get" action="' . esc_url( network_admin_url( 'settings.php' ) ) . '">';
		echo '<input type="hidden" name="page" value="' . esc_attr( Admin::PAGE ) . '" />';
		$table->search_box( __( 'Filter domains', 'runcloud-ultimate-multisite' ), 'runcloud-um-domain' );
		$table->display();
		echo '</form>';
		echo '</div>';
	}

	/**
	 * One admin-post button with its nonce.
	 *
	 * @param string $action One of ACTIONS.
	 * @param string $label  Label.
	 */
	private function render_button( string $action, string $label ): void {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="display:inline-block;margin:1em 1em 0 0">';
		echo '<input type="hidden" name="action" value="' . esc_attr( $action ) . '" />';
		wp_nonce_field( $action );
		echo '<button type="submit" class="button" id="' . esc_attr( str_replace( '_', '-', $action ) ) . '">' . esc_html( $label ) . '</button>';
		echo '</form>';
	}
}
