<?php
/**
 * Wiring.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Admin\Admin;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Ssl_Guard;
use RunCloud_Ultimate_Multisite\Admin\Notices;
use RunCloud_Ultimate_Multisite\Admin\Page;
use RunCloud_Ultimate_Multisite\Cli\Cli_Command;
use RunCloud_Ultimate_Multisite\Cli\Commands;
use RunCloud_Ultimate_Multisite\RunCloud\Connection_Test;
use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Domains\Dns_Checker;
use RunCloud_Ultimate_Multisite\Ssl\Domain_Certificates;
use RunCloud_Ultimate_Multisite\Domains\Domain_Ids;
use RunCloud_Ultimate_Multisite\Domains\Domain_Sync;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\Jobs\Queue;
use RunCloud_Ultimate_Multisite\Domains\Reconciler;
use RunCloud_Ultimate_Multisite\Jobs\Retry_Policy;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Dispatch;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Migration;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Scheduler;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Strategy;
use RunCloud_Ultimate_Multisite\Storage\State;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Um_Records;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the services once and attaches them to WordPress and Ultimate Multisite.
 */
final class Plugin {

	/**
	 * The instance.
	 *
	 * @var Plugin|null
	 */
	private static $instance = null;

	/**
	 * Services, public for the adapters and the tests.
	 *
	 * @var Settings
	 */
	public $settings;
	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	public $logger;
	/**
	 * Connector.
	 *
	 * @var Connector
	 */
	public $connector;
	/**
	 * State.
	 *
	 * @var State
	 */
	public $state;
	/**
	 * Queue.
	 *
	 * @var Queue
	 */
	public $queue;
	/**
	 * Retry policy.
	 *
	 * @var Retry_Policy
	 */
	public $retry;
	/**
	 * DNS checker.
	 *
	 * @var Dns_Checker
	 */
	public $dns;
	/**
	 * SSL scheduler.
	 *
	 * @var Ssl_Scheduler
	 */
	public $ssl;
	/**
	 * Certificate strategy.
	 *
	 * @var Ssl_Strategy
	 */
	public $strategy;
	/**
	 * RunCloud ids of the domains.
	 *
	 * @var Domain_Ids
	 */
	public $ids;
	/**
	 * Per-domain certificates.
	 *
	 * @var Domain_Certificates
	 */
	public $certificates;
	/**
	 * Basic or per-domain, per request.
	 *
	 * @var Ssl_Dispatch
	 */
	public $dispatch;
	/**
	 * Ultimate Multisite's own records (its check decides `secure`).
	 *
	 * @var Um_Records
	 */
	public $records;
	/**
	 * Basic <-> advanced SSL.
	 *
	 * @var Ssl_Migration
	 */
	public $migration;
	/**
	 * Basic-mode SSL guard.
	 *
	 * @var Basic_Ssl_Guard
	 */
	public $ssl_guard;
	/**
	 * Wildcards.
	 *
	 * @var Wildcards
	 */
	public $wildcards;
	/**
	 * Mapped domains.
	 *
	 * @var Mapped_Domains
	 */
	public $mapped;
	/**
	 * Domain sync.
	 *
	 * @var Domain_Sync
	 */
	public $domain_sync;
	/**
	 * Reconciler.
	 *
	 * @var Reconciler
	 */
	public $reconciler;
	/**
	 * Connection test.
	 *
	 * @var Connection_Test
	 */
	public $connection_test;
	/**
	 * Commands.
	 *
	 * @var Commands
	 */
	public $commands;
	/**
	 * Admin screens.
	 *
	 * @var Admin
	 */
	public $admin;

	/**
	 * Which adapter attached the domain events ('capability' or 'host-provider'), '' if none.
	 *
	 * @var string
	 */
	private $active_adapter = '';

	/**
	 * Events already handled in the current do_action() run (see handle_event()).
	 *
	 * @var array<string, bool>
	 */
	private $handled = array();

	/**
	 * The instance.
	 *
	 * @return Plugin
	 */
	public static function instance() {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}

		return self::$instance;
	}

	/**
	 * Builds the services.
	 */
	private function __construct() {
		$this->settings        = new Settings();
		$this->logger          = new Logger( $this->settings );
		$this->connector       = new Connector( $this->settings, $this->logger );
		$this->state           = new State();
		$this->queue           = new Queue();
		$this->retry           = new Retry_Policy( $this->logger );
		$this->dns             = new Dns_Checker( $this->settings );
		$this->wildcards       = new Wildcards( $this->state, $this->connector, $this->settings );
		$this->mapped          = new Mapped_Domains();
		$this->strategy        = new Ssl_Strategy( $this->settings, $this->state, $this->connector, $this->logger );
		$this->ssl_guard       = new Basic_Ssl_Guard( $this->settings, $this->connector, $this->state, $this->dns, $this->logger, $this->strategy );
		$this->ssl             = new Ssl_Scheduler( $this->settings, $this->connector, $this->state, $this->queue, $this->retry, $this->logger, $this->ssl_guard, $this->mapped );
		$this->ids             = new Domain_Ids( $this->state, $this->settings );
		$this->certificates    = new Domain_Certificates( $this->settings, $this->connector, $this->state, $this->queue, $this->retry, $this->logger, $this->ids, $this->strategy, $this->ssl, $this->mapped );
		$this->dispatch        = new Ssl_Dispatch( $this->strategy, $this->ssl, $this->certificates, $this->logger );
		$this->records         = new Um_Records( $this->dispatch, $this->logger );
		$this->migration       = new Ssl_Migration( $this );
		$this->domain_sync     = new Domain_Sync( $this->settings, $this->connector, $this->state, $this->queue, $this->retry, $this->logger, $this->dns, $this->dispatch, $this->wildcards, $this->mapped, $this->ids );
		$this->reconciler      = new Reconciler( $this->settings, $this->connector, $this->state, $this->logger, $this->mapped, $this->wildcards, $this->domain_sync );
		$this->connection_test = new Connection_Test( $this->settings, $this->connector, $this->wildcards, $this->logger );
		$this->commands        = new Commands( $this );
		$this->admin           = new Admin(
			new Page( $this->settings, $this->state, $this->logger, $this->strategy, $this->ssl, $this->certificates, $this->mapped, $this->ids, $this->wildcards ),
			new Notices( $this->strategy, $this->ssl_guard ),
			$this->connection_test,
			$this->connector,
			$this->settings,
			$this->state,
			$this->logger,
			$this->strategy,
			$this->migration,
			$this->reconciler
		);

		// Ultimate Multisite 2.4.11+ keeps credentials saved in the wizard encrypted; read them even
		// before the registry hands the Integration over (early cron and CLI runs).
		$this->settings->add_source( 'credential-store', array( __CLASS__, 'read_credential_store' ) );
	}

	/**
	 * Hooks into WordPress. Called once from the main plugin file.
	 *
	 * @return void
	 */
	public function boot() {
		$this->admin->register();

		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\WP_CLI' ) ) {
			require_once RUNCLOUD_UM_DIR . 'src/cli/class-cli-command.php';
			\WP_CLI::add_command( 'runcloud', new Cli_Command( $this->commands ) );
		}

		if ( ! Connector::extension_loaded() ) {
			// Without the extension the built-in integration stays in place (it is better than
			// nothing), and the notice tells the admin how to install the extension.
			return;
		}

		// Exactly one adapter per generation: 2.4.11+ has the registry (and still fires the legacy
		// hook, which is ignored there); up to 2.4.10 only the legacy hook exists.
		add_action( 'wu_register_integrations', array( $this, 'register_integration' ), 20 );
		add_action( 'wu_register_capabilities', array( $this, 'register_capability' ), 20 );
		add_action( 'wp_ultimo_host_providers_load', array( $this, 'register_host_provider' ), 20 );
		// Ultimate Multisite's own RunCloud handlers never run beside ours, whatever hooked them while
		// plugins loaded (2.4.11+'s registry resolves its modules at priority 12).
		add_action( 'plugins_loaded', array( $this, 'detach_builtin' ), 13 );

		// Action Scheduler's data store exists only from action_scheduler_init on; asking it
		// earlier is "doing it wrong" and schedules nothing.
		add_action( 'action_scheduler_init', array( $this, 'schedule_reconcile' ) );

		// Jobs of this plugin, queued only while the integration is active.
		add_action( Domain_Sync::RETRY_HOOK, array( $this->domain_sync, 'run_retry' ), 10, 4 );
		// The basic redeploy goes through the dispatch: in per-domain mode it is never sent.
		add_action( Ssl_Scheduler::HOOK, array( $this->dispatch, 'run_basic' ), 10, 1 );
		add_action( Domain_Certificates::HOOK, array( $this->certificates, 'run' ), 10, 4 );
		add_action( Reconciler::HOOK, array( $this, 'run_scheduled_reconcile' ) );

		// Ultimate Multisite's check decides `secure`: kept alive while a certificate is pending, run
		// again at once when one is issued.
		$this->records->register();
		add_action( Domain_Certificates::ISSUED_ACTION, array( $this->records, 'issued' ) );
	}

	/**
	 * Whether this is Ultimate Multisite 2.4.11 or later (the integration registry).
	 *
	 * @return bool
	 */
	public static function has_registry() {
		return class_exists( '\WP_Ultimo\Integrations\Integration_Registry' ) && interface_exists( '\WP_Ultimo\Integrations\Capability_Module' );
	}

	/**
	 * 2.4.11+: replaces the built-in RunCloud integration object with ours, so the setup wizard's
	 * test and its "is set up" check run this plugin's code.
	 *
	 * @param object $registry Ultimate Multisite's Integration_Registry.
	 * @return void
	 */
	public function register_integration( $registry ) {
		if ( ! self::has_registry() || ! is_object( $registry ) || ! method_exists( $registry, 'register' ) ) {
			return;
		}

		require_once RUNCLOUD_UM_DIR . 'src/ultimate-multisite/class-integration.php';
		$registry->register( new Ultimate_Multisite\Integration( $this->connection_test ) );
	}

	/**
	 * 2.4.11+: replaces the built-in RunCloud domain-mapping module with ours (same integration id
	 * and capability id, so the registry keeps only ours).
	 *
	 * @param object $registry Ultimate Multisite's Integration_Registry.
	 * @return void
	 */
	public function register_capability( $registry ) {
		if ( ! interface_exists( '\WP_Ultimo\Integrations\Capability_Module' ) || ! is_object( $registry ) || ! method_exists( $registry, 'add_capability' ) ) {
			return;
		}

		require_once RUNCLOUD_UM_DIR . 'src/ultimate-multisite/class-capability-module.php';
		$registry->add_capability( 'runcloud', new Ultimate_Multisite\Capability_Module( $this, $this->settings, $this->connection_test ) );
	}

	/**
	 * Up to 2.4.10: replaces the built-in RunCloud host provider with ours.
	 *
	 * @return void
	 */
	public function register_host_provider() {
		if ( self::has_registry() || ! class_exists( '\WP_Ultimo\Integrations\Host_Providers\Base_Host_Provider' ) ) {
			return;
		}

		$this->detach_builtin();

		require_once RUNCLOUD_UM_DIR . 'src/ultimate-multisite/class-host-provider.php';
		Ultimate_Multisite\Host_Provider::get_instance();
	}

	/**
	 * Unhooks Ultimate Multisite's own RunCloud domain handlers, so they never call RunCloud beside
	 * ours: up to 2.4.10 the host provider `Runcloud_Host_Provider`, from 2.4.11 on the capability
	 * module `RunCloud_Domain_Mapping` (the registry keeps ours instead, but anything may have hooked
	 * the built-in one). Both hook the same four events.
	 *
	 * @return void
	 */
	public function detach_builtin() {
		global $wp_filter;

		foreach ( array( 'wu_add_domain', 'wu_remove_domain', 'wu_add_subdomain', 'wu_remove_subdomain' ) as $hook ) {
			if ( ! isset( $wp_filter[ $hook ] ) ) {
				continue;
			}
			foreach ( $wp_filter[ $hook ]->callbacks as $priority => $callbacks ) {
				foreach ( $callbacks as $callback ) {
					$handler = $callback['function'];
					if ( is_array( $handler ) && is_object( $handler[0] ) && self::is_builtin( $handler[0] ) ) {
						remove_action( $hook, $handler, $priority );
					}
				}
			}
		}
	}

	/**
	 * Whether $handler is Ultimate Multisite's own RunCloud integration (either generation).
	 *
	 * @param object $handler Object of a hooked method.
	 * @return bool
	 */
	private static function is_builtin( $handler ) {
		return $handler instanceof \WP_Ultimo\Integrations\Host_Providers\Runcloud_Host_Provider
			|| $handler instanceof \WP_Ultimo\Integrations\Providers\RunCloud\RunCloud_Domain_Mapping;
	}

	/**
	 * Called by an adapter's register_hooks(): the integration is enabled and set up.
	 *
	 * @param string $adapter 'capability' or 'host-provider'.
	 * @return void
	 */
	public function activate( $adapter ) {
		if ( '' === $this->active_adapter ) {
			$this->active_adapter = $adapter;
			add_action( 'wu_domain_manager_dns_propagation_finished', array( $this, 'on_dns_propagated' ), 10, 1 );
		}

		if ( did_action( 'action_scheduler_init' ) || ! $this->queue->uses_action_scheduler() ) {
			$this->schedule_reconcile();
		}
	}

	/**
	 * Makes sure the daily reconcile is queued, once the queue can take it and an adapter is active.
	 *
	 * @return void
	 */
	public function schedule_reconcile() {
		if ( ! $this->is_active() ) {
			return;
		}
		if ( $this->queue->uses_action_scheduler() && ! did_action( 'action_scheduler_init' ) ) {
			return;
		}

		$this->queue->ensure_recurring( (int) apply_filters( 'wu_runcloud_reconcile_interval', DAY_IN_SECONDS ), Reconciler::HOOK );
	}

	/**
	 * Whether an adapter activated the integration in this request.
	 *
	 * @return bool
	 */
	public function is_active() {
		return '' !== $this->active_adapter;
	}

	/**
	 * Entry point of the four Ultimate Multisite events, from either adapter.
	 *
	 * If both generations' hooks exist in one install, both adapters are attached to the same
	 * do_action() run; the second call of the same run is ignored.
	 *
	 * @param string   $event   add_domain|remove_domain|add_subdomain|remove_subdomain.
	 * @param string   $name    Domain or subdomain.
	 * @param int|null $site_id Site.
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure, so the job shows as failed.
	 */
	public function handle_event( $event, $name, $site_id ) {
		$hook = 'wu_' . $event;
		if ( doing_action( $hook ) ) {
			$key = $hook . '#' . did_action( $hook ) . '#' . $name;
			if ( isset( $this->handled[ $key ] ) ) {
				return;
			}
			$this->handled[ $key ] = true;
		}

		switch ( $event ) {
			case 'add_domain':
				$this->domain_sync->add_domain( (string) $name, $site_id );
				break;
			case 'remove_domain':
				$this->domain_sync->remove_domain( (string) $name, $site_id );
				break;
			case 'add_subdomain':
				$this->domain_sync->add_subdomain( (string) $name, $site_id );
				break;
			case 'remove_subdomain':
				$this->domain_sync->remove_subdomain( (string) $name, $site_id );
				break;
		}
	}

	/**
	 * Handler of wu_domain_manager_dns_propagation_finished.
	 *
	 * @param mixed $domain Domain model or name.
	 * @return void
	 */
	public function on_dns_propagated( $domain ) {
		$this->domain_sync->dns_propagated( $domain );
	}

	/**
	 * Handler of the recurring reconcile; stops itself when the integration was turned off.
	 *
	 * @return void
	 * @throws Job_Failed_Exception On a permanent failure.
	 */
	public function run_scheduled_reconcile() {
		if ( ! $this->is_active() ) {
			$this->queue->unschedule_all( Reconciler::HOOK );
			$this->logger->info( 'Reconcile unscheduled: the RunCloud integration is not enabled.' );
			return;
		}

		// Certificates that expired or went away: Ultimate Multisite's check decides again.
		$this->records->recheck_secure( array_keys( $this->state->tracked() ) );
		$this->reconciler->run_job();
	}

	/**
	 * Reads a credential saved by Ultimate Multisite 2.4.11+'s wizard (encrypted network option).
	 *
	 * @param string $name Constant name.
	 * @return string
	 */
	public static function read_credential_store( $name ) {
		$stored = get_network_option( null, 'wu_hosting_credential_' . $name, '' );
		if ( empty( $stored ) || ! class_exists( '\WP_Ultimo\Helpers\Credential_Store' ) ) {
			return '';
		}

		return (string) \WP_Ultimo\Helpers\Credential_Store::decrypt( $stored );
	}

	/**
	 * Deactivation: cancels the plugin's jobs.
	 *
	 * @return void
	 */
	public function deactivate() {
		foreach ( array( Reconciler::HOOK, Ssl_Scheduler::HOOK, Domain_Certificates::HOOK, Domain_Sync::RETRY_HOOK ) as $hook ) {
			$this->queue->unschedule_all( $hook );
		}
	}
}
