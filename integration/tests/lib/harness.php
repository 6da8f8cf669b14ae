<?php
/**
 * The test harness: loads the test WordPress, a tiny assertion library, the sandbox's admin API,
 * a driver for queued jobs, and per-test isolation.
 *
 * A case file requires this file, declares tests with t(), and ends with run_tests(). Each case
 * file runs in its own PHP process (run.sh), once per network it names.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Plugin;
use RunCloud_Ultimate_Multisite\Tests\UM;

require getenv( 'RCI_WP_DIR' ) . '/wp-load.php';
require __DIR__ . '/um.php';
require __DIR__ . '/sandbox.php';

// Control run (RCI_OLD=1, this plugin absent): Ultimate Multisite's built-in integration can only
// call RunCloud's own address; send those calls to the sandbox instead so that the cases measure
// its behaviour rather than the missing network.
if ( '1' === getenv( 'RCI_OLD' ) ) {
	add_filter(
		'pre_http_request',
		static function ( $pre, $args, $url ) {
			if ( 0 !== strpos( $url, 'https://manage.runcloud.io/' ) ) {
				return $pre;
			}

			return wp_remote_request( rtrim( getenv( 'RCI_SANDBOX_URL' ), '/' ) . substr( $url, strlen( 'https://manage.runcloud.io' ) ), $args );
		},
		5,
		3
	);
}

// What this request's boot queued, before any test resets the queue.
$GLOBALS['rci_boot_jobs'] = function_exists( 'as_get_scheduled_actions' ) ? RunCloud_Ultimate_Multisite\Tests\UM::pending( 'wu_runcloud_' ) : array();

/** Raised by a failed assertion. */
final class Assertion_Failed extends \Exception {}

$GLOBALS['rci_tests'] = array();

/**
 * Declares a test.
 *
 * @param string   $name Name (defect tests start with "defect N:").
 * @param callable $fn   Body.
 */
function t( $name, callable $fn ) {
	$GLOBALS['rci_tests'][] = array( $name, $fn );
}

/** Asserts a condition. */
function ok( $condition, $message ) {
	if ( ! $condition ) {
		throw new Assertion_Failed( $message );
	}
}

/** Asserts equality (===) with a readable message. */
function eq( $expected, $actual, $message ) {
	if ( $expected !== $actual ) {
		throw new Assertion_Failed( $message . ': expected ' . var_export( $expected, true ) . ', got ' . var_export( $actual, true ) );
	}
}

/** Asserts that $needle occurs in $haystack. */
function contains( $needle, $haystack, $message ) {
	if ( false === strpos( (string) $haystack, (string) $needle ) ) {
		throw new Assertion_Failed( $message . ': "' . $needle . '" not in "' . substr( (string) $haystack, 0, 600 ) . '"' );
	}
}

/** Asserts that $needle does not occur in $haystack. */
function not_contains( $needle, $haystack, $message ) {
	if ( false !== strpos( (string) $haystack, (string) $needle ) ) {
		throw new Assertion_Failed( $message . ': "' . $needle . '" found' );
	}
}

/** Runs the due Action Scheduler jobs with its own queue runner; results of the jobs it ran. */
function um_run( array $unused = array() ) {
	return UM::run();
}

/** Asserts every job completed. */
function um_ok( array $results, $message ) {
	foreach ( $results as $r ) {
		ok( 'complete' === $r['status'], $message . ': ' . $r['hook'] . ' failed: ' . $r['message'] );
	}
}

/** Pending Action Scheduler jobs of this plugin: list of [timestamp, hook, args]. */
function jobs() {
	return UM::pending( 'wu_runcloud_' );
}

/**
 * Runs this plugin's queued jobs due within $horizon seconds from now (time travel: their
 * scheduled date is moved to now), with Action Scheduler's runner. The reconcile is left alone.
 *
 * @return array list of ['hook', 'args', 'status', 'message']
 */
function run_jobs( $horizon = 0, $only = null, $max = 20 ) {
	$results = array();
	for ( $round = 0; $round < $max; $round++ ) {
		$n = UM::make_due( $only ?? 'wu_runcloud_', $horizon, array( 'wu_runcloud_reconcile' ) );
		if ( 0 === $n ) {
			break;
		}
		$results = array_merge( $results, UM::run() );
	}

	return $results;
}

/** The jobs of $hook among jobs run. */
function only_hook( $hook, array $results ) {
	return array_values(
		array_filter(
			$results,
			static function ( $r ) use ( $hook ) {
				return $hook === $r['hook'];
			}
		)
	);
}

/** The shell command that runs one of lib/'s scripts in a new PHP process with the extension. */
function lib_php_command( $script, $args = '' ) {
	$php = getenv( 'PHP' ) ?: PHP_BINARY;

	return escapeshellarg( $php ) . ' -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) ) . ' -d display_errors=stderr ' . escapeshellarg( __DIR__ . '/' . $script ) . ( '' === $args ? '' : ' ' . $args ) . ' 2>&1';
}

/**
 * The PHP problems a child process printed that are ours: every fatal error, and a warning, notice or
 * deprecation raised in our files (lib/errors.php's rule). A newer PHP's deprecations in third-party
 * code (PHP 8.4's "implicitly nullable" ones in Ultimate Multisite's vendor/) are not ours to fail on.
 *
 * @return string[]
 */
function php_problems_of_ours( $text ) {
	$ours = array();
	foreach ( preg_split( '/\R/', (string) $text ) as $line ) {
		if ( ! preg_match( '/(Fatal error|Warning|Notice|Deprecated):\s.* in (\S+?)(?: on line |:)\d+/', $line, $m ) ) {
			continue;
		}
		if ( 'Fatal error' === $m[1] || rci_is_ours( $m[2] ) ) {
			$ours[] = $line;
		}
	}

	return $ours;
}

/**
 * Runs one lib/ script per worker, all at once (as concurrent queue workers run), and checks each
 * ended with $marker and raised no PHP problem. $workers: name => the script's arguments.
 */
function run_concurrently( $script, array $workers, $marker ) {
	$procs = array();
	foreach ( $workers as $name => $args ) {
		$procs[ $name ] = popen( lib_php_command( $script, $args ), 'r' );
	}
	foreach ( $procs as $name => $proc ) {
		$out = stream_get_contents( $proc );
		ok( 0 === pclose( $proc ) && false !== strpos( $out, $marker ), "worker $name: $out" );
		ok( array() === php_problems_of_ours( $out ), "PHP problems in worker $name: " . implode( ' | ', php_problems_of_ours( $out ) ) );
	}
	wp_cache_flush();
}

/** From now on in this process, wp_die() throws a RuntimeException "wp_die: MESSAGE" instead of exiting. */
function throw_on_wp_die() {
	add_filter(
		'wp_die_handler',
		static function () {
			return static function ( $message ) {
				throw new \RuntimeException( 'wp_die: ' . ( is_string( $message ) ? $message : 'error' ) );
			};
		}
	);
}

/**
 * Performs an admin-post action of the plugin's page as the current user; what wp_die() said, or ''
 * when the action ran to its end (see throw_on_wp_die()).
 */
function perform_admin_action( $action ) {
	try {
		plugin()->admin()->perform( $action );
		return '';
	} catch ( \RuntimeException $e ) {
		return $e->getMessage();
	}
}

/**
 * Like run_jobs(), but each round runs in a new PHP process (a later request), as RunCloud's
 * Retry-After is honoured by the extension per session in real time.
 *
 * @return array list of ['hook', 'args', 'status', 'message']
 */
function run_jobs_later( $horizon = 0, $max = 10 ) {
	$results = array();
	for ( $round = 0; $round < $max; $round++ ) {
		if ( 0 === UM::make_due( 'wu_runcloud_', $horizon, array( 'wu_runcloud_reconcile' ) ) ) {
			break;
		}
		exec( lib_php_command( 'run-queue.php' ), $out, $code );
		$text = implode( "\n", $out );
		ok( 0 === $code && false !== strpos( $text, 'QUEUE-DONE' ), 'queue request: ' . $text );
		ok( array() === php_problems_of_ours( $text ), 'PHP problems in the queue request: ' . implode( ' | ', php_problems_of_ours( $text ) ) );
		wp_cache_flush();
		$results = array_merge( $results, UM::run() );
	}

	return $results;
}

/**
 * Time passes, $step seconds at a time, up to $seconds: each step moves every pending job's date
 * back by $step (UM::advance()) and runs what is due in a new request (lib/run-queue.php), as
 * Action Scheduler's runner would over that time: Ultimate Multisite's stage checks, this plugin's
 * jobs. $each($elapsed) is called after every step.
 *
 * @return array list of ['hook', 'args', 'status', 'message'] of the jobs run
 */
function time_passes( $seconds, $step = 300, ?callable $each = null ) {
	$results = array();
	for ( $elapsed = $step; $elapsed <= $seconds; $elapsed += $step ) {
		UM::advance( $step );
		exec( lib_php_command( 'run-queue.php' ), $out, $code );
		$text = implode( "\n", $out );
		ok( 0 === $code && false !== strpos( $text, 'QUEUE-DONE' ), 'queue request: ' . $text );
		ok( array() === php_problems_of_ours( $text ), 'PHP problems in the queue request: ' . implode( ' | ', php_problems_of_ours( $text ) ) );
		$out = array();
		wp_cache_flush();
		$results = array_merge( $results, UM::run() );
		if ( $each ) {
			$each( $elapsed );
		}
	}

	return $results;
}

/** Runs `wp <args>` through the real WP-CLI phar on the test network; [exit code, output]. */
function wp_cli( array $args, array $env = array() ) {
	$php = getenv( 'PHP' ) ?: PHP_BINARY;
	$cmd = '';
	foreach ( $env as $k => $v ) {
		$cmd .= $k . '=' . escapeshellarg( $v ) . ' ';
	}
	$cmd .= escapeshellarg( $php ) . ' -d display_errors=stderr -d extension=' . escapeshellarg( getenv( 'RCI_EXT_PATH' ) )
		. ' ' . escapeshellarg( getenv( 'RCI_WP_CLI' ) ) . ' --allow-root --path=' . escapeshellarg( getenv( 'RCI_WP_DIR' ) );
	foreach ( $args as $arg ) {
		$cmd .= ' ' . escapeshellarg( $arg );
	}
	exec( 'env ' . $cmd . ' 2>&1', $lines, $code );

	return array( $code, implode( "\n", $lines ) );
}

/** Lines of the integration-runcloud log. */
function log_lines( $level = null ) {
	$file = rci_um_log_path();
	if ( ! is_file( $file ) ) {
		return array();
	}
	$lines = file( $file, FILE_IGNORE_NEW_LINES );
	if ( null === $level ) {
		return $lines;
	}

	return array_values(
		array_filter(
			$lines,
			static function ( $line ) use ( $level ) {
				return false !== strpos( $line, '[' . strtoupper( $level ) . ']' );
			}
		)
	);
}

/** Path of Ultimate Multisite's log file of the integration. */
function rci_um_log_path() {
	return WP_CONTENT_DIR . '/uploads/wu-logs/integration-runcloud.log';
}

/** Makes the DNS check answer $answer (bool) for every name, or decide with a callable. */
function dns_points( $answer ) {
	add_filter(
		'wu_runcloud_dns_points_to_server',
		static function ( $decided, $name ) use ( $answer ) {
			return is_callable( $answer ) ? (bool) $answer( $name ) : (bool) $answer;
		},
		10,
		2
	);
}

/** Sets Ultimate Multisite's www setting. */
function www_setting( $value ) {
	wu_save_setting( 'auto_create_www_subdomain', $value );
}

/**
 * Runs the setup wizard's connection test through Ultimate Multisite's own AJAX handler
 * (wp_ajax_wu_test_hosting_integration), which ends the request with a JSON answer.
 *
 * @return array{0: bool, 1: string} success and message
 */
function wizard_test( $user_id = 1 ) {
	wp_set_current_user( $user_id );
	$_REQUEST['integration'] = 'runcloud';
	$_POST['integration']    = 'runcloud';
	add_filter( 'wp_doing_ajax', '__return_true' );
	$die = static function () {
		return static function () {
			throw new \RuntimeException( 'ajax-end' );
		};
	};
	add_filter( 'wp_die_ajax_handler', $die );
	ob_start();
	try {
		do_action( 'wp_ajax_wu_test_hosting_integration' );
	} catch ( \RuntimeException $e ) {
		if ( 'ajax-end' !== $e->getMessage() ) {
			ob_end_clean();
			throw $e;
		}
	} finally {
		remove_filter( 'wp_doing_ajax', '__return_true' );
		remove_filter( 'wp_die_ajax_handler', $die );
	}
	$raw  = ob_get_clean();
	$json = json_decode( $raw, true );
	ok( is_array( $json ), 'the wizard answered no JSON: ' . substr( $raw, 0, 300 ) );
	$data    = $json['data'] ?? array();
	$message = is_array( $data ) ? ( $data['message'] ?? ( $data[0]['message'] ?? json_encode( $data ) ) ) : (string) $data;

	return array( true === $json['success'], (string) $message );
}

/** Overrides one setting (as a filter) for the rest of the test. */
function set_setting( $constant, $value ) {
	add_filter( 'wu_runcloud_setting', function ( $current, $name ) use ( $constant, $value ) {
		return $name === $constant ? (string) $value : $current;
	}, 10, 2 );
	plugin()->connector->reset();
}

/** The plugin. */
function plugin() {
	return Plugin::instance();
}

/** Resets everything a test may have changed. */
function reset_world() {
	global $wpdb;

	foreach ( array( 'wu_runcloud_dns_points_to_server', 'wu_runcloud_setting', 'wu_runcloud_max_attempts', 'wu_runcloud_retry_base_delay', 'wu_runcloud_timeout', 'wu_runcloud_client_options', 'wu_runcloud_ssl_window', 'wu_runcloud_create_www', 'wu_runcloud_sync_prune', 'wu_runcloud_keep_domains', 'wu_runcloud_ssl_install_settings', 'wu_runcloud_mapped_domains', 'wp_die_ajax_handler', 'wp_die_handler', 'wp_doing_ajax' ) as $filter ) {
		remove_all_filters( $filter );
	}

	// Sites other than the main one, from earlier tests.
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $site_id ) {
		if ( (int) $site_id !== (int) get_main_site_id() ) {
			wp_delete_site( $site_id );
		}
	}
	UM::reset();
	delete_site_option( 'wu_runcloud_last_failures' );

	if ( class_exists( '\RunCloud_Ultimate_Multisite\Storage\State' ) ) {
		( new \RunCloud_Ultimate_Multisite\Storage\State() )->delete_all();
	}
	if ( function_exists( 'wu_save_setting' ) ) {
		wu_save_setting( 'auto_create_www_subdomain', 'always' );
	}
	foreach ( array( 'WU_RUNCLOUD_API_TOKEN', 'WU_RUNCLOUD_SERVER_ID', 'WU_RUNCLOUD_APP_ID', 'WU_RUNCLOUD_API_KEY', 'WU_RUNCLOUD_API_SECRET' ) as $name ) {
		delete_network_option( null, 'wu_hosting_credential_' . $name );
	}
	_set_cron_array( array() );
	wp_cache_flush();

	if ( is_file( rci_um_log_path() ) ) {
		unlink( rci_um_log_path() );
	}

	if ( class_exists( '\RunCloud_Ultimate_Multisite\Plugin' ) ) {
		plugin()->connector->reset();
	}

	Sandbox::seed();
}

/** Runs the declared tests and prints one line each plus the totals. */
function run_tests() {
	$passed = 0;
	$failed = 0;
	$extra  = trim( getenv( 'RCI_AUTH' ) ? 'auth=' . getenv( 'RCI_AUTH' ) : '' );
	$label  = basename( $_SERVER['argv'][0], '.php' ) . ' [UM ' . UM::version() . ( '' !== $extra ? ', ' . $extra : '' ) . ( extension_loaded( 'runcloud' ) ? '' : ', no extension' ) . ']';
	$only   = getenv( 'RCI_ONLY' );

	foreach ( $GLOBALS['rci_tests'] as $test ) {
		list( $name, $fn ) = $test;
		if ( $only && false === strpos( $name, $only ) ) {
			continue;
		}
		$level = ob_get_level();
		try {
			reset_world();
			$fn();
			++$passed;
			echo "ok     $label $name\n";
		} catch ( \Throwable $e ) {
			while ( ob_get_level() > $level ) {
				ob_end_clean(); // Output of a test that died half-way.
			}
			++$failed;
			$where = $e instanceof Assertion_Failed ? '' : ' (' . get_class( $e ) . ' at ' . basename( $e->getFile() ) . ':' . $e->getLine() . ')';
			echo "FAILED $label $name: " . str_replace( "\n", ' ', $e->getMessage() ) . $where . "\n";
		}
	}

	echo "RESULT $passed $failed\n";
	exit( $failed ? 1 : 0 );
}
