<?php
/**
 * The plain classes on their own: names, DNS check, settings, logging.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Domains\Dns_Checker;
use RunCloud_Ultimate_Multisite\RunCloud\Errors;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

t(
	'defect 9: domain names are normalised for the integration\'s own comparisons',
	function () {
		$cases = array(
			'Shop.Example.COM.'     => 'shop.example.com',
			'  shop.example.com '   => 'shop.example.com',
			'bücher.example'        => 'xn--bcher-kva.example',
			'MÜNCHEN.de'            => 'xn--mnchen-3ya.de',
			'例え.jp'               => 'xn--r8jz45g.jp',
			'https://Shop.Example.com/path' => 'shop.example.com',
			'*.Network.Test'        => '*.network.test',
			'bad..name'             => '',
			'-bad.com'              => '',
			'under_score.example'   => '', // the extension's rule: RunCloud takes host names only
		);
		foreach ( $cases as $in => $out ) {
			eq( $out, Domain_Name::normalize( $in ), "normalize($in)" );
		}
		ok( Domain_Name::equals( 'SHOP.example.com.', 'shop.EXAMPLE.com' ), 'equals ignores case and trailing dot' );
		// The one place that decides which wildcard would serve a name (Wildcards::candidate()).
		$bases = static function () {
			return array( 'Net.test.' );
		};
		add_filter( 'wu_runcloud_wildcard_bases', $bases );
		eq( '*.net.test', plugin()->wildcards->candidate( \RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains::host( 'A.net.TEST' ) ), 'wildcard covers one label' );
		eq( '', plugin()->wildcards->candidate( 'b.a.net.test' ), 'wildcard covers two labels' );
		eq( '', plugin()->wildcards->candidate( 'net.test' ), 'wildcard covers its base' );
		remove_filter( 'wu_runcloud_wildcard_bases', $bases );
	}
);

t(
	'the DNS check compares the resolved addresses with the server\'s',
	function () {
		$settings = new Settings();
		$settings->add_source( 'test', function ( $name ) {
			return 'WU_RUNCLOUD_SERVER_IP' === $name ? '203.0.113.5, 127.0.0.1' : '';
		} );
		$dns = new Dns_Checker( $settings );
		eq( array( '203.0.113.5', '127.0.0.1' ), $dns->server_ips(), 'server addresses from WU_RUNCLOUD_SERVER_IP' );
		ok( $dns->points_to_server( 'localhost' ), 'localhost resolves to 127.0.0.1' );

		$other = new Settings();
		$other->add_source( 'test', function ( $name ) {
			return 'WU_RUNCLOUD_SERVER_IP' === $name ? '203.0.113.5' : '';
		} );
		ok( ! ( new Dns_Checker( $other ) )->points_to_server( 'localhost' ), 'localhost does not point at 203.0.113.5' );

		dns_points( function ( $name ) {
			return 'forced.example.com' === $name;
		} );
		ok( $dns->points_to_server( 'forced.example.com' ), 'the filter decides' );
	}
);

t(
	'settings: constants first, then credential sources, then the filter',
	function () {
		$settings = new Settings();
		$settings->add_source( 'store', function ( $name ) {
			return array( 'WU_RUNCLOUD_APP_ID' => '55', 'WU_RUNCLOUD_SSL_X' => 'y', 'WU_RUNCLOUD_SERVER_IP' => '10.0.0.1' )[ $name ] ?? '';
		} );
		eq( 10, $settings->app_id(), 'the constant wins over the store' );
		eq( array( '10.0.0.1' ), $settings->server_ips(), 'the store fills what no constant sets' );
		add_filter( 'wu_runcloud_setting', function ( $v, $n ) {
			return 'WU_RUNCLOUD_APP_ID' === $n ? '77' : $v;
		}, 10, 2 );
		eq( 77, $settings->app_id(), 'the filter has the last word' );
		eq( array(), ( new Settings() )->missing(), 'missing with the test constants' );
	}
);

t(
	'failures are classed by the extension\'s exception types and getters, never by their text',
	function () {
		// RunCloud's field errors are in the line; a name RunCloud does not have is permanent.
		$client = plugin()->connector->client();
		Sandbox::fault( array( 'method' => 'POST', 'path' => '/domains', 'type' => 'status', 'status' => 422, 'body' => '{"message":"The given data was invalid.","errors":{"name":["The name has already been taken."]}}', 'count' => 1 ) );
		try {
			$client->addDomain( 'taken.example.com' );
			ok( false, 'the 422 did not fail the call' );
		} catch ( \RunCloud\ValidationException $e ) {
			ok( ! Errors::is_transient( $e ) && ! Errors::is_rate_limited( $e ), 'a 422 is permanent' );
			contains( 'HTTP 422 on POST ', Errors::describe( $e ), 'the status and the request' );
			contains( '(name: The name has already been taken.)', Errors::describe( $e ), 'the field errors' );
		}
		try {
			$client->installDomainSsl( 'not-there.example.com' );
			ok( false, 'a certificate for a name RunCloud does not have' );
		} catch ( \RunCloud\DomainNotFoundException | \RunCloud\SslModeException $e ) {
			ok( ! Errors::is_transient( $e ), get_class( $e ) . ' is permanent' );
			not_contains( 'HTTP', Errors::describe( $e ), 'a status for a refusal of the client' );
		}

		// RunCloud's own 429, longer than the call's budget: the call (without the client's in-call
		// retry, which would be held) fails with it.
		add_filter( 'wu_runcloud_timeout', static function () { return 1.0; } );
		add_filter( 'wu_runcloud_client_options', static function ( $options ) { return array( 'retries' => 0 ) + $options; } );
		plugin()->connector->reset();
		$client = plugin()->connector->client();
		Sandbox::fault( array( 'method' => 'GET', 'path' => '/domains', 'type' => 'status', 'status' => 429, 'body' => '{"message":"Too Many Attempts."}', 'headers' => array( 'Retry-After' => '30' ), 'count' => 1 ) );
		try {
			$client->listDomains();
			ok( false, 'the 429 did not fail the call' );
		} catch ( \RunCloud\RateLimitException $e ) {
			ok( Errors::is_rate_limited( $e ) && Errors::is_transient( $e ), 'RunCloud\'s 429 is rate limited and transient' );
			eq( 30, Errors::retry_after( $e ), 'Retry-After' );
			contains( 'HTTP 429 on GET /', Errors::describe( $e ), 'the status and the request' );
			contains( ': Too Many Attempts.', Errors::describe( $e ), 'RunCloud\'s own message' );
			not_contains( 'not sent', Errors::describe( $e ), 'a 429 was sent' );
		}

		// The next call is held by the remembered Retry-After: never sent, no HTTP status made up.
		Sandbox::call( 'DELETE', '/__sandbox/journal' );
		try {
			$client->listDomains();
			ok( false, 'the held call was sent' );
		} catch ( \RunCloud\ThrottledException $e ) {
			ok( Errors::is_rate_limited( $e ) && Errors::is_transient( $e ), 'a held call is rate limited and transient' );
			$after = Errors::retry_after( $e );
			ok( null !== $after && $after > 0 && $after <= 30, 'the hold is what is left of Retry-After: ' . var_export( $after, true ) );
			contains( '(not sent)', Errors::describe( $e ), 'described as not sent' );
			not_contains( 'HTTP', Errors::describe( $e ), 'a status for a call that got no answer' );
		}
		eq( array(), Sandbox::calls(), 'requests of the held call' );
		plugin()->connector->reset();

		// Text means nothing: the old message of a held start, on a network error, is a network error.
		$text = new \RunCloud\TransportException( 'the call\'s timeout was reached before this request could start', 28 );
		ok( ! Errors::is_rate_limited( $text ) && null === Errors::retry_after( $text ), 'a message made a network error rate limited' );
		ok( Errors::is_transient( $text ), 'a network error is transient' );
	}
);

t(
	'the logger scrubs credentials and writes ERROR lines to the integration-runcloud log',
	function () {
		$logger = new Logger( plugin()->settings );
		$logger->error( 'request failed with Authorization: Bearer rci-token-7Hq2xPz9 and header Basic ' . base64_encode( 'k:s' ) );
		$lines = log_lines( 'error' );
		eq( 1, count( $lines ), 'ERROR lines' );
		not_contains( 'rci-token-7Hq2xPz9', $lines[0], 'token' );
		not_contains( base64_encode( 'k:s' ), $lines[0], 'basic credentials' );
		contains( '[redacted]', $lines[0], 'redaction mark' );
		ok( is_file( WP_CONTENT_DIR . '/uploads/wu-logs/integration-runcloud.log' ), 'log file under wp-content/uploads/wu-logs/' );
	}
);

t(
	'no secret in a var_dump of the services',
	function () {
		plugin()->connector->client();
		ob_start();
		var_dump( plugin()->connector );
		print_r( plugin()->settings );
		$dump = ob_get_clean();
		not_contains( 'rci-token-7Hq2xPz9', $dump, 'token in a dump' );
	}
);

t(
	'the plugin declares what a network admin needs: header, readme.txt sections',
	function () {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$dir  = WP_PLUGIN_DIR . '/runcloud-ultimate-multisite';
		$data = get_plugin_data( $dir . '/runcloud-ultimate-multisite.php', false, false );
		eq( 'ultimate-multisite', $data['RequiresPlugins'], 'Requires Plugins' );
		ok( $data['Network'], 'Network: true' );
		eq( 'runcloud-ultimate-multisite', $data['TextDomain'], 'text domain' );
		$readme = (string) file_get_contents( $dir . '/readme.txt' );
		foreach ( array( '=== RunCloud for Ultimate Multisite ===', 'Requires Plugins: ultimate-multisite', 'Stable tag: ' . $data['Version'], '== Installation ==', 'extension=runcloud.so', '== Frequently Asked Questions ==', '== Changelog ==', '= ' . $data['Version'] . ' =' ) as $needle ) {
			contains( $needle, $readme, 'readme.txt' );
		}
		// "UM tested up to" names a release at least as new as the Ultimate Multisite this run is inside.
		$tested = get_file_data( $dir . '/runcloud-ultimate-multisite.php', array( 'um' => 'UM tested up to' ) )['um'];
		ok( '' !== $tested && version_compare( $tested, UM::version(), '>=' ), "UM tested up to ($tested) is older than the Ultimate Multisite tested here (" . UM::version() . ')' );
		contains( 'Tested up to Ultimate Multisite ' . $tested, $readme, 'readme.txt names the same release' );
	}
);

run_tests();
