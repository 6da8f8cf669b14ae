<?php
/**
 * Drives the real Ultimate Multisite through its own code paths: domain records through its model
 * functions, sites through WordPress, jobs through Action Scheduler's own queue runner, and the DNS
 * check answered through the loopback request Ultimate Multisite makes to the domain.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

namespace RunCloud_Ultimate_Multisite\Tests;

final class UM {

	/** Names pointed here when the run has no hosts file (RCI_HOSTS unset). */
	private static $pointed = array();

	/** Highest Action Scheduler action id already reported by run(). */
	private static $seen = 0;

	/** Ultimate Multisite's version, or "none". */
	public static function version() {
		return class_exists( '\WP_Ultimo' ) && defined( 'WP_ULTIMO_PLUGIN_FILE' ) ? ( get_file_data( WP_ULTIMO_PLUGIN_FILE, array( 'v' => 'Version' ) )['v'] ?: '?' ) : ( class_exists( '\WP_Ultimo' ) ? '?' : 'none' );
	}

	/** Whether this is 2.4.11+ (the integration registry). */
	public static function is_new() {
		return class_exists( '\WP_Ultimo\Integrations\Integration_Registry' );
	}

	/** The Action Scheduler tables. */
	private static function table( $name ) {
		global $wpdb;

		return $wpdb->base_prefix . 'actionscheduler_' . $name;
	}

	/** Empties the job queue, the domain records and the loopback answers. */
	public static function reset() {
		global $wpdb;
		foreach ( array( 'actions', 'logs', 'claims' ) as $t ) {
			$wpdb->query( 'DELETE FROM ' . self::table( $t ) );
		}
		if ( function_exists( 'wu_get_domains' ) ) {
			$wpdb->query( "DELETE FROM {$wpdb->base_prefix}wu_domain_mappings" );
		}
		self::unpoint_all();
		self::$seen = (int) $wpdb->get_var( 'SELECT MAX(action_id) FROM ' . self::table( 'actions' ) );
		wp_cache_flush();
	}

	/** wu_create_domain(): the BerlinDB transition queues wu_add_domain, and the DNS stage. */
	public static function create_domain( $name, $site_id ) {
		$domain = wu_create_domain( array( 'domain' => $name, 'blog_id' => (int) $site_id ) );
		if ( is_wp_error( $domain ) ) {
			throw new \RuntimeException( 'wu_create_domain(' . $name . '): ' . $domain->get_error_message() );
		}

		return array( $domain->get_id(), array() );
	}

	/** Edits a record's name (queues wu_add_domain with the new name). */
	public static function rename_domain( $id, $new_name ) {
		$domain = wu_get_domain( $id );
		$domain->set_domain( $new_name );
		$saved = $domain->save();
		if ( is_wp_error( $saved ) ) {
			throw new \RuntimeException( 'rename: ' . $saved->get_error_message() );
		}

		return array();
	}

	/** $domain->delete() (queues wu_remove_domain). */
	public static function delete_domain( $id ) {
		$domain = wu_get_domain( $id );
		if ( ! $domain ) {
			throw new \RuntimeException( "no domain record $id" );
		}
		$domain->delete();

		return array();
	}

	/** wpmu_create_blog() on the subdomain network (queues wu_add_subdomain and creates a record). */
	public static function create_site( $slug ) {
		$network = get_network();
		$site_id = wpmu_create_blog( $slug . '.' . $network->domain, $network->path, $slug, 1, array(), $network->id );
		if ( is_wp_error( $site_id ) ) {
			throw new \RuntimeException( 'wpmu_create_blog: ' . $site_id->get_error_message() );
		}

		return array( (int) $site_id, array() );
	}

	/** wp_delete_site() (sunrise's domain mapping removes the site's records; wu_remove_subdomain). */
	public static function delete_site( $site_id ) {
		require_once ABSPATH . 'wp-admin/includes/ms.php';
		$result = wp_delete_site( $site_id );
		if ( is_wp_error( $result ) ) {
			throw new \RuntimeException( 'wp_delete_site: ' . $result->get_error_message() );
		}

		return array();
	}

	/**
	 * Makes the record's domain point here (its loopback check answers with its id) and runs the
	 * DNS stage job now: Ultimate Multisite then fires wu_domain_manager_dns_propagation_finished.
	 */
	public static function dns_propagated( $id ) {
		$domain = wu_get_domain( $id );
		self::point( $domain->get_domain() );
		self::make_due( 'wu_async_process_domain_stage', 3600 );

		return self::run();
	}

	/**
	 * The test's DNS: the hosts file every PHP process of the run resolves names through
	 * (nss_wrapper, RCI_HOSTS); a name in it points at the sandbox's HTTPS listener (RCI_SITES_ADDR),
	 * the "server", where Ultimate Multisite's own certificate check then connects to it on port 443.
	 * Its www. twin points too.
	 */
	public static function point( $name ) {
		$name = strtolower( $name );
		if ( ! getenv( 'RCI_HOSTS' ) ) {
			self::$pointed[ $name ] = true; // A run without the TLS path (bench/ssl): this process only.
			return;
		}
		if ( ! self::is_pointed( $name ) ) {
			self::write_hosts( getenv( 'RCI_SITES_ADDR' ) . " $name www.$name\n", FILE_APPEND );
		}
	}

	/**
	 * Writes the hosts file. nss_wrapper reads it again only when its modification time changed
	 * (whole seconds), so every write moves that time on by at least a second.
	 */
	private static function write_hosts( $text, $flags = 0 ) {
		$file = getenv( 'RCI_HOSTS' );
		clearstatcache( true, $file );
		$before = (int) @filemtime( $file );
		file_put_contents( $file, $text, $flags | LOCK_EX );
		touch( $file, max( time(), $before + 1 ) );
	}

	/** Whether $name points here (is in the hosts file). */
	public static function is_pointed( $name ) {
		if ( ! getenv( 'RCI_HOSTS' ) ) {
			return isset( self::$pointed[ strtolower( $name ) ] );
		}
		$hosts = (string) @file_get_contents( getenv( 'RCI_HOSTS' ) );

		return (bool) preg_match( '/^' . preg_quote( getenv( 'RCI_SITES_ADDR' ), '/' ) . '\s(?:.*\s)?' . preg_quote( strtolower( $name ), '/' ) . '(?:\s|$)/m', $hosts );
	}

	/** No name points here any more. */
	public static function unpoint_all() {
		self::$pointed = array();
		if ( getenv( 'RCI_HOSTS' ) ) {
			self::write_hosts( "127.0.0.1 localhost\n" );
		}
	}

	/** Ultimate Multisite's record $id as it is in the database now: ['stage' => ..., 'secure' => bool]. */
	public static function record( $id ) {
		wp_cache_flush();
		$domain = wu_get_domain( $id );
		if ( ! $domain ) {
			return null;
		}

		return array(
			'stage'  => (string) $domain->get_stage(),
			'secure' => (bool) $domain->is_secure(),
		);
	}

	/**
	 * Time passes: every pending job's date moves $seconds back (what was due in $seconds is due
	 * now, the rest keeps its distance), as if the clock had moved on.
	 */
	public static function advance( $seconds ) {
		global $wpdb;
		$s = (int) $seconds;
		$wpdb->query( 'UPDATE ' . self::table( 'actions' ) . " SET scheduled_date_gmt = DATE_SUB(scheduled_date_gmt, INTERVAL $s SECOND), scheduled_date_local = DATE_SUB(scheduled_date_local, INTERVAL $s SECOND) WHERE status = 'pending'" );
	}

	/** The loopback answer (pre_http_request): a pointed name answers with its record's id. */
	public static function answer_loopback( $pre, $args, $url ) {
		$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		if ( '' !== $host && '/' === ( wp_parse_url( $url, PHP_URL_PATH ) ?: '/' ) && self::is_pointed( $host ) && ( $record = wu_get_domain_by_domain( $host ) ) ) {
			return array(
				'headers'  => array(),
				'body'     => wp_json_encode( array( 'id' => (int) $record->get_id() ) ),
				'response' => array( 'code' => 200, 'message' => 'OK' ),
				'cookies'  => array(),
				'filename' => null,
			);
		}

		return $pre;
	}

	/** Pending jobs whose hook starts with $prefix: list of [timestamp, hook, args]. */
	public static function pending( $prefix ) {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT hook, args, extended_args, scheduled_date_gmt FROM ' . self::table( 'actions' ) . " WHERE status = 'pending' AND hook LIKE %s ORDER BY scheduled_date_gmt, action_id", $wpdb->esc_like( $prefix ) . '%' ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			$args  = json_decode( $row['extended_args'] ? $row['extended_args'] : $row['args'], true );
			$out[] = array( strtotime( $row['scheduled_date_gmt'] . ' UTC' ), $row['hook'], $args );
		}

		return $out;
	}

	/** Moves pending jobs of $prefix due within $horizon seconds to now; returns how many are due. */
	public static function make_due( $prefix, $horizon = 0, array $except = array() ) {
		global $wpdb;
		$now   = gmdate( 'Y-m-d H:i:s' );
		$limit = gmdate( 'Y-m-d H:i:s', time() + (int) $horizon );
		$where = $wpdb->prepare( "status = 'pending' AND hook LIKE %s AND scheduled_date_gmt <= %s", $wpdb->esc_like( $prefix ) . '%', $limit );
		foreach ( $except as $hook ) {
			$where .= $wpdb->prepare( ' AND hook <> %s', $hook );
		}
		$wpdb->query( 'UPDATE ' . self::table( 'actions' ) . " SET scheduled_date_gmt = '$now', scheduled_date_local = '$now' WHERE $where AND scheduled_date_gmt > '$now'" );

		return (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . self::table( 'actions' ) . " WHERE $where" );
	}

	/** Moves the pending jobs of $hook $seconds into the future (a worker that has not got to them yet). */
	public static function postpone( $hook, $seconds ) {
		global $wpdb;
		$later = gmdate( 'Y-m-d H:i:s', time() + (int) $seconds );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . self::table( 'actions' ) . " SET scheduled_date_gmt = %s, scheduled_date_local = %s WHERE status = 'pending' AND hook = %s", $later, $later, $hook ) );
	}

	/**
	 * Runs Action Scheduler's queue runner until no job is due; returns the jobs it ran since the
	 * last call: list of ['hook', 'args', 'status', 'message'].
	 */
	public static function run() {
		global $wpdb;
		for ( $i = 0; $i < 20; $i++ ) {
			\ActionScheduler_QueueRunner::instance()->run( 'WP CLI' );
			$due = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . self::table( 'actions' ) . " WHERE status = 'pending' AND scheduled_date_gmt <= %s", gmdate( 'Y-m-d H:i:s' ) ) );
			if ( 0 === $due ) {
				break;
			}
		}
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT action_id, hook, args, status FROM ' . self::table( 'actions' ) . " WHERE action_id > %d AND status IN ('complete', 'failed') ORDER BY action_id", self::$seen ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			self::$seen = max( self::$seen, (int) $row['action_id'] );
			$message    = '';
			if ( 'failed' === $row['status'] ) {
				$message = (string) $wpdb->get_var( $wpdb->prepare( 'SELECT message FROM ' . self::table( 'logs' ) . ' WHERE action_id = %d ORDER BY log_id DESC LIMIT 1', $row['action_id'] ) );
			}
			if ( ! preg_match( '/^wu_(add_|remove_|runcloud_)/', $row['hook'] ) ) {
				continue; // Ultimate Multisite's own jobs (DNS stages, events) are not reported.
			}
			$out[] = array( 'hook' => $row['hook'], 'args' => json_decode( $row['args'], true ), 'status' => $row['status'], 'message' => $message );
		}

		return $out;
	}

	/** Status of the jobs of $hook: list of statuses. */
	public static function statuses( $hook ) {
		global $wpdb;

		return $wpdb->get_col( $wpdb->prepare( 'SELECT status FROM ' . self::table( 'actions' ) . ' WHERE hook = %s ORDER BY action_id', $hook ) );
	}
}

add_filter( 'pre_http_request', array( UM::class, 'answer_loopback' ), 10, 3 );
