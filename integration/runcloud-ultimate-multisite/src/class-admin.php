<?php
/**
 * Network admin: the missing-extension notice and the RunCloud page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite;

defined( 'ABSPATH' ) || exit;

/**
 * Settings > RunCloud in the network admin shows the configuration status and has two buttons,
 * "Test connection" and "Sync domains now", each a nonce-protected admin-post action limited to
 * network administrators.
 */
final class Admin {

	const PAGE       = 'runcloud-ultimate-multisite';
	const CAPABILITY = 'manage_network_options';
	const ACTIONS    = array( 'runcloud_um_test', 'runcloud_um_sync' );

	/**
	 * Plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Constructor.
	 *
	 * @param Plugin $plugin Plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Hooks.
	 *
	 * @return void
	 */
	public function register() {
		add_action( 'network_admin_notices', array( $this, 'render_extension_notice' ) );
		add_action( 'network_admin_notices', array( $this, 'render_um_notice' ) );
		add_action( 'admin_notices', array( $this, 'render_extension_notice' ) );
		add_action( 'network_admin_menu', array( $this, 'add_page' ) );
		foreach ( self::ACTIONS as $action ) {
			add_action( 'admin_post_' . $action, array( $this, 'handle_post' ) );
		}
	}

	/**
	 * The last failures with their messages, and a link to the whole log.
	 *
	 * @return void
	 */
	private function render_failures() {
		$failures = $this->plugin->logger->last_failures();
		echo '<h2>' . esc_html__( 'Last failures', 'runcloud-ultimate-multisite' ) . '</h2>';
		if ( ! $failures ) {
			echo '<p>' . esc_html__( 'None.', 'runcloud-ultimate-multisite' ) . '</p>';
		} else {
			echo '<table class="widefat striped" style="max-width:50em"><tbody>';
			foreach ( $failures as $failure ) {
				echo '<tr><td>' . esc_html( gmdate( 'Y-m-d H:i:s', (int) $failure['time'] ) ) . ' UTC</td><td>' . esc_html( (string) $failure['message'] ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}
		$url = $this->plugin->logger->log_url();
		if ( '' !== $url ) {
			echo '<p><a href="' . esc_url( $url ) . '">' . esc_html__( 'Open the integration-runcloud log', 'runcloud-ultimate-multisite' ) . '</a></p>';
		}
	}

	/**
	 * Tells network administrators that Ultimate Multisite is missing (this plugin does nothing
	 * without it).
	 *
	 * @return void
	 */
	public function render_um_notice() {
		if ( class_exists( '\WP_Ultimo' ) || ! current_user_can( self::CAPABILITY ) ) {
			return;
		}

		printf(
			'<div class="notice notice-warning"><p>%s</p></div>',
			esc_html__( 'RunCloud for Ultimate Multisite does nothing: Ultimate Multisite is not active. Install and network-activate Ultimate Multisite (2.4.10 or later), then enable RunCloud under its Host Integrations.', 'runcloud-ultimate-multisite' )
		);
	}

	/**
	 * Tells administrators that the extension is missing and how to install it.
	 *
	 * @return void
	 */
	public function render_extension_notice() {
		if ( Connector::extension_loaded() || ! current_user_can( is_multisite() ? self::CAPABILITY : 'manage_options' ) ) {
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
	 * Adds Settings > RunCloud to the network admin.
	 *
	 * @return void
	 */
	public function add_page() {
		add_submenu_page(
			'settings.php',
			__( 'RunCloud', 'runcloud-ultimate-multisite' ),
			__( 'RunCloud', 'runcloud-ultimate-multisite' ),
			self::CAPABILITY,
			self::PAGE,
			array( $this, 'render_page' )
		);
	}

	/**
	 * The page.
	 *
	 * @return void
	 */
	public function render_page() {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this integration.', 'runcloud-ultimate-multisite' ) );
		}

		$settings = $this->plugin->settings;
		$notice   = get_site_transient( $this->notice_key() );
		if ( is_array( $notice ) ) {
			delete_site_transient( $this->notice_key() );
			printf(
				'<div class="notice notice-%1$s"><p>%2$s</p></div>',
				esc_attr( 'success' === $notice['type'] ? 'success' : 'error' ),
				esc_html( $notice['message'] )
			);
		}

		$last = $this->plugin->state->get( 'last_sync', array() );
		$rows = array(
			__( 'Extension', 'runcloud-ultimate-multisite' )     => Connector::extension_loaded() ? __( 'loaded', 'runcloud-ultimate-multisite' ) : __( 'not loaded', 'runcloud-ultimate-multisite' ),
			__( 'Credentials', 'runcloud-ultimate-multisite' )   => 'token' === $settings->auth_mode() ? __( 'API token', 'runcloud-ultimate-multisite' ) : ( 'key' === $settings->auth_mode() ? __( 'legacy API key and secret', 'runcloud-ultimate-multisite' ) : __( 'missing', 'runcloud-ultimate-multisite' ) ),
			__( 'Server / web app', 'runcloud-ultimate-multisite' ) => sprintf( '%d / %d', $settings->server_id(), $settings->app_id() ),
			__( 'Missing settings', 'runcloud-ultimate-multisite' ) => implode( ', ', $settings->missing() ),
			__( 'Pending SSL redeploy', 'runcloud-ultimate-multisite' ) => implode( ', ', $this->plugin->ssl->pending() ),
			__( 'Last reconcile', 'runcloud-ultimate-multisite' ) => ! empty( $last['time'] )
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

		$this->render_failures();

		foreach ( array(
			'runcloud_um_test' => __( 'Test connection', 'runcloud-ultimate-multisite' ),
			'runcloud_um_sync' => __( 'Sync domains now', 'runcloud-ultimate-multisite' ),
		) as $action => $label ) {
			echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="display:inline-block;margin:1em 1em 0 0">';
			echo '<input type="hidden" name="action" value="' . esc_attr( $action ) . '" />';
			wp_nonce_field( $action );
			echo '<button type="submit" class="button">' . esc_html( $label ) . '</button>';
			echo '</form>';
		}
		echo '</div>';
	}

	/**
	 * admin-post.php handler: runs the action, stores the result for the page, redirects back.
	 *
	 * @return void
	 */
	public function handle_post() {
		$result = $this->perform( isset( $_REQUEST['action'] ) ? sanitize_key( wp_unslash( $_REQUEST['action'] ) ) : '' ); // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.

		set_site_transient( $this->notice_key(), $result, 5 * MINUTE_IN_SECONDS );
		wp_safe_redirect( network_admin_url( 'settings.php?page=' . self::PAGE ) );
		exit;
	}

	/**
	 * Checks the nonce and the capability, then runs one button's action.
	 *
	 * @param string $action runcloud_um_test|runcloud_um_sync.
	 * @return array{type: string, message: string}
	 */
	public function perform( $action ) {
		if ( ! in_array( $action, self::ACTIONS, true ) ) {
			wp_die( esc_html__( 'Unknown action.', 'runcloud-ultimate-multisite' ), '', array( 'response' => 400 ) );
		}
		check_admin_referer( $action );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this integration.', 'runcloud-ultimate-multisite' ), '', array( 'response' => 403 ) );
		}

		if ( 'runcloud_um_test' === $action ) {
			$ping = $this->plugin->commands->ping();

			return array(
				'type'    => $ping['ok'] ? 'success' : 'error',
				'message' => $ping['message'],
			);
		}

		try {
			$report = $this->plugin->reconciler->run( false );
		} catch ( \Throwable $e ) {
			$message = $e instanceof Not_Ready_Exception ? $e->getMessage() : Errors::describe( $e );
			$this->plugin->logger->error( 'Reconcile failed: ' . $message . '.' );

			return array(
				'type'    => 'error',
				/* translators: %s: error */
				'message' => $this->plugin->logger->scrub( sprintf( __( 'Sync failed: %s', 'runcloud-ultimate-multisite' ), $message ) ),
			);
		}

		return array(
			'type'    => $report['failed'] ? 'error' : 'success',
			'message' => sprintf(
				/* translators: 1: added, 2: removed, 3: unchanged, 4: failed */
				__( 'Sync done: %1$d added, %2$d removed, %3$d unchanged, %4$d failed (details in the integration-runcloud log).', 'runcloud-ultimate-multisite' ),
				count( $report['added'] ),
				count( $report['removed'] ),
				$report['unchanged'],
				count( $report['failed'] )
			),
		);
	}

	/**
	 * Per-user key of the stored result.
	 *
	 * @return string
	 */
	private function notice_key() {
		return State::PREFIX . 'notice_' . get_current_user_id();
	}
}
