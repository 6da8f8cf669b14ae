<?php
/**
 * Network admin: the missing-extension notice and the RunCloud page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;
use RunCloud_Ultimate_Multisite\Plugin;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * Settings > RunCloud in the network admin shows the configuration status, the last failures, the
 * network's mapped domains (Domains_Table) and has the buttons "Test connection", "Sync domains
 * now", "Clear failures", the certificate strategy setting and "Switch to per-domain
 * certificates", each a nonce-protected admin-post action limited to network administrators.
 */
final class Admin {

	const PAGE       = 'runcloud-ultimate-multisite';
	const CAPABILITY = 'manage_network_options';
	const ACTIONS    = array( 'runcloud_um_test', 'runcloud_um_sync', 'runcloud_um_ssl_strategy', 'runcloud_um_ssl_advanced', 'runcloud_um_clear_failures' );

	/** State entry with the names of the server and web app, read by "Test connection". */
	const NAMES = 'names';

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
		add_filter( 'wu_settings_section_integrations_fields', array( $this, 'link_from_integrations' ), 100 );
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
			$this->render_button( 'runcloud_um_clear_failures', __( 'Clear failures', 'runcloud-ultimate-multisite' ) );
		}
		$url = $this->plugin->logger->log_url();
		if ( '' !== $url ) {
			echo '<p><a href="' . esc_url( $url ) . '">' . esc_html__( 'Open the integration-runcloud log', 'runcloud-ultimate-multisite' ) . '</a></p>';
		}
	}

	/**
	 * One admin-post button with its nonce.
	 *
	 * @param string $action One of ACTIONS.
	 * @param string $label  Label.
	 * @return void
	 */
	private function render_button( $action, $label ) {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="display:inline-block;margin:1em 1em 0 0">';
		echo '<input type="hidden" name="action" value="' . esc_attr( $action ) . '" />';
		wp_nonce_field( $action );
		echo '<button type="submit" class="button" id="' . esc_attr( str_replace( '_', '-', $action ) ) . '">' . esc_html( $label ) . '</button>';
		echo '</form>';
	}

	/**
	 * Adds a link to this plugin's page to Ultimate Multisite's RunCloud entry (Settings >
	 * Integrations), where the strategy, the failures and the switch are.
	 *
	 * @param array $fields Fields of the integrations section.
	 * @return array
	 */
	public function link_from_integrations( $fields ) {
		if ( is_array( $fields ) && isset( $fields['integration_runcloud'] ) && is_array( $fields['integration_runcloud'] ) ) {
			$fields['integration_runcloud']['desc'] = ( $fields['integration_runcloud']['desc'] ?? '' ) . sprintf(
				' <a href="%s" class="button wu-ml-2" id="runcloud-um-settings-link">%s</a>',
				esc_url( network_admin_url( 'settings.php?page=' . self::PAGE ) ),
				esc_html__( 'RunCloud settings and domains', 'runcloud-ultimate-multisite' )
			);
		}

		return $fields;
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
		$invalid = $this->plugin->mode->invalid();
		if ( '' === $invalid || ! current_user_can( self::CAPABILITY ) ) {
			return;
		}

		printf(
			'<div class="notice notice-error"><p>%s</p></div>',
			esc_html(
				sprintf(
					/* translators: 1: where the value is set, 2: the value */
					__( 'RunCloud for Ultimate Multisite: the certificate strategy (%1$s) is "%2$s", which is not auto, per-domain or basic; auto is used until it is corrected.', 'runcloud-ultimate-multisite' ),
					$this->plugin->mode->from_constant() ? 'WU_RUNCLOUD_SSL_STRATEGY' : __( 'Network Admin > Settings > RunCloud', 'runcloud-ultimate-multisite' ),
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
			__( 'Server / web app', 'runcloud-ultimate-multisite' ) => $this->server_and_app(),
			__( 'Missing settings', 'runcloud-ultimate-multisite' ) => implode( ', ', $settings->missing() ),
			__( 'Pending SSL redeploy', 'runcloud-ultimate-multisite' ) => $this->pending_redeploy(),
			__( 'Certificate strategy', 'runcloud-ultimate-multisite' ) => $this->plugin->mode->configured() . ( $this->plugin->mode->from_constant() ? ' (WU_RUNCLOUD_SSL_STRATEGY)' : '' ),
			__( 'SSL mode of the web app', 'runcloud-ultimate-multisite' ) => $this->known_mode(),
			/* translators: 1: covered, 2: pending, 3: failed */
			__( 'Domain certificates', 'runcloud-ultimate-multisite' ) => vsprintf( __( '%1$d covered, %2$d pending, %3$d failed', 'runcloud-ultimate-multisite' ), array_values( $this->plugin->ledger->certificate_counts() ) ),
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

		$this->render_failures();
		$this->render_strategy_form();
		$this->render_domains();
		echo '</div>';
	}

	/**
	 * The table of mapped domains, with its search box.
	 *
	 * @return void
	 */
	private function render_domains() {
		if ( ! class_exists( '\WP_List_Table' ) ) {
			require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
		}
		$table = new Domains_Table( $this->plugin );
		$table->prepare_items();

		echo '<h2 id="runcloud-um-domains">' . esc_html__( 'Mapped domains', 'runcloud-ultimate-multisite' ) . '</h2>';
		echo '<form method="get" action="' . esc_url( network_admin_url( 'settings.php' ) ) . '">';
		echo '<input type="hidden" name="page" value="' . esc_attr( self::PAGE ) . '" />';
		$table->search_box( __( 'Filter domains', 'runcloud-ultimate-multisite' ), 'runcloud-um-domain' );
		$table->display();
		echo '</form>';
	}

	/**
	 * The server and web app, by name when "Test connection" read the names.
	 *
	 * @return string
	 */
	private function server_and_app() {
		$settings = $this->plugin->settings;
		$names    = (array) $this->plugin->state->get( self::NAMES, array() );
		if ( ( $names['key'] ?? '' ) === $settings->webapp_key() && isset( $names['server'], $names['app'] ) ) {
			return sprintf( '%s (%d) / %s (%d)', $names['server'], $settings->server_id(), $names['app'], $settings->app_id() );
		}

		/* translators: 1: server id, 2: web app id */
		return sprintf( __( '%1$d / %2$d (ids; "Test connection" reads their names)', 'runcloud-ultimate-multisite' ), $settings->server_id(), $settings->app_id() );
	}

	/**
	 * Names waiting for the basic certificate's redeploy that are on RunCloud; those whose add has
	 * not succeeded (yet) are counted apart, as no redeploy can cover them before it does.
	 *
	 * @return string
	 */
	private function pending_redeploy() {
		$tracked = $this->plugin->ledger->tracked();
		$on      = array();
		$waiting = 0;
		foreach ( $this->plugin->basic->pending() as $name ) {
			if ( isset( $tracked[ $name ] ) ) {
				$on[] = $name;
			} else {
				++$waiting;
			}
		}
		$text = implode( ', ', $on );
		if ( $waiting ) {
			/* translators: %d: number of domains */
			$text .= ( '' === $text ? '' : '; ' ) . sprintf( _n( '%d domain waits for its add to RunCloud', '%d domains wait for their add to RunCloud', $waiting, 'runcloud-ultimate-multisite' ), $waiting );
		}

		return $text;
	}

	/**
	 * Reads the names of the configured server and web app and the web app's SSL mode (after a
	 * successful connection test: three calls, on the admin's request, never while rendering).
	 *
	 * @return void
	 */
	private function read_names_and_mode() {
		try {
			$this->plugin->mode->refresh();
		} catch ( \Throwable $e ) {
			$this->plugin->logger->warning( 'Reading the SSL mode failed: ' . Errors::describe( $e ) . '.' );
		}

		$client = $this->plugin->connector->client();
		if ( ! method_exists( $client, 'listServers' ) || ! method_exists( $client, 'listWebApps' ) ) {
			return;
		}
		$settings = $this->plugin->settings;
		$names    = array( 'key' => $settings->webapp_key() );
		try {
			foreach ( $client->listServers() as $server ) {
				if ( (int) $server['id'] === $settings->server_id() ) {
					$names['server'] = (string) ( $server['name'] ?? '' );
				}
			}
			foreach ( $client->listWebApps( $settings->server_id() ) as $app ) {
				if ( (int) $app['id'] === $settings->app_id() ) {
					$names['app'] = (string) ( $app['name'] ?? '' );
				}
			}
		} catch ( \Throwable $e ) {
			$this->plugin->logger->warning( 'Reading the server and web app names failed: ' . Errors::describe( $e ) . '.' );
			return;
		}
		$this->plugin->state->set( self::NAMES, $names );
	}

	/**
	 * The remembered SSL mode, for the page (no call to RunCloud while rendering).
	 *
	 * @return string
	 */
	private function known_mode() {
		$mode = $this->plugin->mode->known();
		if ( null === $mode ) {
			return __( 'unknown: "Test connection" reads it (and so does the first certificate)', 'runcloud-ultimate-multisite' );
		}

		return $mode['advanced'] ? __( 'advanced (one certificate per domain)', 'runcloud-ultimate-multisite' ) : __( 'basic (one certificate for every name)', 'runcloud-ultimate-multisite' );
	}

	/**
	 * The strategy setting and the migration button.
	 *
	 * @return void
	 */
	private function render_strategy_form() {
		$strategy = $this->plugin->mode;
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
		echo '<p class="description">' . esc_html__( 'Switches the live web app to RunCloud\'s advanced SSL mode and queues a certificate for every domain, spread under RunCloud\'s rate limit. Each domain\'s progress shows in the table of mapped domains below.', 'runcloud-ultimate-multisite' ) . '</p>';
		echo '<p><label><input type="checkbox" name="confirm" value="1" id="runcloud-um-ssl-confirm" required /> ' . esc_html__( 'I want to change the web app\'s SSL mode now.', 'runcloud-ultimate-multisite' ) . '</label></p>';
		echo '<button type="submit" class="button" id="runcloud-um-ssl-advanced">' . esc_html__( 'Switch to per-domain certificates', 'runcloud-ultimate-multisite' ) . '</button>';
		echo '</form>';
	}

	/**
	 * Handler of admin-post.php: runs the action, stores the result for the page, redirects back.
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
		if ( 'runcloud_um_clear_failures' === $action ) {
			delete_site_option( Logger::FAILURES_OPTION );

			return array(
				'type'    => 'success',
				'message' => __( 'The list of failures was cleared (the log keeps them).', 'runcloud-ultimate-multisite' ),
			);
		}

		if ( 'runcloud_um_test' === $action ) {
			$ping = $this->plugin->commands()->ping();
			if ( $ping['ok'] ) {
				$this->read_names_and_mode();
			}

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
		if ( $this->plugin->mode->from_constant() ) {
			return array(
				'type'    => 'error',
				'message' => __( 'The certificate strategy is set by WU_RUNCLOUD_SSL_STRATEGY in wp-config.php; the setting was not changed.', 'runcloud-ultimate-multisite' ),
			);
		}
		$value = isset( $_POST['strategy'] ) ? sanitize_key( wp_unslash( $_POST['strategy'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.
		if ( ! $this->plugin->mode->save( $value ) ) {
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
		if ( empty( $_POST['confirm'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.
			return array(
				'type'    => 'error',
				'message' => __( 'Nothing was changed: tick the box to confirm the switch of the web app\'s SSL mode.', 'runcloud-ultimate-multisite' ),
			);
		}
		try {
			$done    = $this->plugin->migration->to_advanced();
			$message = sprintf(
				/* translators: 1: jobs queued, 2: per minute, 3: minutes, 4: names skipped */
				__( 'The web app uses advanced SSL now: %1$d certificate job(s) queued, %2$d per minute (about %3$d minute(s)); %4$d name(s) skipped (wildcards and names a wildcard serves). Each domain\'s progress shows in the table of mapped domains.', 'runcloud-ultimate-multisite' ),
				$done['queued'],
				$done['per_minute'],
				$done['minutes'],
				count( $done['skipped'] )
			);
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
