<?php
/**
 * Network admin: the hooks of every screen, and the actions of the RunCloud page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\Domains\Reconciler;
use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Migration;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Mode;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the admin's hooks (notices, the page, its admin-post actions, the link from Ultimate Multisite's integrations) and
 * runs the page's actions, each after checking its nonce and that the user is a network administrator.
 */
final class Admin {

	const PAGE       = 'runcloud-ultimate-multisite';
	const CAPABILITY = 'manage_network_options';
	const ACTIONS    = array( 'runcloud_um_test', 'runcloud_um_sync', 'runcloud_um_ssl_strategy', 'runcloud_um_ssl_advanced', 'runcloud_um_clear_failures' );

	/** State entry with the names of the server and web app, read by "Test connection". */
	const NAMES = 'names';

	/**
	 * Constructor.
	 *
	 * @param Page            $page            The RunCloud page.
	 * @param Notices         $notices         Notices of every screen.
	 * @param Connection_Test $connection_test "Test connection".
	 * @param Connector       $connector       Reads the names after a test.
	 * @param Settings        $settings        Settings.
	 * @param State           $state           Keeps the names.
	 * @param Logger          $logger          Logger.
	 * @param Ssl_Mode        $mode            The strategy setting and the web app's mode.
	 * @param Ssl_Migration   $migration       "Switch to per-domain certificates".
	 * @param Reconciler      $reconciler      "Sync domains now".
	 */
	public function __construct( public readonly Page $page, private readonly Notices $notices, private readonly Connection_Test $connection_test, private readonly Connector $connector, private readonly Settings $settings, private readonly State $state, private readonly Logger $logger, private readonly Ssl_Mode $mode, private readonly Ssl_Migration $migration, private readonly Reconciler $reconciler ) {}

	/** Every hook of the admin screens. */
	public function register(): void {
		add_action( 'admin_notices', array( $this->notices, 'render_extension' ) );
		add_action( 'network_admin_notices', array( $this->notices, 'render_extension' ) );
		add_action( 'network_admin_notices', array( $this->notices, 'render_network' ) );
		add_action( 'network_admin_menu', array( $this, 'add_page' ) );
		add_filter( 'wu_settings_section_integrations_fields', array( $this, 'link_from_integrations' ), 100 );
		foreach ( self::ACTIONS as $action ) {
			add_action( 'admin_post_' . $action, array( $this, 'handle_post' ) );
		}
	}

	/** Adds Settings > RunCloud to the network admin. */
	public function add_page(): void {
		add_submenu_page( 'settings.php', __( 'RunCloud', 'runcloud-ultimate-multisite' ), __( 'RunCloud', 'runcloud-ultimate-multisite' ), self::CAPABILITY, self::PAGE, array( $this->page, 'render' ) );
	}

	/**
	 * Adds a link to this plugin's page to Ultimate Multisite's RunCloud entry (Settings > Integrations), where the strategy, the
	 * failures and the switch are.
	 *
	 * @param mixed $fields Fields of the integrations section.
	 */
	public function link_from_integrations( mixed $fields ): mixed {
		if ( is_array( $fields ) && isset( $fields['integration_runcloud'] ) && is_array( $fields['integration_runcloud'] ) ) {
			$fields['integration_runcloud']['desc'] = ( $fields['integration_runcloud']['desc'] ?? '' ) . sprintf(
				' <a href="%s" class="button wu-ml-2" id="runcloud-um-settings-link">%s</a>',
				esc_url( network_admin_url( 'settings.php?page=' . self::PAGE ) ),
				esc_html__( 'RunCloud settings and domains', 'runcloud-ultimate-multisite' )
			);
		}
		return $fields;
	}

	/** Handler of admin-post.php: runs the action, stores the result for the page, redirects back. */
	public function handle_post(): void {
		$result = $this->perform( isset( $_REQUEST['action'] ) ? sanitize_key( wp_unslash( $_REQUEST['action'] ) ) : '' ); // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.

		set_site_transient( self::notice_key(), $result, 5 * MINUTE_IN_SECONDS );
		wp_safe_redirect( network_admin_url( 'settings.php?page=' . self::PAGE ) );
		exit;
	}

	/**
	 * Checks the nonce and the capability, then runs one button's action.
	 *
	 * @param string $action One of ACTIONS.
	 * @return array{type: string, message: string}
	 */
	public function perform( string $action ): array {
		if ( ! in_array( $action, self::ACTIONS, true ) ) {
			wp_die( esc_html__( 'Unknown action.', 'runcloud-ultimate-multisite' ), '', array( 'response' => 400 ) );
		}
		check_admin_referer( $action );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this integration.', 'runcloud-ultimate-multisite' ), '', array( 'response' => 403 ) );
		}

		try {
			[ $ok, $message ] = match ( $action ) {
				'runcloud_um_test'           => $this->test(),
				'runcloud_um_sync'           => $this->sync(),
				'runcloud_um_ssl_strategy'   => $this->save_strategy(),
				'runcloud_um_ssl_advanced'   => $this->switch_to_advanced(),
				'runcloud_um_clear_failures' => $this->clear_failures(),
			};
		} catch ( \Throwable $e ) {
			$sync = 'runcloud_um_sync' === $action;
			$this->logger->error( ( $sync ? 'Reconcile' : 'Switching to advanced SSL' ) . ' failed: ' . Errors::describe( $e ) . '.' );
			$ok = false;
			/* translators: %s: error */
			$message = $this->logger->scrub( sprintf( $sync ? __( 'Sync failed: %s', 'runcloud-ultimate-multisite' ) : __( 'Switching to advanced SSL failed: %s', 'runcloud-ultimate-multisite' ), Errors::describe( $e ) ) );
		}
		return array(
			'type'    => $ok ? 'success' : 'error',
			'message' => $message,
		);
	}

	/**
	 * "Test connection"; once it passes, the names of the server and web app and the web app's SSL mode are read (three calls, on
	 * the admin's request, never while rendering).
	 *
	 * @return array{0: bool, 1: string}
	 */
	private function test(): array {
		$ping = $this->connection_test->ping();
		if ( ! $ping['ok'] ) {
			return array( false, $ping['message'] );
		}

		try {
			$this->mode->refresh();
		} catch ( \Throwable $e ) {
			$this->logger->warning( 'Reading the SSL mode failed: ' . Errors::describe( $e ) . '.' );
		}
		try {
			$client  = $this->connector->client();
			$servers = array_column( $client->listServers(), 'name', 'id' );
			$apps    = array_column( $client->listWebApps( $this->settings->server_id() ), 'name', 'id' );
			$names   = array(
				'key'    => $this->settings->webapp_key(),
				'server' => $servers[ $this->settings->server_id() ] ?? null,
				'app'    => $apps[ $this->settings->app_id() ] ?? null,
			);
			$this->state->set( self::NAMES, array_filter( $names, 'is_string' ) );
		} catch ( \Throwable $e ) {
			$this->logger->warning( 'Reading the server and web app names failed: ' . Errors::describe( $e ) . '.' );
		}
		return array( true, $ping['message'] );
	}

	/**
	 * "Sync domains now".
	 *
	 * @return array{0: bool, 1: string}
	 */
	private function sync(): array {
		$report = $this->reconciler->run( false );
		/* translators: 1: added, 2: removed, 3: unchanged, 4: failed */
		$message = sprintf( __( 'Sync done: %1$d added, %2$d removed, %3$d unchanged, %4$d failed (details in the integration-runcloud log).', 'runcloud-ultimate-multisite' ), count( $report['added'] ), count( $report['removed'] ), $report['unchanged'], count( $report['failed'] ) );
		return array( ! $report['failed'], $message );
	}

	/**
	 * Saves the strategy setting.
	 *
	 * @return array{0: bool, 1: string}
	 */
	private function save_strategy(): array {
		if ( $this->mode->from_constant() ) {
			return array( false, __( 'The certificate strategy is set by WU_RUNCLOUD_SSL_STRATEGY in wp-config.php; the setting was not changed.', 'runcloud-ultimate-multisite' ) );
		}
		$value = isset( $_POST['strategy'] ) ? sanitize_key( wp_unslash( $_POST['strategy'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.
		if ( ! $this->mode->save( $value ) ) {
			/* translators: %s: value */
			return array( false, sprintf( __( '"%s" is not a certificate strategy (auto, per-domain, basic); the setting was not changed.', 'runcloud-ultimate-multisite' ), $value ) );
		}

		/* translators: %s: strategy */
		return array( true, sprintf( __( 'Certificate strategy: %s.', 'runcloud-ultimate-multisite' ), $value ) );
	}

	/**
	 * "Switch to per-domain certificates", once confirmed.
	 *
	 * @return array{0: bool, 1: string}
	 */
	private function switch_to_advanced(): array {
		if ( empty( $_POST['confirm'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification -- perform() verifies it.
			return array( false, __( 'Nothing was changed: tick the box to confirm the switch of the web app\'s SSL mode.', 'runcloud-ultimate-multisite' ) );
		}
		$done = $this->migration->to_advanced();
		/* translators: 1: jobs queued, 2: per minute, 3: minutes, 4: names skipped */
		$message = sprintf( __( 'The web app uses advanced SSL now: %1$d certificate job(s) queued, %2$d per minute (about %3$d minute(s)); %4$d name(s) skipped (wildcards and names a wildcard serves). Each domain\'s progress shows in the table of mapped domains.', 'runcloud-ultimate-multisite' ), $done['queued'], $done['per_minute'], $done['minutes'], count( $done['skipped'] ) );
		return array( true, $message );
	}

	/**
	 * "Clear failures".
	 *
	 * @return array{0: bool, 1: string}
	 */
	private function clear_failures(): array {
		$this->logger->clear_failures();
		return array( true, __( 'The list of failures was cleared (the log keeps them).', 'runcloud-ultimate-multisite' ) );
	}

	/** Per-user key of the result the page shows after the redirect. */
	public static function notice_key(): string {
		return State::PREFIX . 'notice_' . get_current_user_id();
	}
}
