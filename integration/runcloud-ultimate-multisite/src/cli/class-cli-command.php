<?php
/**
 * WP-CLI adapter. Loaded only under WP-CLI.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Cli;

use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Manages the RunCloud web app's domains and certificate.
 *
 * ## EXAMPLES
 *
 *     wp runcloud ping
 *     wp runcloud domains list
 *     wp runcloud domains add shop.example.com --www
 *     wp runcloud domains remove shop.example.com
 *     wp runcloud sync --dry-run
 *     wp runcloud ssl status
 *     wp runcloud ssl redeploy
 *     wp runcloud ssl mode
 *     wp runcloud ssl mode advanced
 */
final class Cli_Command {

	/**
	 * Builds the command.
	 *
	 * @param Commands $commands The operations.
	 */
	public function __construct( private readonly Commands $commands ) {}

	/**
	 * Checks credentials, API address, server id and web app id.
	 */
	public function ping(): void {
		$result = $this->commands->ping();
		if ( ! $result['ok'] ) {
			\WP_CLI::error( $result['message'] );
		}
		\WP_CLI::success( $result['message'] );
	}

	/**
	 * Lists, adds or removes domains of the web app.
	 *
	 * ## OPTIONS
	 *
	 * <action>
	 * : list, add or remove.
	 *
	 * [<name>...]
	 * : Domain names (add, remove).
	 *
	 * [--www]
	 * : Serve www.<name> too (add). Without --www or --no-www, the Domain Mapping setting decides.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml, count. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function domains( array $args, array $assoc_args ): void {
		$action = array_shift( $args );
		$format = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $action, $args, $assoc_args, $format ) {
				if ( 'list' === $action ) {
					$rows = $this->commands->domains_list();
					\WP_CLI\Utils\format_items( $format, $rows, array( 'id', 'name', 'type', 'www', 'redirection', 'wildcard', 'tracked' ) );
					return;
				}

				if ( ! in_array( $action, array( 'add', 'remove' ), true ) || ! $args ) {
					\WP_CLI::error( 'Usage: wp runcloud domains list | add <name>... [--www|--no-www] | remove <name>...' );
				}

				$bar  = \WP_CLI\Utils\make_progress_bar( 'add' === $action ? 'Adding domains' : 'Removing domains', max( 1, count( $args ) ) );
				$tick = function ( $done ) use ( $bar ) {
					$bar->tick( $done );
				};

				if ( 'add' === $action ) {
					$www  = array_key_exists( 'www', $assoc_args ) ? (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'www' ) : null;
					$rows = $this->commands->domains_add( $args, $www, $tick );
				} else {
					$rows = $this->commands->domains_remove( $args, $tick );
				}
				$bar->finish();

				\WP_CLI\Utils\format_items( $format, $rows, array( 'name', 'status', 'detail' ) );
				$failed = count( wp_list_filter( $rows, array( 'status' => 'failed' ) ) );
				if ( $failed ) {
					\WP_CLI::error( sprintf( '%d of %d failed.', $failed, count( $rows ) ) );
				}
			}
		);
	}

	/**
	 * Makes the web app's aliases match the network's mapped domains.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : Only show what would change.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function sync( array $args, array $assoc_args ): void {
		$dry_run = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'dry-run', false );
		$format  = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $dry_run, $format ) {
				// Three steps: reading the domain records, the wildcard check, the sync with RunCloud.
				$bar    = \WP_CLI\Utils\make_progress_bar( $dry_run ? 'Comparing domains' : 'Syncing domains', 3 );
				$seen   = array();
				$result = $this->commands->sync(
					$dry_run,
					function ( $step ) use ( $bar, &$seen ) {
						if ( ! isset( $seen[ $step ] ) ) {
							$seen[ $step ] = true;
							$bar->tick();
						}
					}
				);
				$bar->finish();

				if ( $result['rows'] ) {
					\WP_CLI\Utils\format_items( $format, $result['rows'], array( 'name', 'action', 'detail' ) );
				}
				$report = $result['report'];
				$line   = sprintf(
					'%s%d added, %d removed, %d unchanged, %d skipped, %d failed.',
					$dry_run ? 'Dry run: ' : '',
					count( $report['added'] ),
					count( $report['removed'] ),
					$report['unchanged'],
					count( $report['skipped'] ),
					count( $report['failed'] )
				);
				if ( $report['failed'] ) {
					\WP_CLI::error( $line );
				}
				\WP_CLI::success( $line );
			}
		);
	}

	/**
	 * Shows or redeploys the web app's SSL certificate, or shows or switches its SSL mode.
	 *
	 * ## OPTIONS
	 *
	 * <action>
	 * : status, redeploy or mode.
	 *
	 * [<mode>]
	 * : With mode: advanced (one certificate per domain; queues every domain's certificate) or basic.
	 * Without it, the current mode is shown.
	 *
	 * [--format=<format>]
	 * : table, csv, json, yaml. Default: table.
	 *
	 * @param array<int, string>    $args       Positional.
	 * @param array<string, string> $assoc_args Named.
	 */
	public function ssl( array $args, array $assoc_args ): void {
		$action = $args[0] ?? '';
		$target = $args[1] ?? '';
		$format = $assoc_args['format'] ?? 'table';

		$this->guard(
			function () use ( $action, $target, $format ) {
				if ( 'status' === $action ) {
					\WP_CLI\Utils\format_items( $format, $this->commands->ssl_status(), array( 'field', 'value' ) );
					return;
				}
				if ( 'mode' === $action && '' === $target ) {
					\WP_CLI\Utils\format_items( $format, Commands::field_rows( $this->commands->ssl_mode() ), array( 'field', 'value' ) );
					return;
				}
				if ( 'mode' === $action && in_array( $target, array( 'advanced', 'basic' ), true ) ) {
					\WP_CLI::success( $this->commands->ssl_switch( $target ) );
					return;
				}
				if ( 'redeploy' === $action && $this->commands->per_domain() ) {
					\WP_CLI::error( 'Certificates are per domain (advanced SSL): no basic redeploy is sent. Each domain gets its own certificate when its DNS points here; wp runcloud ssl status shows the progress.' );
				}
				if ( 'redeploy' === $action ) {
					\WP_CLI::success( $this->commands->ssl_redeploy() );
					return;
				}
				\WP_CLI::error( 'Usage: wp runcloud ssl status | redeploy | mode [advanced|basic]' );
			}
		);
	}

	/**
	 * Runs a command body, turning failures into WP_CLI::error().
	 *
	 * @param callable(): void $body Body.
	 */
	private function guard( callable $body ): void {
		try {
			$body();
		} catch ( Not_Ready_Exception | Job_Failed_Exception $e ) {
			\WP_CLI::error( $e->getMessage() );
		} catch ( \RunCloud\Exception $e ) {
			\WP_CLI::error( Errors::describe( $e ) );
		}
	}
}
