<?php
/**
 * Domain records created, renamed and deleted through Ultimate Multisite, jobs run by Action Scheduler, on both generations.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'the plugin replaces the built-in RunCloud integration',
	function () {
		if ( 'old' === RCI_UM_GENERATION ) {
			$builtin = \WP_Ultimo\Integrations\Host_Providers\Runcloud_Host_Provider::get_instance();
			foreach ( array( 'wu_add_domain' => 'on_add_domain', 'wu_remove_domain' => 'on_remove_domain', 'wu_add_subdomain' => 'on_add_subdomain', 'wu_remove_subdomain' => 'on_remove_subdomain' ) as $hook => $method ) {
				ok( false === has_action( $hook, array( $builtin, $method ) ), "the built-in provider still handles $hook" );
			}
			$list = apply_filters( 'wu_domain_manager_get_integrations', array() );
			eq( 'RunCloud_Ultimate_Multisite\Ultimate_Multisite\Host_Provider', $list['runcloud'] ?? null, 'integration list entry for runcloud' );
		} else {
			// No handler of Ultimate Multisite's own RunCloud module on the domain events.
			global $wp_filter;
			foreach ( array( 'wu_add_domain', 'wu_remove_domain', 'wu_add_subdomain', 'wu_remove_subdomain' ) as $hook ) {
				foreach ( $wp_filter[ $hook ]->callbacks ?? array() as $callbacks ) {
					foreach ( $callbacks as $callback ) {
						$owner = is_array( $callback['function'] ) && is_object( $callback['function'][0] ) ? get_class( $callback['function'][0] ) : '';
						ok( 'WP_Ultimo\Integrations\Providers\RunCloud\RunCloud_Domain_Mapping' !== $owner, "the built-in module handles $hook" );
					}
				}
			}
			$module = \WP_Ultimo\Integrations\Integration_Registry::get_instance()->get_capability( 'runcloud', 'domain-mapping' );
			ok( $module instanceof \RunCloud_Ultimate_Multisite\Ultimate_Multisite\Capability_Module, 'registry holds ' . get_class( $module ) );
		}
		list( , $actions ) = UM::create_domain( 'shop.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$calls = Sandbox::calls();
		eq( array( 'POST /domains 200' ), $calls, 'API calls for one add (DNS not pointed yet)' );
	}
);

t(
	'Ultimate Multisite\'s own RunCloud handlers, hooked while plugins load, are off once they have loaded',
	function () {
		// Loaded by WP-CLI before WordPress: hooks the built-in handlers of this generation the way
		// Ultimate Multisite does when its RunCloud integration is on, after Ultimate Multisite set up.
		$require = sys_get_temp_dir() . '/rci-builtin-' . getmypid() . '.php';
		file_put_contents(
			$require,
			'<?php WP_CLI::add_wp_hook( "plugins_loaded", static function () {
				if ( class_exists( "\\WP_Ultimo\\Integrations\\Integration_Registry" ) ) {
					$builtin = new \\WP_Ultimo\\Integrations\\Providers\\RunCloud\\RunCloud_Domain_Mapping();
				} else {
					$builtin = \\WP_Ultimo\\Integrations\\Host_Providers\\Runcloud_Host_Provider::get_instance();
				}
				$builtin->register_hooks();
				$GLOBALS["rci_hooked"] = has_action( "wu_add_domain", array( $builtin, "on_add_domain" ) );
			}, 11 );'
		);
		$count = 'global $wp_filter; $found = array();
			foreach ( array( "wu_add_domain", "wu_remove_domain", "wu_add_subdomain", "wu_remove_subdomain" ) as $hook ) {
				foreach ( $wp_filter[ $hook ]->callbacks ?? array() as $callbacks ) {
					foreach ( $callbacks as $callback ) {
						$found[] = $hook . ":" . ( is_array( $callback["function"] ) && is_object( $callback["function"][0] ) ? get_class( $callback["function"][0] ) : "function" );
					}
				}
			}
			echo "HOOKED " . var_export( $GLOBALS["rci_hooked"] ?? null, true ) . "\nHANDLERS " . implode( ",", $found ) . "\n";';
		list( $code, $out ) = wp_cli( array( '--require=' . $require, 'eval', $count ) );
		unlink( $require );
		eq( 0, $code, 'wp eval: ' . $out );
		ok( 1 === preg_match( '/^HANDLERS (.*)$/m', $out, $m ), 'no handler list: ' . $out );
		contains( 'HOOKED 10', $out, 'the built-in handler was not hooked in the first place' );
		foreach ( explode( ',', $m[1] ) as $handler ) {
			ok( false === stripos( $handler, 'Runcloud_Host_Provider' ) && false === strpos( $handler, 'RunCloud_Domain_Mapping' ), "the built-in handler still hooked: $handler (all: {$m[1]})" );
		}
		contains( 'wu_add_domain:RunCloud_Ultimate_Multisite', $m[1], 'this plugin\'s handler' );
	}
);

t(
	'defect 10: the API address is a setting, so the integration runs against the sandbox',
	function () {
		if ( class_exists( '\RunCloud_Ultimate_Multisite\Plugin' ) ) {
			eq( rtrim( getenv( 'RCI_SANDBOX_URL' ), '/' ) . '/api/v3', plugin()->settings->api_url(), 'WU_RUNCLOUD_API_URL read' );
		}

		// Point it elsewhere (RunCloud's v2 "workspace" API: same paths, bearer token).
		add_filter( 'wu_runcloud_setting', function ( $value, $name ) {
			return 'WU_RUNCLOUD_API_URL' === $name ? rtrim( getenv( 'RCI_SANDBOX_URL' ), '/' ) . '/api/v2' : $value;
		}, 10, 2 );
		list( , $actions ) = UM::create_domain( 'sandboxed.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		ok( null !== Sandbox::domain( 'sandboxed.example.com' ), 'domain not created in the sandbox' );
		$entry = Sandbox::journal()[0];
		eq( 'bearer', $entry['auth'], 'auth scheme' );
		ok( 0 === strpos( $entry['path'], '/api/v2/servers/1/webapps/10/' ), 'request went to ' . $entry['path'] );
	}
);

t(
	'defect 3: www follows the admin setting (always, never, main_only)',
	function () {
		$cases = array(
			array( 'always', 'always.example.com', true ),
			array( 'never', 'never-example.com', false ),
			array( 'main_only', 'main-only.com', true ),
			array( 'main_only', 'sub.main-only.com', false ),
		);
		foreach ( $cases as $case ) {
			list( $setting, $name, $www ) = $case;
			www_setting( $setting );
			list( , $actions ) = UM::create_domain( $name, 1 );
			um_ok( um_run( $actions ), "add $name" );
			$domain = Sandbox::domain( $name );
			ok( null !== $domain, "$name not created" );
			eq( $www, (bool) $domain['www'], "www of $name with setting $setting" );
			eq( $www ? 'non-www' : 'none', $domain['redirection'], "redirection of $name" );
		}
	}
);

t(
	'a redirection filter returning garbage: the domain is added with the default, and a warning says why',
	function () {
		$garbage = array(
			'sideways.example.com' => 'sideways',
			'list.example.com'     => array( 'www' ),
			'object.example.com'   => new \stdClass(),
			'number.example.com'   => 42,
			'empty.example.com'    => null,
		);
		$filter  = static function ( $redirection, $name ) use ( &$garbage ) {
			return array_key_exists( $name, $garbage ) ? $garbage[ $name ] : $redirection;
		};
		add_filter( 'wu_runcloud_domain_redirection', $filter, 10, 2 );
		try {
			www_setting( 'always' );
			foreach ( array_keys( $garbage ) as $name ) {
				list( , $actions ) = UM::create_domain( $name, 1 );
				um_ok( um_run( $actions ), "add $name" );
				$domain = Sandbox::domain( $name );
				ok( null !== $domain, "$name not created" );
				eq( 'non-www', $domain['redirection'], "redirection of $name" );
				ok( 1 === count( preg_grep( '/wu_runcloud_domain_redirection .*' . preg_quote( $name, '/' ) . '.*using "non-www"/', log_lines( 'warning' ) ) ), "a warning for $name: " . implode( ' | ', log_lines() ) );
			}
			$garbage['valid.example.com'] = 'www'; // A value RunCloud takes is sent as it is.
			list( , $actions ) = UM::create_domain( 'valid.example.com', 1 );
			um_ok( um_run( $actions ), 'add valid.example.com' );
			eq( 'www', Sandbox::domain( 'valid.example.com' )['redirection'] ?? null, 'redirection of valid.example.com' );
		} finally {
			remove_filter( 'wu_runcloud_domain_redirection', $filter, 10 );
		}
	}
);

t(
	'defect 1: removal finds a domain on page 5 of 96 domains, even when search is ignored',
	function () {
		// 93 + the primary + these two = 96 domains: 5 pages of 20, the new ones on page 5.
		Sandbox::seed( array( 'bulk' => array( 'count' => 93, 'pattern' => 'bulk-%d.example.org' ) ) );
		list( $id, $actions ) = UM::create_domain( 'last-page.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		list( $id2, $actions ) = UM::create_domain( 'second.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		$names = Sandbox::names();
		eq( 96, count( $names ), 'domains of the web app' );
		ok( array_search( 'last-page.example.com', $names, true ) >= 80, 'last-page.example.com is not on page 5: position ' . var_export( array_search( 'last-page.example.com', $names, true ), true ) );

		um_ok( um_run( UM::delete_domain( $id ) ), 'remove' );
		ok( null === Sandbox::domain( 'last-page.example.com' ), 'last-page.example.com is still on RunCloud' );

		Sandbox::config( array( 'ignore_search' => true ) );
		um_ok( um_run( UM::delete_domain( $id2 ) ), 'remove with search ignored' );
		ok( null === Sandbox::domain( 'second.example.com' ), 'second.example.com is still on RunCloud when search is ignored' );
		ok( null !== Sandbox::domain( 'bulk-1.example.org' ), 'an unrelated domain was removed' );
	}
);

t(
	'removing a domain that is not on RunCloud succeeds quietly',
	function () {
		list( $id, ) = UM::create_domain( 'never-added.example.com', 1 );
		$results = um_run( UM::delete_domain( $id ) );
		um_ok( $results, 'remove' );
		eq( array(), log_lines( 'error' ), 'error lines' );
	}
);

t(
	'defect 7: renaming a domain record removes the old name',
	function () {
		list( $id, $actions ) = UM::create_domain( 'old-name.example.com', 1 );
		um_ok( um_run( $actions ), 'add' );
		um_ok( um_run( UM::rename_domain( $id, 'new-name.example.com' ) ), 'rename' );
		ok( null !== Sandbox::domain( 'new-name.example.com' ), 'new name missing' );
		ok( null === Sandbox::domain( 'old-name.example.com' ), 'old name still served' );

		// Older releases pass no site id on rename: the record tells the site.
		um_ok( um_run( UM::rename_domain( $id, 'third-name.example.com', true ) ), 'rename without site id' );
		ok( null !== Sandbox::domain( 'third-name.example.com' ), 'third name missing' );
		ok( null === Sandbox::domain( 'new-name.example.com' ), 'second name still served' );
	}
);

t(
	'defect 7: a rename keeps other domains of the same site',
	function () {
		list( $a, $actions ) = UM::create_domain( 'keep-me.example.com', 1 );
		um_ok( um_run( $actions ), 'add a' );
		list( $b, $actions ) = UM::create_domain( 'rename-me.example.com', 1 );
		um_ok( um_run( $actions ), 'add b' );
		um_ok( um_run( UM::rename_domain( $b, 'renamed.example.com' ) ), 'rename b' );
		ok( null !== Sandbox::domain( 'keep-me.example.com' ), 'the other domain of the site was removed' );
		ok( null === Sandbox::domain( 'rename-me.example.com' ), 'old name still served' );
	}
);

t(
	'a record removes its alias whatever the case RunCloud holds it in',
	function () {
		// A differently cased alias already on RunCloud is the record's domain: removing the
		// record removes it.
		Sandbox::seed( array( 'domains' => array( 'Shop.Example.COM' ) ) );
		list( $id, ) = UM::create_domain( 'Shop.Example.com', 1 );
		um_ok( um_run(), 'add mixed case' );
		eq( 1, count( preg_grep( '/^shop\.example\.com$/i', Sandbox::names() ) ), 'one alias for shop.example.com: ' . implode( ',', Sandbox::names() ) );
		um_ok( um_run( UM::delete_domain( $id ) ), 'remove' );
		eq( array(), preg_grep( '/^shop\.example\.com$/i', Sandbox::names() ), 'not removed by a differently cased name' );

		// Ultimate Multisite refuses Unicode names in its records (both generations), so IDN
		// normalisation is tested through `wp runcloud domains add` (09-cli.php).
	}
);

t(
	'defect 2: a 422 is logged at ERROR with RunCloud\'s message, fails the job, and skips SSL',
	function () {
		dns_points( true );
		Sandbox::fault(
			array(
				'method'  => 'POST',
				'path'    => '/domains',
				'type'    => 'status',
				'status'  => 422,
				'body'    => json_encode( array( 'message' => 'The given data was invalid.', 'errors' => array( 'name' => array( 'The name format is invalid.' ) ) ) ),
				'count'   => 1,
			)
		);
		list( , $actions ) = UM::create_domain( 'rejected.example.com', 1 );
		$results = um_run( $actions );
		eq( 'failed', $results[0]['status'], 'job status' );
		contains( '422', $results[0]['message'], 'job message' );
		$errors = implode( "\n", log_lines( 'error' ) );
		contains( 'HTTP 422', $errors, 'ERROR log' );
		contains( 'The name format is invalid.', $errors, 'ERROR log carries the field error' );
		$calls = Sandbox::calls();
		eq( 'POST /domains 422', $calls[0], 'first call' );
		eq( array(), preg_grep( '#/ssl#', $calls ), 'SSL calls after a failed add' );
		eq( array(), jobs(), 'a permanent failure is not retried' );
	}
);

t(
	'defect 2: a 401 is an ERROR and a failed job, never a success',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 401, 'body' => '{"message":"Unauthenticated."}', 'count' => 5 ) );
		list( $id, $actions ) = UM::create_domain( 'unauth.example.com', 1 );
		$results = um_run( $actions );
		eq( 'failed', $results[0]['status'], 'add job status' );
		$results = um_run( UM::delete_domain( $id ) );
		eq( 'failed', $results[0]['status'], 'remove job status' );
		$errors = log_lines( 'error' );
		eq( 2, count( $errors ), 'two ERROR lines' );
		contains( 'HTTP 401', $errors[0], 'status' );
		contains( ': Unauthenticated.', $errors[0], 'RunCloud\'s message' );
		not_contains( 'Added', implode( "\n", log_lines() ), 'a failure logged as success' );
		not_contains( 'rci-token-7Hq2xPz9', implode( "\n", log_lines() ), 'the token in the log' );
	}
);

t(
	'incomplete settings fail the job visibly and say what is missing',
	function () {
		add_filter( 'wu_runcloud_setting', function ( $value, $name ) {
			$override = array( 'WU_RUNCLOUD_API_TOKEN' => '', 'WU_RUNCLOUD_API_KEY' => 'a-key-without-secret' );
			return array_key_exists( $name, $override ) ? $override[ $name ] : $value;
		}, 10, 2 );
		list( , $actions ) = UM::create_domain( 'unconfigured.example.com', 1 );
		$results = um_run( $actions );
		eq( 'failed', $results[0]['status'], 'job status' );
		contains( 'WU_RUNCLOUD_API_SECRET', $results[0]['message'], 'failure names the missing constant' );
		contains( 'WU_RUNCLOUD_API_SECRET', implode( "\n", log_lines( 'error' ) ), 'ERROR line' );
		eq( array(), Sandbox::calls(), 'calls without credentials' );
	}
);

run_tests();
