<?php
/**
 * The certificate strategy (auto, per-domain, basic) and per-domain certificates: one job per
 * domain after Ultimate Multisite reports its DNS propagated, failures kept to their own domain,
 * the certificate removed with its domain, ids remembered per name.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

const ADVANCED = array( 'advanced_ssl' => array( 'advancedSSL' => true, 'autoSSL' => false ) );

/** Jobs of one hook: list of [timestamp, hook, args]. */
function jobs_of( $hook ) {
	return array_values(
		array_filter(
			jobs(),
			static function ( $job ) use ( $hook ) {
				return $hook === $job[1];
			}
		)
	);
}

/** Maps $name to the main site through Ultimate Multisite and runs its jobs; the record's id. */
function map_domain( $name, &$results = null ) {
	list( $id ) = UM::create_domain( $name, 1 );
	$results    = um_run();
	um_ok( only_hook( 'wu_add_domain', $results ), "add $name" );

	return $id;
}

t(
	'auto: a web app in basic mode keeps its basic certificate; the mode is read once',
	function () {
		dns_points( true );
		map_domain( 'one.example.org' );
		map_domain( 'two.example.org' );
		eq( 1, count( jobs_of( 'wu_runcloud_ssl_redeploy' ) ), 'basic redeploys queued' );
		eq( array(), jobs_of( 'wu_runcloud_domain_ssl' ), 'per-domain jobs' );
		eq( 1, count( preg_grep( '#^GET /ssl/advanced #', Sandbox::calls() ) ), 'reads of the SSL mode' );
		run_jobs( 120 );
		contains( 'two.example.org', implode( ',', Sandbox::webapp()['ssl']['names'] ), 'basic certificate names' );
	}
);

t(
	'auto: in advanced mode each domain gets its own certificate once its DNS has propagated',
	function () {
		Sandbox::seed( ADVANCED );
		dns_points( false );
		$id = map_domain( 'alpha.example.org' );
		eq( array(), preg_grep( '#/ssl#', Sandbox::calls() ), 'SSL calls before DNS points here' );

		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		$results = only_hook( 'wu_runcloud_domain_ssl', UM::dns_propagated( $id ) );
		eq( 1, count( $results ), 'certificate jobs run after propagation' );
		eq( array( '1:10', 'alpha.example.org', 0, 0 ), $results[0]['args'], 'job arguments' );
		eq( 'complete', $results[0]['status'], 'certificate job: ' . $results[0]['message'] );
		eq( array(), jobs(), 'jobs left (a basic redeploy?)' );
		$domain = Sandbox::domain( 'alpha.example.org' );
		$posts  = array_values( array_filter( Sandbox::journal(), static function ( $e ) { return 'POST' === $e['method']; } ) );
		eq( 1, count( $posts ), 'POST calls' );
		contains( '/domains/' . $domain['id'] . '/ssl', $posts[0]['path'], 'install route (by the remembered id)' );
		eq( true, $posts[0]['body']['advancedSSL'], 'advancedSSL in the install body' );
		eq( array(), preg_grep( '#^(PUT|POST) /ssl(/\d+)? #', Sandbox::calls() ), 'basic certificate calls' );
		eq( array( 'alpha.example.org', 'www.alpha.example.org' ), Sandbox::domain_certs()[ (int) $domain['id'] ], 'names of its certificate' );
		eq( array(), array_values( array_filter( Sandbox::coverage()['uncovered'], static function ( $u ) { return 'alpha.example.org' === $u['name']; } ) ), 'alpha.example.org uncovered' );
		eq( 'covered', plugin()->per_domain->status( 'alpha.example.org' ), 'remembered state' );

		UM::dns_propagated( $id );
		eq( array(), jobs(), 'jobs after a second propagation of a covered domain' );
	}
);

t(
	'a certificate job that runs before its domain\'s add waits for the add: no job fails, one install',
	function () {
		Sandbox::seed( ADVANCED );
		dns_points( false ); // this plugin's own check says no: the request the add keeps must carry it
		list( $id ) = UM::create_domain( 'early.example.org', 1 );
		UM::postpone( 'wu_add_domain', 3600 );
		$first = only_hook( 'wu_runcloud_domain_ssl', UM::dns_propagated( $id ) );
		eq( 1, count( $first ), 'certificate jobs run before the add' );
		eq( 'complete', $first[0]['status'], 'certificate job before the add: ' . $first[0]['message'] );
		eq( array(), preg_grep( '#^POST .*/ssl#', Sandbox::calls() ), 'installs before the add' );
		eq( 'pending', plugin()->per_domain->status( 'early.example.org' ), 'state while the add waits' );

		UM::make_due( 'wu_add_domain', 3600 );
		$results = array_merge( UM::run(), run_jobs( 60 ) );
		eq( array(), array_values( array_filter( $results, static function ( $r ) { return 'failed' === $r['status']; } ) ), 'failed jobs' );
		eq( 'covered', plugin()->per_domain->status( 'early.example.org' ), 'state after the add' );
		eq( 1, count( preg_grep( '#^POST .*/domains/\d+/ssl#', Sandbox::calls() ) ), 'installs' );
		eq( array(), log_lines( 'ERROR' ), 'ERROR lines' );
	}
);

t(
	'per-domain: a domain whose DNS is broken fails only its own job, with RunCloud\'s message',
	function () {
		Sandbox::seed( ADVANCED, array( 'unpointed' => array( 'broken.example.net' ) ) );
		plugin()->mode->save( 'per-domain' );
		dns_points( true );
		$by_name = array();
		foreach ( array( 'good.example.com', 'broken.example.net', 'fine.example.info' ) as $name ) {
			map_domain( $name, $results );
			foreach ( only_hook( 'wu_runcloud_domain_ssl', $results ) as $result ) {
				$by_name[ $result['args'][1] ] = $result;
			}
		}
		eq( 3, count( $by_name ), 'certificate jobs run' );
		eq( 'failed', $by_name['broken.example.net']['status'], 'job of the broken domain' );
		contains( 'HTTP 422', $by_name['broken.example.net']['message'], 'job message' );
		eq( 'complete', $by_name['good.example.com']['status'], 'job of a good domain' );
		eq( 'complete', $by_name['fine.example.info']['status'], 'job of the domain after it' );
		$errors = implode( "\n", log_lines( 'error' ) );
		contains( 'broken.example.net', $errors, 'ERROR line' );
		contains( 'does not point', $errors, 'RunCloud\'s message in the log' );
		eq( 2, count( Sandbox::domain_certs() ), 'certificates installed' );
		eq( array( 'covered' => 2, 'pending' => 0, 'failed' => 1 ), plugin()->ledger->certificate_counts(), 'counts' );
		eq( array(), preg_grep( '#^(PUT|POST) /ssl(/\d+)? #', Sandbox::calls() ), 'basic certificate calls' );
		eq( array(), jobs(), 'jobs left' );
	}
);

t(
	'the certificate goes with its domain: the removal is one DELETE by the remembered id',
	function () {
		Sandbox::seed( ADVANCED );
		dns_points( true );
		$id = map_domain( 'gone.example.org' );
		run_jobs( 120 );
		$domain = Sandbox::domain( 'gone.example.org' );
		ok( isset( Sandbox::domain_certs()[ (int) $domain['id'] ] ), 'no certificate before the removal' );
		eq( (int) $domain['id'], plugin()->ledger->id( 'gone.example.org' ), 'remembered id' );

		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		UM::delete_domain( $id );
		um_ok( um_run(), 'remove' );
		eq( array( 'DELETE /domains/' . $domain['id'] . ' 200' ), Sandbox::calls(), 'calls of the removal' );
		eq( null, Sandbox::domain( 'gone.example.org' ), 'domain after the removal' );
		eq( array(), Sandbox::domain_certs(), 'certificates after the removal' );
		eq( 0, plugin()->ledger->id( 'gone.example.org' ), 'id after the removal' );
		eq( '', plugin()->per_domain->status( 'gone.example.org' ), 'certificate state after the removal' );
	}
);

t(
	'a stale id (404) falls back to the name',
	function () {
		$id = map_domain( 'stale.example.org' );
		plugin()->ledger->remember_id( 'stale.example.org', 987654 );
		UM::delete_domain( $id );
		um_ok( um_run(), 'remove' );
		eq( null, Sandbox::domain( 'stale.example.org' ), 'domain after the removal' );
		eq( 1, count( preg_grep( '#^DELETE /domains/987654 404#', Sandbox::calls() ) ), 'DELETE by the stale id' );
	}
);

t(
	'ids are remembered per name: three concurrent workers lose none',
	function () {
		run_concurrently( 'remember-ids.php', array( 'wa' => 'wa 30 1000', 'wb' => 'wb 30 2000', 'wc' => 'wc 30 3000' ), 'IDS-DONE' );
		$lost = array();
		foreach ( array( 'wa' => 1000, 'wb' => 2000, 'wc' => 3000 ) as $prefix => $first ) {
			for ( $i = 1; $i <= 30; $i++ ) {
				if ( $first + $i !== plugin()->ledger->id( "$prefix-$i.example.com" ) ) {
					$lost[] = "$prefix-$i";
				}
			}
		}
		eq( array(), $lost, 'ids lost' );
	}
);

t(
	'a subdomain served by the wildcard domain gets no certificate of its own',
	function () {
		Sandbox::seed( ADVANCED + array( 'domains' => array( '*.' . get_network()->domain ) ) );
		dns_points( false );
		$id = map_domain( 'shop.' . get_network()->domain );
		UM::dns_propagated( $id );
		eq( array(), jobs(), 'jobs for a subdomain the wildcard serves' );
		eq( array(), preg_grep( '#/ssl#', Sandbox::calls() ), 'SSL calls' );
	}
);

t(
	'basic: the basic certificate even when the web app is in advanced mode',
	function () {
		Sandbox::seed( ADVANCED );
		plugin()->mode->save( 'basic' );
		dns_points( true );
		map_domain( 'plain.example.org' );
		eq( 1, count( jobs_of( 'wu_runcloud_ssl_redeploy' ) ), 'basic redeploys queued' );
		eq( array(), jobs_of( 'wu_runcloud_domain_ssl' ), 'per-domain jobs' );
	}
);

t(
	'per-domain: no basic redeploy is sent, not even one queued before the switch',
	function () {
		dns_points( true );
		map_domain( 'before.example.org' );
		eq( 1, count( jobs_of( 'wu_runcloud_ssl_redeploy' ) ), 'basic redeploy queued in basic mode' );

		Sandbox::set_mode( true );
		plugin()->mode->save( 'per-domain' );
		$results = run_jobs( 120 );
		eq( array(), preg_grep( '#^PUT /ssl#', Sandbox::calls() ), 'basic redeploys sent' );
		eq( 'wu_runcloud_domain_ssl', end( $results )['hook'], 'last job' );
		eq( 'complete', end( $results )['status'], 'certificate job: ' . end( $results )['message'] );
		ok( isset( Sandbox::domain_certs()[ (int) Sandbox::domain( 'before.example.org' )['id'] ] ), 'no certificate of its own' );
	}
);

t(
	'auto: a mode refusal refreshes the remembered mode and hands the domain to the basic certificate',
	function () {
		dns_points( false );
		$id = map_domain( 'flip.example.org' );
		// The plugin's remembered mode says advanced (say, the web app was switched back to basic
		// in RunCloud's panel since); the client of this request knows better and refuses.
		plugin()->connector->client()->sslMode();
		plugin()->mode->remember( true, false );

		$deploys = Sandbox::deploys();
		$results = only_hook( 'wu_runcloud_domain_ssl', UM::dns_propagated( $id ) );
		eq( 1, count( $results ), 'certificate jobs run' );
		eq( 'complete', $results[0]['status'], 'certificate job: ' . $results[0]['message'] );
		eq( false, plugin()->mode->known()['advanced'], 'remembered mode after the refusal' );
		eq( false, Sandbox::webapp()['advanced_ssl']['advancedSSL'], 'mode of the web app' );
		eq( 1, count( jobs_of( 'wu_runcloud_ssl_redeploy' ) ), 'basic redeploys queued' );
		run_jobs( 120 );
		eq( $deploys + 1, Sandbox::deploys(), 'basic deploys' );
		contains( 'flip.example.org', implode( ',', Sandbox::webapp()['ssl']['names'] ), 'basic certificate names' );
	}
);

t(
	'the client\'s old idea of the mode is corrected: the install is made once the mode is read again',
	function () {
		dns_points( false );
		$id = map_domain( 'late.example.org' );
		// This request's client read the mode while it was basic; another worker has switched the
		// web app to advanced since, and remembered it.
		plugin()->connector->client()->sslMode();
		Sandbox::set_mode( true );
		plugin()->mode->remember( true, false );

		$results = only_hook( 'wu_runcloud_domain_ssl', UM::dns_propagated( $id ) );
		eq( 'complete', $results[0]['status'], 'certificate job: ' . $results[0]['message'] );
		ok( isset( Sandbox::domain_certs()[ (int) Sandbox::domain( 'late.example.org' )['id'] ] ), 'no certificate of its own' );
		eq( true, plugin()->mode->known()['advanced'], 'remembered mode' );
		eq( array(), jobs(), 'jobs left' );
	}
);

t(
	'429s are waited out: no certificate job fails on the rate limit',
	function () {
		Sandbox::seed( ADVANCED );
		plugin()->mode->save( 'per-domain' );
		dns_points( false );
		$ids = array();
		foreach ( array( 'r1.example.org', 'r2.example.net', 'r3.example.info', 'r4.example.com' ) as $name ) {
			$ids[] = map_domain( $name );
		}

		// A 1 s call budget: a 429 of this short window (or a start the client's pacing would hold
		// longer) fails the call at once, and the queue's wait is what is tested.
		add_filter( 'wu_runcloud_timeout', static function () { return 1.0; } );
		plugin()->connector->reset();
		Sandbox::config( array( 'rate_limit' => 3, 'rate_window' => 2 ) );

		$results = array();
		foreach ( $ids as $id ) {
			$results = array_merge( $results, only_hook( 'wu_runcloud_domain_ssl', UM::dns_propagated( $id ) ) );
		}
		eq( array(), array_values( array_filter( $results, static function ( $r ) { return 'failed' === $r['status']; } ) ), 'failed jobs during the burst' );
		$waiting = jobs_of( 'wu_runcloud_domain_ssl' );
		ok( count( $waiting ) > 0, 'the rate limit was never hit' );
		foreach ( $waiting as $job ) {
			eq( 0, $job[2][2], 'attempts counted for ' . $job[2][1] . ' (a 429 is no failure)' );
			ok( $job[2][3] >= 1, 'waits recorded for ' . $job[2][1] );
		}
		contains( 'rate limit', implode( "\n", log_lines( 'info' ) ), 'log' );

		// Later requests, within RunCloud's budget again.
		Sandbox::config( array( 'rate_limit' => 100000 ) );
		$later = run_jobs_later( 7200 );
		eq( array(), array_values( array_filter( $later, static function ( $r ) { return 'failed' === $r['status']; } ) ), 'failed jobs later' );
		eq( 4, count( Sandbox::domain_certs() ), 'certificates installed' );
	}
);

t(
	'a refusal of Let\'s Encrypt\'s own limits that says when to retry is waited out, not failed',
	function () {
		Sandbox::seed( ADVANCED, array( 'ca_order_limit' => 1 ) );
		dns_points( true );
		map_domain( 'first.example.org', $first );
		eq( 'complete', only_hook( 'wu_runcloud_domain_ssl', $first )[0]['status'], 'first certificate job' );
		map_domain( 'second.example.net', $second );
		$second = only_hook( 'wu_runcloud_domain_ssl', $second );
		eq( 'complete', $second[0]['status'], 'second certificate job (refused for now): ' . $second[0]['message'] );
		$waiting = jobs_of( 'wu_runcloud_domain_ssl' );
		eq( 1, count( $waiting ), 'jobs waiting' );
		eq( array( '1:10', 'second.example.net', 0, 1 ), $waiting[0][2], 'arguments of the waiting job' );
		ok( $waiting[0][0] - time() > 3 * HOUR_IN_SECONDS - 120, 'the job waits until the authority allows a new order' );
		eq( 'pending', plugin()->per_domain->status( 'second.example.net' ), 'state while waiting' );

		Sandbox::config( array( 'ca_order_limit' => 300 ) );
		$results = run_jobs( 4 * HOUR_IN_SECONDS );
		eq( 'complete', end( $results )['status'], 'the job later' );
		eq( 'covered', plugin()->per_domain->status( 'second.example.net' ), 'state after' );
	}
);

t(
	'the strategy: admin setting with nonce and capability, the constant wins, an invalid value is an admin error and counts as auto',
	function () {
		throw_on_wp_die();
		eq( 'auto', plugin()->mode->configured(), 'default' );

		wp_set_current_user( 0 );
		$_REQUEST = array( 'action' => 'runcloud_um_ssl_strategy' );
		$_POST    = array( 'strategy' => 'per-domain' );
		$died = perform_admin_action( 'runcloud_um_ssl_strategy' );
		ok( '' !== $died, 'saved without a nonce' );
		eq( 'auto', plugin()->mode->configured(), 'after a request without a nonce' );

		$user = wp_insert_user( array( 'user_login' => 'sub' . wp_rand(), 'user_pass' => 'x', 'role' => 'subscriber' ) );
		wp_set_current_user( $user );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_ssl_strategy' );
		$died = perform_admin_action( 'runcloud_um_ssl_strategy' );
		contains( 'not allowed', $died, 'a subscriber was let in' );
		eq( 'auto', plugin()->mode->configured(), 'after a subscriber\'s request' );

		wp_set_current_user( 1 );
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'runcloud_um_ssl_strategy' );
		$result               = plugin()->admin()->perform( 'runcloud_um_ssl_strategy' );
		eq( 'success', $result['type'], 'result: ' . $result['message'] );
		eq( 'per-domain', plugin()->mode->configured(), 'saved strategy' );
		$_POST  = array( 'strategy' => 'sometimes' );
		$result = plugin()->admin()->perform( 'runcloud_um_ssl_strategy' );
		eq( 'error', $result['type'], 'an invalid value saved' );
		eq( 'per-domain', plugin()->mode->configured(), 'strategy after an invalid value' );
		$_POST    = array();
		$_REQUEST = array();

		// The constant wins over the setting.
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode' ), array( 'RCI_SSL_STRATEGY' => 'basic' ) );
		eq( 0, $code, 'exit code: ' . $out );
		ok( preg_match( '/strategy\W+basic \(WU_RUNCLOUD_SSL_STRATEGY\)/', $out ), 'strategy row: ' . $out );
		ok( preg_match( '/certificates\W+basic/', $out ), 'certificates row: ' . $out );
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode' ) );
		ok( preg_match( '/certificates\W+per-domain/', $out ), 'certificates row without the constant: ' . $out );

		// An invalid constant: an error notice for network admins, and auto.
		list( $code, $out ) = wp_cli( array( 'runcloud', 'ssl', 'mode' ), array( 'RCI_SSL_STRATEGY' => 'sometimes' ) );
		eq( 0, $code, 'exit code: ' . $out );
		ok( preg_match( '/strategy\W+auto \(WU_RUNCLOUD_SSL_STRATEGY\) \(invalid value "sometimes" ignored\)/', $out ), 'strategy row with an invalid constant: ' . $out );
		ok( preg_match( '/certificates\W+basic/', $out ), 'auto on a basic web app: ' . $out );
		list( $code, $out ) = wp_cli( array( 'eval', 'RunCloud_Ultimate_Multisite\Plugin::instance()->admin()->register(); wp_set_current_user( 1 ); do_action( "network_admin_notices" );' ), array( 'RCI_SSL_STRATEGY' => 'sometimes' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'notice-error', $out, 'admin notice' );
		contains( 'WU_RUNCLOUD_SSL_STRATEGY', $out, 'the notice names the constant' );
		contains( 'sometimes', $out, 'the notice names the value' );
		list( , $out ) = wp_cli( array( 'eval', 'RunCloud_Ultimate_Multisite\Plugin::instance()->admin()->register(); wp_set_current_user( 1 ); do_action( "network_admin_notices" );' ), array( 'RCI_SSL_STRATEGY' => 'per-domain' ) );
		not_contains( 'WU_RUNCLOUD_SSL_STRATEGY', $out, 'a notice for a valid constant' );
	}
);

t(
	'the mode read from RunCloud is answered even when remembering it does not stick',
	function () {
		Sandbox::set_mode( true );
		// The option write does not take (as when the database refuses it): WordPress skips the update.
		$keep = static function ( $value, $old ) {
			return $old;
		};
		add_filter( 'pre_update_site_option_wu_runcloud_ssl_mode', $keep, 10, 2 );
		try {
			eq( array( 'advanced' => true, 'autoSsl' => false ), plugin()->mode->refresh(), 'refresh()' );
			ok( plugin()->mode->per_domain(), 'auto in advanced mode is not per-domain' );
			eq( array(), log_lines( 'WARNING' ), 'warnings' );
		} finally {
			remove_filter( 'pre_update_site_option_wu_runcloud_ssl_mode', $keep, 10 );
		}
	}
);

run_tests();
