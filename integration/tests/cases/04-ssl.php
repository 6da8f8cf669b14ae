<?php
/**
 * Certificates: when they are asked for, through which routes, and how requests are gathered.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'defect 5: no certificate request before the domain points at the server; one after propagation',
	function () {
		dns_points( false );
		$deploys = Sandbox::deploys();
		list( $id, $actions ) = UM::create_domain( 'later.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		eq( array(), preg_grep( '#/ssl#', Sandbox::calls() ), 'SSL calls before DNS points here' );
		eq( array(), jobs(), 'jobs queued before DNS points here' );

		UM::dns_propagated( $id );
		$jobs = jobs();
		eq( 1, count( $jobs ), 'one redeploy queued by wu_domain_manager_dns_propagation_finished' );
		eq( 'wu_runcloud_ssl_redeploy', $jobs[0][1], 'job hook' );
		run_jobs( 120 );
		eq( $deploys + 1, Sandbox::deploys(), 'certificate deploys' );

		// Ultimate Multisite may announce propagation again later: the certificate already covers it.
		UM::dns_propagated( $id );
		eq( array(), jobs(), 'a second redeploy for a covered domain' );
	}
);

t(
	'defect 5: a domain that already points at the server gets its certificate without waiting',
	function () {
		dns_points( true );
		$deploys = Sandbox::deploys();
		list( $id, $actions ) = UM::create_domain( 'ready.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		eq( 1, count( jobs() ), 'redeploy queued at once' );
		run_jobs( 120 );
		eq( $deploys + 1, Sandbox::deploys(), 'certificate deploys' );
		contains( 'ready.example.com', implode( ',', Sandbox::webapp()['ssl']['names'] ), 'certificate names' );
		UM::dns_propagated( $id );
		eq( array(), jobs(), 'propagation of an already covered domain queues nothing' );
	}
);

t(
	'defect 4: the redeploy uses GET ssl and PUT ssl/{id}, never the missing ssl/advanced routes',
	function () {
		dns_points( true );
		list( , $actions ) = UM::create_domain( 'routes.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		$results = run_jobs( 120 );
		eq( 'complete', $results[0]['status'], 'redeploy job' );
		$calls = Sandbox::calls();
		// The client may remember the certificate id from an earlier call; GET ssl is then skipped.
		// GET domains is the basic-mode guard counting the certificate's names (17-ssl-basic-guards).
		$allowed = array( 'GET /domains 200', 'GET /ssl 200', 'PUT /ssl/' . Sandbox::webapp()['ssl']['id'] . ' 200' );
		eq( array(), array_values( array_diff( $calls, $allowed ) ), 'calls other than GET ssl and PUT ssl/{id}' );
		eq( 'PUT /ssl/' . Sandbox::webapp()['ssl']['id'] . ' 200', end( $calls ), 'last call' );
		eq( array(), preg_grep( '#advanced#', $calls ), 'calls to ssl/advanced' );
	}
);

t(
	'redeploys requested within the window are gathered into one',
	function () {
		dns_points( true );
		$deploys = Sandbox::deploys();
		$ids     = array();
		foreach ( array( 'one', 'two', 'three', 'four', 'five' ) as $slug ) {
			list( $ids[], $actions ) = UM::create_domain( "$slug.example.com", 1 );
			um_ok( um_run( $actions ), "add $slug" );
		}
		eq( 1, count( jobs() ), 'redeploy jobs queued for five domains' );
		eq( 5, count( plugin()->basic->pending() ), 'names waiting' );
		run_jobs( 120 );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys for five domains' );
		eq( array(), plugin()->basic->pending(), 'names still waiting' );
		eq( 1, count( preg_grep( '#^PUT /ssl/#', Sandbox::calls() ) ), 'PUT ssl calls' );
	}
);

t(
	'a web app without a certificate gets one installed',
	function () {
		Sandbox::seed( array( 'ssl' => false ) );
		dns_points( true );
		list( , $actions ) = UM::create_domain( 'first-cert.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		run_jobs( 120 );
		ok( null !== Sandbox::webapp()['ssl'], 'no certificate installed' );
		eq( 1, count( preg_grep( '#^POST /ssl #', Sandbox::calls() ) ), 'install calls' );
	}
);

t(
	'a redeploy refused because DNS does not point is an ERROR and a failed job',
	function () {
		dns_points( true );
		Sandbox::fault( array( 'path' => '/ssl', 'method' => 'PUT', 'type' => 'dns_not_pointed', 'count' => 1 ) );
		list( , $actions ) = UM::create_domain( 'not-yet.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$results = run_jobs( 120 );
		eq( 'failed', $results[0]['status'], 'redeploy job' );
		contains( 'HTTP 422', $results[0]['message'], 'job message' );
		contains( 'does not point', implode( "\n", log_lines( 'error' ) ), 'RunCloud\'s message in the log' );
	}
);

t(
	'a 502 on redeploy is retried with backoff',
	function () {
		dns_points( true );
		Sandbox::fault( array( 'path' => '/ssl', 'method' => 'PUT', 'type' => 'status', 'status' => 502, 'body' => 'Bad Gateway', 'content_type' => 'text/html', 'count' => 3 ) );
		$deploys = Sandbox::deploys();
		list( , $actions ) = UM::create_domain( 'gateway.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$results = run_jobs( 61, null, 1 );
		eq( 'complete', $results[0]['status'], 'first redeploy hands over to a retry' );
		eq( 1, count( jobs() ), 'retry queued' );
		ok( jobs()[0][0] - time() >= 55, 'retry not delayed' );
		run_jobs( 3600 );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys after the retry' );
	}
);

run_tests();
