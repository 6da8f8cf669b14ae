<?php
/**
 * The setup wizard's "test connection".
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\RunCloud;

use RunCloud_Ultimate_Multisite\Admin\Admin;
use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Checks, in order, what can be wrong, and says which: the extension, a missing setting, the API address, the credentials (ping),
 * then the server id and web app id (one lookup on the web app).
 */
final class Connection_Test {

	/** Characters per line of the wizard's narrow box (wordwrap() keeps longer words whole). */
	const WIDTH = 60;

	/**
	 * Constructor.
	 *
	 * @param Settings  $settings  Settings.
	 * @param Connector $connector Connector.
	 * @param Wildcards $wildcards Wildcards, refreshed by the same lookup.
	 * @param Logger    $logger    Logger.
	 */
	public function __construct( private readonly Settings $settings, private readonly Connector $connector, private readonly Wildcards $wildcards, private readonly Logger $logger ) {}

	/**
	 * Runs the test. Error codes: runcloud-extension, runcloud-config, runcloud-unreachable, runcloud-credentials,
	 * runcloud-server, runcloud-webapp, runcloud-error.
	 */
	public function run(): true|\WP_Error {
		$result = $this->check();

		if ( is_wp_error( $result ) ) {
			$this->logger->error( 'Connection test failed: ' . $result->get_error_message() );
		} else {
			$this->logger->info( sprintf( 'Connection test passed (server %d, web app %d).', $this->settings->server_id(), $this->settings->app_id() ) );
		}
		return $result;
	}

	/**
	 * The test's verdict in one line, with the rate limit RunCloud announced (the admin page's and the command line's).
	 *
	 * @return array{ok: bool, code: string, message: string}
	 */
	public function ping(): array {
		$result = $this->run();
		if ( is_wp_error( $result ) ) {
			return array(
				'ok'      => false,
				'code'    => (string) $result->get_error_code(),
				'message' => $result->get_error_message(),
			);
		}

		$limit = $this->connector->client()->rateLimit();
		$rate  = match ( true ) {
			null === ( $limit['limit'] ?? null )     => '',
			null === ( $limit['remaining'] ?? null ) => sprintf( ' (rate limit %d a minute)', $limit['limit'] ),
			default                                  => sprintf( ' (rate limit %d, %d left this minute)', $limit['limit'], $limit['remaining'] ),
		};
		return array(
			'ok'      => true,
			'code'    => 'ok',
			'message' => sprintf( 'Connected to RunCloud: server %d, web app %d%s.', $this->settings->server_id(), $this->settings->app_id(), $rate ),
		);
	}

	/**
	 * The test as Ultimate Multisite's setup wizard runs it, for whoever sent the request: refused (nothing sent to RunCloud)
	 * unless the user is a network administrator, because the wizard's AJAX action checks neither a nonce nor a capability and
	 * any logged-in user can send it.
	 *
	 * The answer is HTML-safe text in short lines, for the wizard's narrow box, which renders it as HTML: the verdict, then the
	 * ids the credentials can see (when an id is wrong), then the advice.
	 *
	 * @return array{ok: bool, code: string, text: string}
	 */
	public function for_wizard(): array {
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
				'text' => esc_html( wordwrap( __( 'Connected to RunCloud: credentials, server and web app are correct.', 'runcloud-ultimate-multisite' ), self::WIDTH ) ),
			);
		}

		$data = (array) $result->get_error_data();
		// The first sentence is the verdict; the rest is advice.
		$parts = (array) preg_split( '/(?<=\.)\s+/', (string) ( $data['reason'] ?? $result->get_error_message() ), 2 );
		$lines = array( wordwrap( (string) $parts[0], self::WIDTH ) );
		if ( ! empty( $data['visible'] ) ) {
			$lines[] = __( 'These credentials can see:', 'runcloud-ultimate-multisite' );
			foreach ( (array) $data['visible'] as $line ) {
				$lines[] = '  ' . $line;
			}
		}
		if ( isset( $parts[1] ) ) {
			$lines[] = wordwrap( (string) $parts[1], self::WIDTH );
		}
		return array(
			'ok'   => false,
			'code' => (string) $result->get_error_code(),
			'text' => esc_html( implode( "\n", $lines ) ),
		);
	}

	/** The checks. */
	private function check(): true|\WP_Error {
		if ( ! Connector::extension_loaded() ) {
			return new \WP_Error( 'runcloud-extension', __( 'The runcloud PHP extension is not loaded, so this integration cannot reach RunCloud. Install runcloud.so and add extension=runcloud.so to php.ini.', 'runcloud-ultimate-multisite' ) );
		}

		$missing = $this->settings->missing();
		if ( $missing ) {
			/* translators: %s: constant names */
			return new \WP_Error( 'runcloud-config', sprintf( __( 'Missing settings: %s.', 'runcloud-ultimate-multisite' ), implode( ', ', $missing ) ) );
		}

		try {
			$client = $this->connector->client();
			if ( ! $client->ping() ) {
				return new \WP_Error( 'runcloud-unreachable', __( 'The RunCloud API did not answer the ping as expected. Check WU_RUNCLOUD_API_URL.', 'runcloud-ultimate-multisite' ) );
			}
		} catch ( \RunCloud\AuthenticationException $e ) {
			$credential = 'token' === $this->settings->auth_mode() ? __( 'API token (WU_RUNCLOUD_API_TOKEN)', 'runcloud-ultimate-multisite' ) : __( 'API key and secret (WU_RUNCLOUD_API_KEY, WU_RUNCLOUD_API_SECRET)', 'runcloud-ultimate-multisite' );
			/* translators: 1: which credential, 2: error */
			return new \WP_Error( 'runcloud-credentials', sprintf( __( 'RunCloud rejected the %1$s (%2$s). Check the credential and, if the API key is limited to certain IP addresses, that this server\'s address is allowed.', 'runcloud-ultimate-multisite' ), $credential, Errors::describe( $e ) ) );
		} catch ( \Throwable $e ) {
			/* translators: %s: error */
			return new \WP_Error( 'runcloud-unreachable', sprintf( __( 'Could not reach the RunCloud API: %s.', 'runcloud-ultimate-multisite' ), Errors::describe( $e ) ) );
		}

		// One lookup under /servers/{id}/webapps/{id}: a 404 when either id is wrong. Looking up the network's wildcard also
		// tells whether it exists, which the site events need anyway.
		$base  = get_network() ? Domain_Name::normalize( get_network()->domain ) : '';
		$probe = '' !== $base ? '*.' . $base : 'connection-test.invalid';
		try {
			$found = $client->findDomain( $probe );
			if ( str_starts_with( $probe, '*.' ) ) {
				$this->wildcards->remember( $probe, null !== $found && $found->wildcard );
			}
		} catch ( \RunCloud\NotFoundException | \RunCloud\AuthenticationException $e ) {
			return $this->wrong_id( $e, $client );
		} catch ( \Throwable $e ) {
			/* translators: %s: error */
			return new \WP_Error( 'runcloud-error', sprintf( __( 'RunCloud answered with an error: %s.', 'runcloud-ultimate-multisite' ), Errors::describe( $e ) ) );
		}
		return true;
	}

	/**
	 * Names the id that is wrong, from what the credentials can see: the servers, and the web apps of the configured server (or
	 * of each server when that one is not among them), listed in the answer so nobody has to dig the ids out of the panel's
	 * addresses. The listing decides which id is wrong, not RunCloud's wording: the server when they cannot see it, else the web
	 * app (the lookup went to a server they can see); when the listing fails, both ids are named.
	 *
	 * @param \RunCloud\ApiException $e      The 404 (an id not found) or 401/403 (a server of another account).
	 * @param \RunCloud\Client       $client Client.
	 */
	private function wrong_id( \RunCloud\ApiException $e, \RunCloud\Client $client ): \WP_Error {
		$server = $this->settings->server_id();
		$app    = $this->settings->app_id();
		$rows   = array();
		$lines  = array();
		try {
			$servers = $client->listServers();
			$known   = in_array( $server, array_map( 'intval', array_column( $servers, 'id' ) ), true );
			foreach ( $servers as $row ) {
				$id   = (int) $row['id'];
				$line = sprintf( '%d (%s)', $id, (string) ( $row['name'] ?? '' ) );
				/* translators: %s: server id and name */
				$rows[] = sprintf( __( 'server %s', 'runcloud-ultimate-multisite' ), $line );
				if ( ! $known || $id === $server ) {
					$apps = array();
					foreach ( $client->listWebApps( $id ) as $web_app ) {
						$apps[] = sprintf( '%d (%s)', (int) $web_app['id'], (string) ( $web_app['name'] ?? '' ) );
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
		} catch ( \Throwable ) {
			$known = null; // The listing is a help, never a reason to hide the answer.
		}

		if ( $e instanceof \RunCloud\AuthenticationException ) {
			$code = 'runcloud-server';
			/* translators: 1: server id, 2: error */
			$reason = sprintf( __( 'The credentials work, but RunCloud refuses access to server %1$d (%2$s). Check WU_RUNCLOUD_SERVER_ID: the server must belong to this account or workspace.', 'runcloud-ultimate-multisite' ), $server, Errors::describe( $e ) );
		} elseif ( false === $known ) {
			$code = 'runcloud-server';
			/* translators: %d: server id */
			$reason = sprintf( __( 'Server %d was not found. Check WU_RUNCLOUD_SERVER_ID.', 'runcloud-ultimate-multisite' ), $server );
		} elseif ( true === $known ) {
			$code = 'runcloud-webapp';
			/* translators: 1: web app id, 2: server id */
			$reason = sprintf( __( 'Web app %1$d was not found on server %2$d. Check WU_RUNCLOUD_APP_ID.', 'runcloud-ultimate-multisite' ), $app, $server );
		} else {
			$code = 'runcloud-error';
			/* translators: 1: server id, 2: web app id, 3: error */
			$reason = sprintf( __( 'Server %1$d or web app %2$d was not found (%3$s). Check WU_RUNCLOUD_SERVER_ID and WU_RUNCLOUD_APP_ID.', 'runcloud-ultimate-multisite' ), $server, $app, Errors::describe( $e ) );
		}
		if ( null === $known ) {
			return new \WP_Error( $code, $reason );
		}

		$visible = $lines
			/* translators: %s: list of servers with their web apps */
			? sprintf( __( 'These credentials can see server %s.', 'runcloud-ultimate-multisite' ), implode( '; server ', $lines ) )
			: __( 'These credentials can see no server.', 'runcloud-ultimate-multisite' );
		return new \WP_Error(
			$code,
			$reason . ' ' . $visible,
			array(
				'reason'  => $reason,
				'visible' => $rows ? $rows : array( __( 'no server', 'runcloud-ultimate-multisite' ) ),
			)
		);
	}
}
