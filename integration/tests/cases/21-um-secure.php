<?php
/**
 * A customer's domain is secure where the customer looks: Ultimate Multisite's own domain record,
 * set `done` + `secure` only by its own stage job, whose check is a real TLS handshake with
 * DOMAIN:443. The sandbox serves each name over HTTPS with the certificate its model holds for it
 * (valid, expired or none, signed by its CA, which the PHP processes trust); the test's DNS is the
 * hosts file the PHP processes resolve through (nss_wrapper). Nothing answers the check but the
 * handshake. Time moves through Action Scheduler's scheduled dates (time_passes()).
 *
 * @run RCI_SSL_STRATEGY=per-domain
 * @run RCI_SSL_STRATEGY=basic
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

const ADVANCED_APP = array( 'advanced_ssl' => array( 'advancedSSL' => true, 'autoSSL' => false ) );

/** Whether this run gives each domain its own certificate. */
function per_domain() {
	return 'per-domain' === getenv( 'RCI_SSL_STRATEGY' );
}

/** Seeds the web app in the SSL mode of this run's strategy. */
function seed_for_strategy( array $webapp = array(), array $config = array() ) {
	Sandbox::seed( $webapp + ( per_domain() ? ADVANCED_APP : array() ), $config );
}

/** Maps $name to the main site through Ultimate Multisite and runs the add; the record's id. */
function mapped( $name ) {
	list( $id ) = UM::create_domain( $name, 1 );
	um_ok( only_hook( 'wu_add_domain', um_run() ), "add $name" );

	return $id;
}

/** Ultimate Multisite's record as "stage, secure|not secure". */
function record_text( $id ) {
	$r = UM::record( $id );

	return null === $r ? 'no record' : $r['stage'] . ', ' . ( $r['secure'] ? 'secure' : 'not secure' );
}

/** Asserts the record's "stage, secure"; the message ends with the record's per-domain log. */
function is_record( $expected, $id, $message ) {
	$record = wu_get_domain( $id );
	$got    = record_text( $id );
	if ( $expected !== $got ) {
		$log = $record ? domain_log( $record->get_domain() ) : '';
		throw new Assertion_Failed( "$message: expected '$expected', got '$got'; its log ends: " . substr( $log, -1500 ) );
	}
}

/** Lines of Ultimate Multisite's per-domain log of $name. */
function domain_log( $name ) {
	$file = WP_CONTENT_DIR . '/uploads/wu-logs/domain-' . $name . '.log';

	return is_file( $file ) ? (string) file_get_contents( $file ) : '';
}

/** Ultimate Multisite's own check, as its stage job makes it (Helper::has_valid_ssl_certificate()). */
function um_check( $name ) {
	return \WP_Ultimo\Domain_Mapping\Helper::has_valid_ssl_certificate( $name );
}

/** The end date of the certificate the HTTPS listener presents for $name (0 if none). */
function served_until( $name ) {
	$context = stream_context_create( array( 'ssl' => array( 'capture_peer_cert' => true, 'verify_peer' => false, 'verify_peer_name' => false, 'peer_name' => $name ) ) );
	$socket  = @stream_socket_client( 'ssl://' . $name . ':443', $errno, $error, 5, STREAM_CLIENT_CONNECT, $context );
	if ( ! $socket ) {
		return 0;
	}
	$cert = stream_context_get_options( $context )['ssl']['peer_certificate'] ?? null;
	fclose( $socket );

	return $cert ? (int) openssl_x509_parse( $cert )['validTo_time_t'] : 0;
}

/** The method of the call that issues a certificate: a domain's install, or the basic redeploy. */
function issuing_method() {
	return per_domain() ? 'POST' : 'PUT';
}

/** Runs this plugin's jobs due within the SSL window, and Ultimate Multisite's due now. */
function settle() {
	return run_jobs( per_domain() ? 0 : 120 );
}

t(
	'a certificate issued quickly: the record is done + secure within seconds, through Ultimate Multisite\'s own check',
	function () {
		seed_for_strategy();
		$id = mapped( 'quick.example.org' );
		ok( ! um_check( 'quick.example.org' ), 'the check passes before any certificate (the TLS path answers anything)' );
		UM::dns_propagated( $id );
		settle();
		um_run();
		is_record( 'done, secure', $id, 'record after the certificate was issued, no time moved' );
		ok( um_check( 'quick.example.org' ), 'Ultimate Multisite\'s check' );
		$log = domain_log( 'quick.example.org' );
		foreach ( array( 'Added domain quick.example.org to RunCloud', 'certificate of quick.example.org requested', 'certificate of quick.example.org issued', 'Valid SSL cert found' ) as $needle ) {
			contains( $needle, $log, 'per-domain log' );
		}
	}
);

t(
	'a certificate that comes after Ultimate Multisite\'s 5th check (429, Retry-After 600, for 45 minutes): the check stays alive, then done + secure',
	function () {
		seed_for_strategy();
		$id = mapped( 'late.example.org' );
		Sandbox::fault( array( 'type' => 'status', 'status' => 429, 'count' => 1000, 'method' => issuing_method(), 'path' => '/ssl', 'headers' => array( 'Retry-After' => '600' ), 'body' => '{"message":"Too Many Attempts."}', 'content_type' => 'application/json' ) );
		// Every job runs in a queue request of its own (the extension keeps a 429's Retry-After for
		// the rest of the process that received it): the DNS points, and time passes.
		UM::point( 'late.example.org' );
		$stages = array();
		time_passes(
			45 * 60,
			300,
			static function ( $elapsed ) use ( $id, &$stages ) {
				$stages[ $elapsed ] = record_text( $id );
			}
		);
		eq( array(), array_values( array_diff( array_unique( $stages ), array( 'checking-ssl-cert, not secure' ) ) ), 'stages while RunCloud answered 429 (' . wp_json_encode( $stages ) . ')' );
		ok( count( array_filter( Sandbox::journal(), static function ( $e ) { return 429 === (int) $e['status']; } ) ) >= 3, 'RunCloud answered 429 at least three times' );
		contains( '429', domain_log( 'late.example.org' ), 'the per-domain log says why it waits' );

		Sandbox::call( 'DELETE', '/__sandbox/faults' );
		time_passes( 30 * 60 );
		is_record( 'done, secure', $id, 'record once the certificate was issued' );
		contains( 'certificate of late.example.org issued', domain_log( 'late.example.org' ), 'per-domain log' );
	}
);

if ( per_domain() ) {
t(
	'basic to advanced: records that gave up (ssl-failed, done-without-ssl) end done + secure once the migration issues their certificates',
	function () {
		$names = array( 'g1.example.org', 'g2.example.net', 'g3.example.info', 'g4.example.com', 'g5.example.org' );
		Sandbox::seed( array(), array( 'unpointed' => $names ) );
		$ids = array();
		foreach ( $names as $name ) {
			$ids[ $name ] = mapped( $name );
		}
		foreach ( $ids as $id ) {
			UM::dns_propagated( $id );
		}
		// The certificate authority refuses these names (their DNS does not point, as it sees it):
		// Ultimate Multisite checks five times and gives up.
		time_passes( 40 * 60 );
		foreach ( $ids as $name => $id ) {
			is_record( 'ssl-failed, not secure', $id, "record of $name before the migration" );
		}
		// Two of them as an admin would leave them: accepted without SSL.
		foreach ( array( 'g4.example.com', 'g5.example.org' ) as $name ) {
			$record = wu_get_domain( $ids[ $name ] );
			$record->set_stage( 'done-without-ssl' );
			$record->save();
		}

		Sandbox::config( array( 'unpointed' => array() ) );
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode', 'advanced' ) );
		eq( 0, $code, 'wp runcloud ssl mode advanced: ' . $out );
		time_passes( 20 * 60 );
		foreach ( $ids as $name => $id ) {
			is_record( 'done, secure', $id, "record of $name after the migration" );
			contains( 'back to its SSL check', domain_log( $name ), "per-domain log of $name" );
		}
	}
);
}

if ( per_domain() ) {
t(
	'one domain\'s DNS never points: that one failed, the others done + secure',
	function () {
		seed_for_strategy();
		$good  = array( 'ok1.example.org' => 0, 'ok2.example.net' => 0 );
		foreach ( array_keys( $good ) as $name ) {
			$good[ $name ] = mapped( $name );
		}
		$never = mapped( 'never.example.info' );
		foreach ( $good as $id ) {
			UM::dns_propagated( $id );
		}
		settle();
		time_passes( 45 * 60 );
		is_record( 'failed, not secure', $never, 'record whose DNS never points' );
		foreach ( $good as $name => $id ) {
			is_record( 'done, secure', $id, "record of $name" );
		}
	}
);
} else {
t(
	'basic: one domain whose DNS never points holds the shared certificate back; the others stay in Ultimate Multisite\'s check (not given up) and end done + secure once it is removed',
	function () {
		seed_for_strategy();
		$good = array( 'ok1.example.org' => 0, 'ok2.example.net' => 0 );
		foreach ( array_keys( $good ) as $name ) {
			$good[ $name ] = mapped( $name );
		}
		$never = mapped( 'never.example.info' );
		foreach ( $good as $id ) {
			UM::dns_propagated( $id );
		}
		settle();
		time_passes( 45 * 60 );
		is_record( 'failed, not secure', $never, 'record whose DNS never points' );
		foreach ( $good as $name => $id ) {
			is_record( 'checking-ssl-cert, not secure', $id, "record of $name while the certificate waits" );
		}
		contains( 'never.example.info', implode( "\n", log_lines( 'error' ) ), 'the guard names the domain in the way' );

		UM::delete_domain( $never );
		time_passes( 10 * 60, 60 );
		foreach ( $good as $name => $id ) {
			is_record( 'done, secure', $id, "record of $name once the domain in the way was removed" );
		}
	}
);
}

t(
	'renewal: RunCloud renews a secure domain\'s certificate; the new one is served, and the record stays done + secure, also through the daily look after the old one would have expired',
	function () {
		seed_for_strategy();
		$id = mapped( 'renew.example.org' );
		UM::dns_propagated( $id );
		settle();
		um_run();
		is_record( 'done, secure', $id, 'record before the renewal' );

		Sandbox::call( 'POST', '/__sandbox/clock', array( 'advance' => 61 * DAY_IN_SECONDS ) );
		$before = served_until( 'renew.example.org' );
		ok( $before > time() && $before < time() + 30 * DAY_IN_SECONDS, 'the certificate served 61 days on runs out in under 30 days (' . gmdate( 'c', $before ) . ')' );
		// RunCloud renews the certificate (its own renewal, not this plugin's call).
		$client = plugin()->connector->client();
		ok( per_domain() ? $client->redeployDomainSsl( 'renew.example.org' ) : $client->redeploySsl(), 'RunCloud renewed the certificate' );
		ok( served_until( 'renew.example.org' ) > $before + 50 * DAY_IN_SECONDS, 'the renewed certificate is served (until ' . gmdate( 'c', served_until( 'renew.example.org' ) ) . ')' );

		Sandbox::call( 'POST', '/__sandbox/clock', array( 'advance' => 30 * DAY_IN_SECONDS ) );
		do_action( 'wu_runcloud_reconcile' ); // The daily reconcile's job.
		um_run();
		is_record( 'done, secure', $id, 'record after the renewal and the daily look' );
		eq( array(), UM::pending( 'wu_async_process_domain_stage' ), 'stage checks queued for a record that is still secure' );
	}
);

t(
	'expiry: a certificate that expired takes secure back through the daily reconcile, and Ultimate Multisite\'s check gives up',
	function () {
		seed_for_strategy();
		$id = mapped( 'expire.example.org' );
		UM::dns_propagated( $id );
		settle();
		um_run();
		is_record( 'done, secure', $id, 'record before the expiry' );

		Sandbox::call( 'POST', '/__sandbox/clock', array( 'advance' => 91 * DAY_IN_SECONDS ) );
		ok( ! um_check( 'expire.example.org' ), 'the check passes with an expired certificate' );
		do_action( 'wu_runcloud_reconcile' ); // The daily reconcile's job.
		is_record( 'checking-ssl-cert, not secure', $id, 'record after the reconcile' );
		contains( 'no longer secure', domain_log( 'expire.example.org' ), 'per-domain log' );
		time_passes( 40 * 60 );
		is_record( 'ssl-failed, not secure', $id, 'record once Ultimate Multisite gave up' );
	}
);

t(
	'jobs act on the state when they run: an add for a deleted mapping, a removal for a name mapped again, a certificate for a name no longer mapped',
	function () {
		seed_for_strategy();
		// An add queued, the mapping deleted before it ran.
		list( $gone ) = UM::create_domain( 'gone.example.org', 1 );
		UM::delete_domain( $gone );
		um_run();
		not_contains( 'gone.example.org', implode( ',', Sandbox::names() ), 'names on RunCloud' );
		contains( 'Skipping the add of gone.example.org', domain_log( 'gone.example.org' ), 'per-domain log' );

		// A removal queued, the name mapped again before it ran.
		$back = mapped( 'back.example.org' );
		UM::delete_domain( $back );
		UM::create_domain( 'back.example.org', 1 );
		um_run();
		contains( 'back.example.org', implode( ',', Sandbox::names() ), 'names on RunCloud' );
		contains( 'Skipping the removal of back.example.org', domain_log( 'back.example.org' ), 'per-domain log' );

		// A certificate queued, the mapping deleted (its removal not run yet) before the job ran.
		$late = mapped( 'dropped.example.org' );
		UM::point( 'dropped.example.org' );
		plugin()->ssl->request( 'dropped.example.org' );
		UM::postpone( 'wu_runcloud_domain_ssl', 600 );
		UM::postpone( 'wu_runcloud_ssl_redeploy', 600 );
		UM::delete_domain( $late );
		UM::postpone( 'wu_remove_domain', 3600 );
		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		run_jobs( 900 );
		eq( array(), preg_grep( '#^(PUT|POST) .*ssl#', Sandbox::calls() ), 'certificate calls for a name no longer mapped' );
		contains( 'no longer mapped', domain_log( 'dropped.example.org' ), 'per-domain log' );
	}
);

t(
	'a refusal reaches the per-domain log with RunCloud\'s message, escaped for the log viewer',
	function () {
		seed_for_strategy();
		$id = mapped( 'refused.example.org' );
		Sandbox::fault( array( 'type' => 'status', 'status' => 422, 'count' => 5, 'method' => issuing_method(), 'path' => '/ssl', 'body' => '{"message":"Refused <b>by</b> the authority."}', 'content_type' => 'application/json' ) );
		UM::dns_propagated( $id );
		settle();
		$log = domain_log( 'refused.example.org' );
		contains( 'Refused &lt;b&gt;by&lt;/b&gt; the authority.', $log, 'RunCloud\'s message, escaped' );
		not_contains( '<b>', $log, 'markup from RunCloud' );

		UM::delete_domain( $id );
		um_run();
		contains( 'Removed domain refused.example.org from RunCloud', domain_log( 'refused.example.org' ), 'per-domain log' );
	}
);

run_tests();
