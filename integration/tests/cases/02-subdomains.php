<?php
/**
 * New and deleted sites: wildcard coverage on subdomain networks, nothing on subdirectory ones.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

if ( is_subdomain_install() ) {

	t(
		'defect 6: with a wildcard domain, new sites cost no API call after one lookup',
		function () {
			Sandbox::seed( array( 'domains' => array( '*.net-sub.test' ) ) );
			dns_points( true );
			$all = array();
			foreach ( array( 'alpha', 'beta', 'gamma' ) as $slug ) {
				list( $site_id, $actions ) = UM::create_site( $slug );
				$queued = array_column( UM::pending( 'wu_add_' ), 1 );
				sort( $queued );
				eq( array( 'wu_add_domain', 'wu_add_subdomain' ), $queued, 'jobs Ultimate Multisite queues for a new site' );
				um_ok( um_run( $actions ), "site $slug" );
				$all[] = $site_id;
			}
			run_jobs( 3600 );
			$calls = Sandbox::calls();
			ok( count( $calls ) <= 1, 'API calls for three new sites: ' . implode( ', ', $calls ) );
			eq( array(), preg_grep( '#^(POST|PUT|PATCH|DELETE)#', $calls ), 'writes for covered sites' );
			eq( array( 'net-sub.test', '*.net-sub.test' ), Sandbox::names(), 'domains of the web app' );

			foreach ( $all as $site_id ) {
				um_ok( um_run( UM::delete_site( $site_id ) ), 'delete site' );
			}
			ok( count( Sandbox::calls() ) <= 1, 'API calls after deleting the sites: ' . implode( ', ', Sandbox::calls() ) );
		}
	);

	t(
		'without a wildcard, a new site\'s subdomain is added once and removed with the site',
		function () {
			dns_points( true );
			list( $site_id, $actions ) = UM::create_site( 'delta' );
			um_ok( um_run( $actions ), 'create site' );
			$posts = preg_grep( '#^POST /domains #', Sandbox::calls() );
			eq( 1, count( $posts ), 'POSTs for the twin events of one site: ' . implode( ', ', Sandbox::calls() ) );
			$domain = Sandbox::domain( 'delta.net-sub.test' );
			ok( null !== $domain, 'subdomain missing' );

			um_ok( um_run( UM::delete_site( $site_id ) ), 'delete site' );
			ok( null === Sandbox::domain( 'delta.net-sub.test' ), 'subdomain still on RunCloud' );
			eq( 1, count( preg_grep( '#^DELETE #', Sandbox::calls() ) ), 'DELETEs for the twin removal events' );
		}
	);

	t(
		'a wildcard added later is picked up by the reconcile',
		function () {
			list( , $actions ) = UM::create_site( 'epsilon' );
			um_ok( um_run( $actions ), 'create site' );
			ok( null !== Sandbox::domain( 'epsilon.net-sub.test' ), 'subdomain added while no wildcard exists' );
			Sandbox::seed( array( 'domains' => array( '*.net-sub.test', 'epsilon.net-sub.test' ) ) );
			plugin()->reconciler->run( false );
			ok( null === Sandbox::domain( 'epsilon.net-sub.test' ), 'explicit alias kept although the wildcard serves it' );
			ok( null !== Sandbox::domain( '*.net-sub.test' ), 'wildcard removed' );
			Sandbox::call( 'DELETE', '/__sandbox/journal' );
			list( , $actions ) = UM::create_site( 'zeta' );
			um_ok( um_run( $actions ), 'create site' );
			eq( array(), Sandbox::calls(), 'calls for a site after the reconcile learned the wildcard' );
		}
	);

	t(
		'a mapped domain of a subsite is removed with the site',
		function () {
			list( $site_id, ) = UM::create_site( 'shop' );
			um_ok( um_run(), 'create site' );
			list( $id, $actions ) = UM::create_domain( 'myshop.example.net', $site_id );
			um_ok( um_run( $actions ), 'add' );
			ok( null !== Sandbox::domain( 'myshop.example.net' ), 'mapped domain missing' );
			um_ok( um_run( UM::delete_site( $site_id ) ), 'delete site with its mapping' );
			ok( null === Sandbox::domain( 'myshop.example.net' ), 'mapped domain left behind' );
			ok( null === Sandbox::domain( 'shop.net-sub.test' ), 'subdomain left behind' );
		}
	);
}

run_tests();
