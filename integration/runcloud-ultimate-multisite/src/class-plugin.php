<?php
/**
 * Wiring.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Admin\Admin;
use RunCloud_Ultimate_Multisite\Admin\Notices;
use RunCloud_Ultimate_Multisite\Admin\Page;
use RunCloud_Ultimate_Multisite\Cli\Cli_Command;
use RunCloud_Ultimate_Multisite\Domains\Dns_Checker;
use RunCloud_Ultimate_Multisite\Domains\Domain_Sync;
use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Domains\Reconciler;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Redeploy;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;
use RunCloud_Ultimate_Multisite\Ssl\Per_Domain;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Chooser;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Migration;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Mode;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Um_Records;

defined( 'ABSPATH' ) || exit;

/**
 * The composition root: builds the services once, each with its dependencies in its constructor, and has each concern register
 * its own hooks. The services are public (read-only) for the objects Ultimate Multisite and WordPress construct themselves (the
 * adapters) and for the tests; no other class reads them from here.
 */
final class Plugin {

	/**
	 * The instance.
	 *
	 * @var Plugin|null
	 */
	private static ?Plugin $instance = null;

	/**
	 * The admin screens, built only where they run.
	 *
	 * @var Admin|null
	 */
	private ?Admin $admin = null;

	/**
	 * Which adapter attached the domain events ('capability' or 'host-provider'), '' if none.
	 *
	 * @var string
	 */
	private string $active_adapter = '';

	/** The instance, its services built on the first call. */
	public static function instance(): Plugin {
		if ( null === self::$instance ) {
			$settings        = new Settings();
			$logger          = new Logger( $settings );
			$connector       = new Connector( $settings, $logger->extension_logger() );
			$state           = new State();
			$queue           = new Queue();
			$retry           = new Retry_Policy( $logger );
			$dns             = new Dns_Checker( $settings );
			$mapped          = new Mapped_Domains();
			$ledger          = new Ledger( $state, $settings );
			$wildcards       = new Wildcards( $state, $connector, $settings );
			$mode            = new Ssl_Mode( $settings, $state, $connector, $logger );
			$guard           = new Basic_Ssl_Guard( $settings, $connector, $state, $dns, $logger, $mode, $mapped );
			$basic           = new Basic_Redeploy( $settings, $connector, $state, $queue, $retry, $logger, $guard, $mapped, $ledger );
			$per_domain      = new Per_Domain( $settings, $connector, $queue, $retry, $logger, $ledger, $mapped );
			$ssl             = new Ssl_Chooser( $mode, $basic, $per_domain, $logger );
			$migration       = new Ssl_Migration( $connector, $mode, $guard, $basic, $per_domain, $ledger, $logger );
			$records         = new Um_Records( $ssl, $mapped, $logger );
			$sync            = new Domain_Sync( $connector, $ledger, $queue, $retry, $logger, $dns, $ssl, $wildcards, $mapped );
			$reconciler      = new Reconciler( $connector, $ledger, $state, $logger, $mapped, $wildcards, $sync, $queue, $records );
			$connection_test = new Connection_Test( $settings, $connector, $wildcards, $logger );
			self::$instance  = new self( $settings, $logger, $connector, $state, $queue, $retry, $mapped, $ledger, $wildcards, $mode, $guard, $basic, $per_domain, $ssl, $migration, $records, $sync, $reconciler, $connection_test );
		}
		return self::$instance;
	}

	/**
	 * Keeps the services.
	 *
	 * @param Settings        $settings        Settings.
	 * @param Logger          $logger          Log sink.
	 * @param Connector       $connector       RunCloud client.
	 * @param State           $state           Option store.
	 * @param Queue           $queue           Job queue.
	 * @param Retry_Policy    $retry           Retry policy.
	 * @param Mapped_Domains  $mapped          Ultimate Multisite's mapped domains.
	 * @param Ledger          $ledger          What is known about each name.
	 * @param Wildcards       $wildcards       Wildcard domains of the web app.
	 * @param Ssl_Mode        $mode            Certificate strategy and SSL mode.
	 * @param Basic_Ssl_Guard $guard           Basic-mode guard.
	 * @param Basic_Redeploy  $basic           The basic certificate.
	 * @param Per_Domain      $per_domain      Per-domain certificates.
	 * @param Ssl_Chooser     $ssl             The SSL chooser.
	 * @param Ssl_Migration   $migration       Basic <-> advanced SSL.
	 * @param Um_Records      $records         Ultimate Multisite's records (`secure`).
	 * @param Domain_Sync     $sync            The domain events.
	 * @param Reconciler      $reconciler      Reconcile.
	 * @param Connection_Test $connection_test Connection test.
	 */
	private function __construct(
		public readonly Settings $settings,
		public readonly Logger $logger,
		public readonly Connector $connector,
		public readonly State $state,
		public readonly Queue $queue,
		public readonly Retry_Policy $retry,
		public readonly Mapped_Domains $mapped,
		public readonly Ledger $ledger,
		public readonly Wildcards $wildcards,
		public readonly Ssl_Mode $mode,
		public readonly Basic_Ssl_Guard $guard,
		public readonly Basic_Redeploy $basic,
		public readonly Per_Domain $per_domain,
		public readonly Ssl_Chooser $ssl,
		public readonly Ssl_Migration $migration,
		public readonly Um_Records $records,
		public readonly Domain_Sync $sync,
		public readonly Reconciler $reconciler,
		public readonly Connection_Test $connection_test
	) {
		// 2.4.11+ keeps wizard credentials encrypted; read them before the registry hands the Integration over (early cron, CLI).
		$this->settings->add_source( 'credential-store', array( __CLASS__, 'read_credential_store' ) );
	}

	/** The admin screens (built on first use: only the network admin, admin-ajax and admin-post ask). */
	public function admin(): Admin {
		return $this->admin ??= new Admin(
			new Page( $this->settings, $this->state, $this->logger, $this->mode, $this->basic, $this->ledger, $this->mapped, $this->wildcards ),
			new Notices( $this->mode, $this->guard ),
			$this->connection_test,
			$this->connector,
			$this->settings,
			$this->state,
			$this->logger,
			$this->mode,
			$this->migration,
			$this->reconciler
		);
	}

	/** Hooks into WordPress. Called once from the main plugin file. */
	public function boot(): void {
		if ( is_admin() ) {
			$this->admin()->register(); // The network admin, admin-ajax, admin-post.
		}
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\WP_CLI' ) ) {
			\WP_CLI::add_command( 'runcloud', new Cli_Command( $this->connector, $this->logger, $this->connection_test, $this->ledger, $this->mapped, $this->sync, $this->reconciler, $this->mode, $this->basic, $this->guard, $this->migration ) );
		}

		if ( ! Connector::extension_loaded() ) {
			// Without the extension the built-in integration stays (better than nothing); the notice says how to install it.
			return;
		}

		// One adapter per generation: 2.4.11+ has the registry (and ignores the legacy hook there); up to 2.4.10 only the legacy hook.
		add_action( 'wu_register_integrations', array( $this, 'register_integration' ), 20 );
		add_action( 'wu_register_capabilities', array( $this, 'register_capability' ), 20 );
		add_action( 'wp_ultimo_host_providers_load', array( $this, 'register_host_provider' ), 20 );
		// Ultimate Multisite's own RunCloud handlers never run beside ours (2.4.11+'s registry resolves its modules at priority 12).
		add_action( 'plugins_loaded', array( $this, 'detach_builtin' ), 13 );

		// Each concern's own hooks; their jobs are queued only while the integration is active.
		$this->sync->register();
		$this->ssl->register();
		$this->reconciler->register();
		// Ultimate Multisite's check decides `secure`: kept alive while a certificate is pending, run again when one is issued.
		$this->records->register();
	}

	/** Whether this is Ultimate Multisite 2.4.11 or later (the integration registry). */
	public static function has_registry(): bool {
		return class_exists( '\WP_Ultimo\Integrations\Integration_Registry' ) && interface_exists( '\WP_Ultimo\Integrations\Capability_Module' );
	}

	/**
	 * 2.4.11+: replaces the built-in RunCloud integration object with ours, so the setup wizard's test and its "is set up" check
	 * run this plugin's code.
	 *
	 * @param mixed $registry Ultimate Multisite's Integration_Registry.
	 */
	public function register_integration( mixed $registry ): void {
		if ( self::has_registry() && $registry instanceof \WP_Ultimo\Integrations\Integration_Registry ) {
			require_once __DIR__ . '/ultimate-multisite/class-integration.php';
			$registry->register( new Ultimate_Multisite\Integration( $this->connection_test ) );
		}
	}

	/**
	 * 2.4.11+: replaces the built-in RunCloud domain-mapping module with ours (same integration id and capability id, so the
	 * registry keeps only ours).
	 *
	 * @param mixed $registry Ultimate Multisite's Integration_Registry.
	 */
	public function register_capability( mixed $registry ): void {
		if ( self::has_registry() && $registry instanceof \WP_Ultimo\Integrations\Integration_Registry ) {
			require_once __DIR__ . '/ultimate-multisite/class-capability-module.php';
			$registry->add_capability( 'runcloud', new Ultimate_Multisite\Capability_Module( $this, $this->sync, $this->settings, $this->connection_test ) );
		}
	}

	/** Up to 2.4.10: replaces the built-in RunCloud host provider with ours. */
	public function register_host_provider(): void {
		if ( self::has_registry() || ! class_exists( '\WP_Ultimo\Integrations\Host_Providers\Base_Host_Provider' ) ) {
			return;
		}
		$this->detach_builtin();
		require_once __DIR__ . '/ultimate-multisite/class-host-provider.php';
		Ultimate_Multisite\Host_Provider::get_instance();
	}

	/**
	 * Unhooks Ultimate Multisite's own RunCloud domain handlers, so they never call RunCloud beside ours: up to 2.4.10 the host
	 * provider `Runcloud_Host_Provider`, from 2.4.11 on the capability module `RunCloud_Domain_Mapping` (the registry keeps ours
	 * instead, but anything may have hooked the built-in one). Both hook the same four events.
	 */
	public function detach_builtin(): void {
		global $wp_filter;

		foreach ( array( 'wu_add_domain', 'wu_remove_domain', 'wu_add_subdomain', 'wu_remove_subdomain' ) as $hook ) {
			foreach ( isset( $wp_filter[ $hook ] ) ? $wp_filter[ $hook ]->callbacks : array() as $priority => $callbacks ) {
				foreach ( $callbacks as $callback ) {
					$handler = $callback['function'];
					// Class names as strings: each generation has only one of the two classes.
					if ( is_array( $handler ) && is_object( $handler[0] ) && ( is_a( $handler[0], 'WP_Ultimo\Integrations\Host_Providers\Runcloud_Host_Provider' ) || is_a( $handler[0], 'WP_Ultimo\Integrations\Providers\RunCloud\RunCloud_Domain_Mapping' ) ) ) {
						remove_action( $hook, $handler, $priority );
					}
				}
			}
		}
	}

	/**
	 * Called by an adapter's register_hooks(): the integration is enabled and set up.
	 *
	 * @param string $adapter 'capability' or 'host-provider'.
	 */
	public function activate( string $adapter ): void {
		if ( '' === $this->active_adapter ) {
			$this->active_adapter = $adapter;
			$this->sync->watch_dns();
		}
		$this->reconciler->activate();
	}

	/** Whether an adapter activated the integration in this request. */
	public function is_active(): bool {
		return '' !== $this->active_adapter;
	}

	/**
	 * Reads a credential saved by Ultimate Multisite 2.4.11+'s wizard (encrypted network option).
	 *
	 * @param string $name Constant name.
	 */
	public static function read_credential_store( string $name ): string {
		$stored = get_network_option( null, 'wu_hosting_credential_' . $name, '' );
		if ( empty( $stored ) || ! class_exists( '\WP_Ultimo\Helpers\Credential_Store' ) ) {
			return '';
		}
		return (string) \WP_Ultimo\Helpers\Credential_Store::decrypt( $stored );
	}

	/** Deactivation: cancels the plugin's jobs. */
	public function deactivate(): void {
		foreach ( array( Reconciler::HOOK, Basic_Redeploy::HOOK, Per_Domain::HOOK, Domain_Sync::RETRY_HOOK ) as $hook ) {
			$this->queue->unschedule_all( $hook );
		}
	}
}
