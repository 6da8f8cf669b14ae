<?php
/**
 * Network admin: the missing-extension notice and the RunCloud page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite;

defined( 'ABSPATH' ) || exit;

/**
 * Settings > RunCloud in the network admin shows the configuration status and has the buttons
 * "Test connection", "Sync domains now", the certificate strategy setting and "Switch to per-domain
 * certificates", each a nonce-protected admin-post action limited to network administrators.
 */
final class Admin {

	const PAGE       = 'runcloud-ultimate-multisite';
	const CAPABILITY = 'manage_network_options';
	const ACTIONS    = array( 'runcloud_um_test', 'runcloud_um_sync', 'runcloud_um_ssl_strategy', 'runcloud_um_ssl_advanced' );

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
		add_action( 'network_admin_notices', array( $this, 'render_strategy_notice' ) );
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
	 * Tells network administrators that the certificate strategy has a value it does not know.
	 *
	 * @return void
	 */
	public function render_strategy_notice() {
		$invalid = $this->plugin->strategy->invalid();
		if ( '' === $invalid || ! current_user_can( self::CAPABILITY ) ) {
			return;
		}

		printf(
			'<div class="notice notice-error"><p>%s</p></div>',
			esc_html(
				sprintf(
					/* translators: 1: where the value is set, 2: the value */
					__( 'RunCloud for Ultimate Multisite: the certificate strategy (%1$s) is "%2$s", which is not auto, per-domain or basic; auto is used until it is corrected.', 'runcloud-ultimate-multisite' ),
					$this->plugin->strategy->from_constant() ? 'WU_RUNCLOUD_SSL_STRATEGY' : __( 'Network Admin > Settings > RunCloud', 'runcloud-ultimate-multisite' ),
					$invalid
				)
			)
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
			__( 'Certificate strategy', 'runcloud-ultimate-multisite' ) => $this->plugin->strategy->configured() . ( $this->plugin->strategy->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ),
			__( 'SSL mode of the web app', 'runcloud-ultimate-multisite' ) => $this->known_mode(),
			/* translators: 1: covered, 2: pending, 3: failed */
			__( 'Domain certificates', 'runcloud-ultimate-multisite' ) => vsprintf( __( '%1$d covered, %2$d pending, %3$d failed', 'runcloud-ultimate-multisite' ), array_values( $this->plugin->certificates->counts() ) ),
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
		$this->render_strategy_form();

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
	 * The remembered SSL mode, for the page (no call to RunCloud while rendering).
	 *
	 * @return string
	 */
	private function known_mode() {
		$mode = $this->plugin->strategy->known();
		if ( null === $mode ) {
			return __( 'not read yet', 'runcloud-ultimate-multisite' );
		}

		return $mode['advanced'] ? __( 'advanced (one certificate per domain)', 'runcloud-ultimate-multisite' ) : __( 'basic (one certificate for every name)', 'runcloud-ultimate-multisite' );
	}

	/**
	 * The strategy setting and the migration button.
	 *
	 * @return void
	 */
	private function render_strategy_form() {
		$strategy = $this->plugin->strategy;
		$labels   = array(
			'auto'       => __( 'auto: per domain when the web app uses advanced SSL', 'runcloud-ultimate-multisite' ),
			'per-domain' => __( 'per-domain: one certificate per domain (advanced SSL)', 'runcloud-ultimate-multisite' ),
			'basic'      => __( 'basic: the web app\'s one certificate for every name', 'runcloud-ultimate-multisite' ),
		);

		echo '<h2>' . esc_html__( 'Certificates', 'runcloud-ultimate-multisite' ) . '</h2>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		echo '<input type="hidden" name="action" value="runcloud_um_ssl_strategy" />';
		wp_nonce_field( 'runcloud_um_ssl_strategy' );
		echo '<label for="runcloud-um-ssl-strategy">' . esc_html__( 'Certificate strategy', 'runcloud-ultimate-multisite' ) . '</label> ';
		echo '<select id="runcloud-um-ssl-strategy" name="strategy"' . disabled( $strategy->from_constant(), true, false ) . '>';
		foreach ( $labels as $value => $label ) {
			echo '<option value="' . esc_attr( $value ) . '"' . selected( $strategy->configured(), $value, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select> ';
		echo '<button type="submit" class="button"' . disabled( $strategy->from_constant(), true, false ) . '>' . esc_html__( 'Save', 'runcloud-ultimate-multisite' ) . '</button>';
		if ( $strategy->from_constant() ) {
			echo '<p class="description">' . esc_html__( 'Set by WU_RUNCLOUD_SSL_STRATEGY in wp-config.php.', 'runcloud-ultimate-multisite' ) . '</p>';
		}
		echo '</form>';

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="margin-top:1em">';
		echo '<input type="hidden" name="action" value="runcloud_um_ssl_advanced" />';
		wp_nonce_field( 'runcloud_um_ssl_advanced' );
		echo '<button type="submit" class="button">' . esc_html__( 'Switch to per-domain certificates (advanced SSL)', 'runcloud-ultimate-multisite' ) . '</button>';
		echo '<p class="description">' . esc_html__( 'Same as wp runcloud ssl mode advanced: switches the web app and queues a certificate for every domain, spread under RunCloud\'s rate limit.', 'runcloud-ultimate-multisite' ) . '</p>';
		echo '</form>';
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

		if ( 'runcloud_um_ssl_strategy' === $action ) {
			return $this->save_strategy();
		}
		if ( 'runcloud_um_ssl_advanced' === $action ) {
			return $this->switch_to_advanced();
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
	 * Saves the strategy setting (the nonce and capability are checked by perform()).
	 *
	 * @return array{type: string, message: string}
	 */
	private function save_strategy() {
		if ( $this->plugin->strategy->from_constant() ) {
			return array(
				'type'    => 'error',
				'message' => __( 'The certificate strategy is set by WU_RUNCLOUD_SSL_STRATEGY in wp-config.php; the setting was not changed.', 'runcloud-ultimate-multisite' ),
			);
		}
		$value = isset( $_POST['strategy'] ) ? sanitize_key( wp_unslash( $_POST['strategy'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.
		if ( ! $this->plugin->strategy->save( $value ) ) {
			return array(
				'type'    => 'error',
				/* translators: %s: value */
				'message' => sprintf( __( '"%s" is not a certificate strategy (auto, per-domain, basic); the setting was not changed.', 'runcloud-ultimate-multisite' ), $value ),
			);
		}

		return array(
			'type'    => 'success',
			/* translators: %s: strategy */
			'message' => sprintf( __( 'Certificate strategy: %s.', 'runcloud-ultimate-multisite' ), $value ),
		);
	}

	/**
	 * The migration button (the nonce and capability are checked by perform()).
	 *
	 * @return array{type: string, message: string}
	 */
	private function switch_to_advanced() {
		try {
			$message = $this->plugin->commands->ssl_switch( 'advanced' );
		} catch ( \Throwable $e ) {
			$message = $e instanceof Not_Ready_Exception ? $e->getMessage() : Errors::describe( $e );
			$this->plugin->logger->error( 'Switching to advanced SSL failed: ' . $message . '.' );

			return array(
				'type'    => 'error',
				/* translators: %s: error */
				'message' => $this->plugin->logger->scrub( sprintf( __( 'Switching to advanced SSL failed: %s', 'runcloud-ultimate-multisite' ), $message ) ),
			);
		}

		return array(
			'type'    => 'success',
			'message' => $message,
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
