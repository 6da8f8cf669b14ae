<?php
/**
 * The rule on PHP problems, for every PHP process of the integration tests (run.sh loads this file
 * before any other through auto_prepend_file, in an ini file found via PHP_INI_SCAN_DIR, so the
 * installer, each case, the queue requests and WP-CLI children all have it):
 *
 *   a notice, warning or deprecation raised in OUR files (the plugin's, the tests') is a failure;
 *   one raised in third-party code (WordPress, Ultimate Multisite, its vendor/, WP-CLI) is not.
 *
 * The handler sees compile-time deprecations too (PHP 8.4's "implicitly nullable" ones are raised
 * while a file is compiled), so a third-party file that PHP now frowns on cannot break a WordPress
 * plugin activation with "unexpected output". Ours are recorded, one line each, in the file named by
 * RCI_PROBLEMS (run.sh fails the phase when it is not empty), and PHP still shows them as usual.
 * Third-party ones are recorded in RCI_PROBLEMS.thirdparty for reading, and not shown.
 *
 * WordPress's own notices (_doing_it_wrong(), _deprecated_function(), ...) are raised in
 * wp-includes; they are ours when the function that WordPress complains about was called from our
 * file, or when the message names the plugin.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

/** Realpaths of the directories whose files are ours. */
function rci_our_dirs() {
	static $dirs = null;
	if ( null === $dirs ) {
		$dirs = array();
		foreach ( array( getenv( 'RCI_PLUGIN_DIR' ), getenv( 'RCI_TESTS_DIR' ) ) as $dir ) {
			$real = $dir ? realpath( $dir ) : false;
			if ( false !== $real ) {
				$dirs[] = rtrim( $real, '/' ) . '/';
			}
		}
	}

	return $dirs;
}

/** Whether a file is one of ours (symbolic links resolved: the plugin is linked into WordPress). */
function rci_is_ours( $file ) {
	if ( ! is_string( $file ) || '' === $file ) {
		return false;
	}
	$real = realpath( $file );
	$real = false === $real ? $file : $real;
	foreach ( rci_our_dirs() as $dir ) {
		if ( 0 === strpos( $real, $dir ) ) {
			return true;
		}
	}

	return false;
}

/** Whether a WordPress-raised notice (file in wp-includes) is about a call from our code. */
function rci_reported_for_us( $message, array $trace ) {
	if ( preg_match( '/runcloud-ultimate-multisite|RunCloud_Ultimate_Multisite|wu_runcloud_/', $message ) ) {
		return true;
	}
	$reporters = array( '_doing_it_wrong', '_deprecated_function', '_deprecated_argument', '_deprecated_hook', '_deprecated_file', '_deprecated_constructor', '_deprecated_class', 'wp_trigger_error' );
	$last      = null;
	foreach ( $trace as $i => $frame ) {
		if ( in_array( $frame['function'] ?? '', $reporters, true ) ) {
			$last = $i;
		}
	}
	// Frame $last is the reporter's call (inside the function complained about); the next frame
	// is the call of that function, and its file is the caller's.
	if ( null !== $last && isset( $trace[ $last + 1 ]['file'] ) ) {
		return rci_is_ours( $trace[ $last + 1 ]['file'] );
	}

	return false;
}

/** Appends one line to the problems file ($suffix '' for ours). */
function rci_record_problem( $suffix, $line ) {
	$file = getenv( 'RCI_PROBLEMS' );
	if ( $file ) {
		file_put_contents( $file . $suffix, $line . "\n", FILE_APPEND | LOCK_EX );
	}
}

/** Name of an error level as PHP prints it. */
function rci_level_name( $errno ) {
	$names = array(
		E_WARNING           => 'Warning',
		E_NOTICE            => 'Notice',
		E_DEPRECATED        => 'Deprecated',
		E_USER_WARNING      => 'Warning',
		E_USER_NOTICE       => 'Notice',
		E_USER_DEPRECATED   => 'Deprecated',
		E_USER_ERROR        => 'Fatal error',
		E_RECOVERABLE_ERROR => 'Recoverable fatal error',
	);

	return $names[ $errno ] ?? 'Error ' . $errno;
}

set_error_handler(
	static function ( $errno, $message, $file, $line ) {
		if ( ! ( error_reporting() & $errno ) ) {
			return false; // Silenced with @ on purpose, or below the reporting level: PHP decides.
		}
		$ours = rci_is_ours( $file );
		if ( ! $ours && in_array( $errno, array( E_USER_NOTICE, E_USER_WARNING, E_USER_DEPRECATED ), true ) ) {
			$ours = rci_reported_for_us( $message, debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) );
		}
		$text = rci_level_name( $errno ) . ': ' . $message . ' in ' . $file . ':' . $line;
		if ( $ours ) {
			rci_record_problem( '', $text );

			return false; // PHP shows it as usual too.
		}
		rci_record_problem( '.thirdparty', $text );

		return true;
	}
);

// Fatal errors end the process without reaching a handler: the last one is looked at on shutdown.
register_shutdown_function(
	static function () {
		$error = error_get_last();
		if ( null !== $error && in_array( $error['type'], array( E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_COMPILE_WARNING, E_USER_ERROR ), true ) && rci_is_ours( $error['file'] ) ) {
			rci_record_problem( '', 'Fatal error: ' . $error['message'] . ' in ' . $error['file'] . ':' . $error['line'] );
		}
	}
);
