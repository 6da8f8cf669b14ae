<?php
/**
 * The setup wizard's "test connection".
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\RunCloud;

use RunCloud_Ultimate_Multisite\Admin\Admin;
use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;

defined( 'ABSPATH' ) || exit;

/**
 * Checks, in order, what can be wrong, and says which: the extension, a missing setting, the API
 * address, the credentials (ping), then the server id and web app id (one lookup on the web app).
 */
final class Connection_Test {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Connector.
	 *
	 * @var Connector
	 */
	private $connector;

	/**
	 * Wildcards, refreshed by the same lookup.
	 *
	 * @var Wildcards
	 */
	private $wildcards;

	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Constructor.
	 *
	 * @param Settings  $settings  Settings.
	 * @param Connector $connector Connector.
	 * @param Wildcards $wildcards Wildcards.
	 * @param Logger    $logger    Logger.
	 */
	public function __construct( Settings $settings, Connector $connector, Wildcards $wildcards, Logger $logger ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->wildcards = $wildcards;
		$this->logger    = $logger;
	}

	/**
	 * Runs the test.
	 *
	 * @return true|\WP_Error Error codes: runcloud-extension, runcloud-config, runcloud-unreachable,
	 *                        runcloud-credentials, runcloud-server, runcloud-webapp, runcloud-error.
	 */
	public function run() {
		$result = $this->check();

		if ( is_wp_error( $result ) ) {
			$this->logger->error( 'Connection test failed: ' . $result->get_error_message() );
		} else {
			$this->logger->info( sprintf( 'Connection test passed (server %d, web app %d).', $this->settings->server_id(), $this->settings->app_id() ) );
		}

		return $result;
	}

	/**
	 * The test as Ultimate Multisite's setup wizard runs it, for whoever sent the request: refused
	 * (nothing sent to RunCloud) unless the user is a network administrator, because the wizard's
	 * AJAX action checks neither a nonce nor a capability and any logged-in user can send it.
	 *
	 * The answer is HTML-safe text in short lines, for the wizard's narrow box, which renders it as
	 * HTML: the verdict, then the ids the credentials can see (when an id is wrong), then the advice.
	 *
	 * @return array{ok: bool, code: string, text: string}
	 */
	public function for_wizard() {
		if ( ! ( defined( 'WP_CLI' ) && WP_CLI ) && ! current_user_can( Admin::CAPABILITY ) ) {
			return array(
				'ok'   => false,
				'code' => 'runcloud-forbidden',
				'text' => esc_html__( 'Only a network administrator can run the RunCloud connection test.', 'runcloud-ultimate-multisite' ),
			);
		}

		$result = $this->run();
		if ( ! is_wp_error( $result ) ) {
			return array(
				'ok'   => true,
				'code' => 'ok',
				'text' => esc_html( self::wrap( __( 'Connected to RunCloud: credentials, server and web app are correct.', 'runcloud-ultimate-multisite' ) ) ),
			);
		}

		$data    = $result->get_error_data();
		$message = is_array( $data ) && isset( $data['reason'] ) ? (string) $data['reason'] : $result->get_error_message();
		$visible = is_array( $data ) && isset( $data['visible'] ) ? (array) $data['visible'] : array();
		// The first sentence is the verdict; the rest is advice.
		$parts = preg_split( '/(?<=\.)\s+/', $message, 2 );
		$lines = array( self::wrap( $parts[0] ) );
		if ( $visible ) {
			$lines[] = __( 'These credentials can see:', 'runcloud-ultimate-multisite' );
			foreach ( $visible as $line ) {
				$lines[] = '  ' . $line;
			}
		}
		if ( isset( $parts[1] ) ) {
			$lines[] = self::wrap( $parts[1] );
		}

		return array(
			'ok'   => false,
			'code' => $result->get_error_code(),
			'text' => esc_html( implode( "\n", $lines ) ),
		);
	}

	/**
	 * Breaks a text into lines of at most 60 characters (longer words stay whole).
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private static function wrap( $text ) {
		return wordwrap( $text, 60, "\n", false );
	}

	/**
	 * The checks.
	 *
	 * @return true|\WP_Error
	 */
	private function check() {
		if ( ! Connector::extension_loaded() ) {
			return new \WP_Error( 'runcloud-extension', __( 'The runcloud PHP extension is not loaded, so this integration cannot reach RunCloud. Install runcloud.so and add extension=runcloud.so to php.ini.', 'runcloud-ultimate-multisite' ) );
		}

		$missing = $this->settings->missing();
		if ( $missing ) {
			return new \WP_Error(
				'runcloud-config',
				/* translators: %s: constant names */
				sprintf( __( 'Missing settings: %s.', 'runcloud-ultimate-multisite' ), implode( ', ', $missing ) )
			);
		}

		try {
			$client = $this->connector->client();
			if ( ! $client->ping() ) {
				return new \WP_Error( 'runcloud-unreachable', __( 'The RunCloud API did not answer the ping as expected. Check WU_RUNCLOUD_API_URL.', 'runcloud-ultimate-multisite' ) );
			}
		} catch ( \RunCloud\AuthenticationException $e ) {
			return new \WP_Error(
				'runcloud-credentials',
				sprintf(
					/* translators: 1: which credential, 2: error */
					__( 'RunCloud rejected the %1$s (%2$s). Check the credential and, if the API key is limited to certain IP addresses, that this server\'s address is allowed.', 'runcloud-ultimate-multisite' ),
					'token' === $this->settings->auth_mode() ? __( 'API token (WU_RUNCLOUD_API_TOKEN)', 'runcloud-ultimate-multisite' ) : __( 'API key and secret (WU_RUNCLOUD_API_KEY, WU_RUNCLOUD_API_SECRET)', 'runcloud-ultimate-multisite' ),
					Errors::describe( $e )
				)
			);
		} catch ( \Throwable $e ) {
			return new \WP_Error(
				'runcloud-unreachable',
				/* translators: %s: error */
				sprintf( __( 'Could not reach the RunCloud API: %s.', 'runcloud-ultimate-multisite' ), Errors::describe( $e ) )
			);
		}

		// One lookup under /servers/{id}/webapps/{id}: it fails with 404 when either id is wrong,
		// and it tells whether the wildcard domain exists, which the site events need anyway.
		$probe = $this->probe_name();
		try {
			$found = $client->findDomain( $probe );
			if ( 0 === strpos( $probe, '*.' ) ) {
				$this->wildcards->remember( $probe, null !== $found && ( $found->wildcard || 0 === strpos( $found->name, '*.' ) ) );
			}
		} catch ( \RunCloud\NotFoundException $e ) {
			return $this->with_visible_ids( $this->not_found_error( $e ), $client );
		} catch ( \RunCloud\AuthenticationException $e ) {
			return $this->with_visible_ids(
				new \WP_Error(
					'runcloud-server',
					sprintf(
					/* translators: 1: server id, 2: error */
						__( 'The credentials work, but RunCloud refuses access to server %1$d (%2$s). Check WU_RUNCLOUD_SERVER_ID: the server must belong to this account or workspace.', 'runcloud-ultimate-multisite' ),
						$this->settings->server_id(),
						Errors::describe( $e )
					)
				),
				$client
			);
		} catch ( \Throwable $e ) {
			return new \WP_Error(
				'runcloud-error',
				/* translators: %s: error */
				sprintf( __( 'RunCloud answered with an error: %s.', 'runcloud-ultimate-multisite' ), Errors::describe( $e ) )
			);
		}

		return true;
	}

	/**
	 * Adds to a wrong-id answer the servers those credentials can see, and the web apps of the
	 * configured server (or of each server when that one is not among them), so nobody has to dig
	 * the ids out of the panel's addresses.
	 *
	 * @param \WP_Error        $error  The answer so far.
	 * @param \RunCloud\Client $client Client.
	 * @return \WP_Error
	 */
	private function with_visible_ids( \WP_Error $error, $client ) {
		if ( ! method_exists( $client, 'listServers' ) || ! method_exists( $client, 'listWebApps' ) ) {
			return $error;
		}

		try {
			$servers = $client->listServers();
			$lines   = array();
			$rows    = array();
			$wanted  = $this->settings->server_id();
			$known   = in_array( $wanted, array_map( 'intval', array_column( $servers, 'id' ) ), true );
			foreach ( $servers as $server ) {
				$id   = (int) $server['id'];
				$line = sprintf( '%d (%s)', $id, (string) ( $server['name'] ?? '' ) );
				/* translators: %s: server id and name */
				$rows[] = sprintf( __( 'server %s', 'runcloud-ultimate-multisite' ), $line );
				if ( ! $known || $id === $wanted ) {
					$apps = array();
					foreach ( $client->listWebApps( $id ) as $app ) {
						$apps[] = sprintf( '%d (%s)', (int) $app['id'], (string) ( $app['name'] ?? '' ) );
						/* translators: %s: web app id and name */
						$rows[] = '  ' . sprintf( __( 'web app %s', 'runcloud-ultimate-multisite' ), end( $apps ) );
					}
					if ( ! $apps ) {
						$rows[] = '  ' . __( '(no web app)', 'runcloud-ultimate-multisite' );
					}
					/* translators: %s: list of web app ids and names */
					$line .= ' ' . sprintf( __( 'with web apps %s', 'runcloud-ultimate-multisite' ), $apps ? implode( ', ', $apps ) : __( '(none)', 'runcloud-ultimate-multisite' ) );
				}
				$lines[] = $line;
			}
		} catch ( \Throwable $e ) {
			return $error; // The listing is a help, never a reason to hide the answer.
		}

		$visible = $lines
			/* translators: %s: list of servers with their web apps */
			? sprintf( __( 'These credentials can see server %s.', 'runcloud-ultimate-multisite' ), implode( '; server ', $lines ) )
			: __( 'These credentials can see no server.', 'runcloud-ultimate-multisite' );

		return new \WP_Error(
			$error->get_error_code(),
			$error->get_error_message() . ' ' . $visible,
			array(
				'reason'  => $error->get_error_message(),
				'visible' => $rows ? $rows : array( __( 'no server', 'runcloud-ultimate-multisite' ) ),
			)
		);
	}

	/**
	 * Turns a 404 on the web app into the id that is wrong.
	 *
	 * The API has no call that reads one server without its web app, so RunCloud's message says
	 * which one it did not find; when it does not, both ids are named.
	 *
	 * @param \RunCloud\NotFoundException $e The 404.
	 * @return \WP_Error
	 */
	private function not_found_error( $e ) {
		$message = strtolower( Errors::api_message( $e ) );
		$server  = $this->settings->server_id();
		$app     = $this->settings->app_id();

		if ( preg_match( '/web ?app|application/', $message ) ) {
			return new \WP_Error(
				'runcloud-webapp',
				/* translators: 1: web app id, 2: server id */
				sprintf( __( 'Web app %1$d was not found on server %2$d. Check WU_RUNCLOUD_APP_ID.', 'runcloud-ultimate-multisite' ), $app, $server )
			);
		}
		if ( false !== strpos( $message, 'server' ) ) {
			return new \WP_Error(
				'runcloud-server',
				/* translators: %d: server id */
				sprintf( __( 'Server %d was not found. Check WU_RUNCLOUD_SERVER_ID.', 'runcloud-ultimate-multisite' ), $server )
			);
		}

		return new \WP_Error(
			'runcloud-error',
			sprintf(
				/* translators: 1: server id, 2: web app id, 3: error */
				__( 'Server %1$d or web app %2$d was not found (%3$s). Check WU_RUNCLOUD_SERVER_ID and WU_RUNCLOUD_APP_ID.', 'runcloud-ultimate-multisite' ),
				$server,
				$app,
				Errors::describe( $e )
			)
		);
	}

	/**
	 * The name looked up: the network's wildcard, so that the answer is useful too.
	 *
	 * @return string
	 */
	private function probe_name() {
		$network = function_exists( 'get_network' ) ? get_network() : null;
		$base    = $network ? Domain_Name::normalize( $network->domain ) : '';

		return '' !== $base ? '*.' . $base : 'connection-test.invalid';
	}
}
