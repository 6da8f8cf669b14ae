<?php
/**
 * wp runcloud ..., through the real WP-CLI phar on the test network.
 *
 * @run
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

use RunCloud_Ultimate_Multisite\Tests\UM;

require dirname( __DIR__ ) . '/lib/harness.php';

/** Runs `wp runcloud <args>` through the real WP-CLI phar on the test network; [exit code, output]. */
function wp_runcloud( array $args, array $env = array() ) {
	return wp_cli( array_merge( array( 'runcloud' ), $args ), $env );
}

t(
	'wp runcloud ping',
	function () {
		list( $code, $out ) = wp_runcloud( array( 'ping' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'Connected to RunCloud: server 1, web app 10', $out, 'output' );

		list( $code, $out ) = wp_runcloud( array( 'ping' ), array( 'RCI_APP_ID' => '5' ) );
		eq( 1, $code, 'exit code with a wrong app id' );
		contains( 'Web app 5 was not found', $out, 'output' );
	}
);

t(
	'wp runcloud domains add (names normalised, IDN in punycode), list and remove',
	function () {
		www_setting( 'never' );
		list( $code, $out ) = wp_runcloud( array( 'domains', 'add', 'cli-1.example.com', 'CLI-2.Example.com.', 'bücher.example', 'bad..name' ) );
		eq( 1, $code, 'exit code when one name is invalid: ' . $out );
		ok( null !== Sandbox::domain( 'cli-2.example.com' ), 'CLI-2.Example.com. not stored as cli-2.example.com: ' . implode( ',', Sandbox::names() ) );
		ok( null !== Sandbox::domain( 'xn--bcher-kva.example' ), 'bücher.example not stored in punycode: ' . implode( ',', Sandbox::names() ) );
		eq( false, (bool) Sandbox::domain( 'cli-1.example.com' )['www'], 'www with the setting "never"' );

		list( $code, $out ) = wp_runcloud( array( 'domains', 'list', '--format=json' ) );
		eq( 0, $code, 'exit code: ' . $out );
		$names = array_column( (array) json_decode( substr( $out, strpos( $out, '[' ) ), true ), 'name' );
		ok( in_array( 'cli-1.example.com', $names, true ) && in_array( 'net-sub.test', $names, true ), 'listed: ' . $out );

		list( $code, $out ) = wp_runcloud( array( 'domains', 'remove', 'cli-1.example.com', 'BÜCHER.example', 'never-there.example.com' ) );
		eq( 0, $code, 'exit code: ' . $out );
		ok( null === Sandbox::domain( 'cli-1.example.com' ), 'cli-1 still there' );
		ok( null === Sandbox::domain( 'xn--bcher-kva.example' ), 'IDN not removed by its Unicode spelling' );
	}
);

t(
	'wp runcloud domains add remembers the id RunCloud gave each name',
	function () {
		www_setting( 'never' );
		list( $code, $out ) = wp_runcloud( array( 'domains', 'add', 'cli-id-1.example.com', 'cli-id-2.example.com' ) );
		eq( 0, $code, 'exit code: ' . $out );
		wp_cache_flush();
		foreach ( array( 'cli-id-1.example.com', 'cli-id-2.example.com' ) as $name ) {
			$id = (int) Sandbox::domain( $name )['id'];
			ok( $id > 0, "$name not in the sandbox" );
			eq( $id, plugin()->ledger->id( $name ), "remembered id of $name" );
			contains( "id $id, www off", $out, "row of $name" );
		}
	}
);

t(
	'wp runcloud sync --dry-run, then sync',
	function () {
		Sandbox::seed( array( 'domains' => array( 'stray.example.com' ) ) );
		UM::create_domain( 'wanted.example.com', 1 );
		list( $code, $out ) = wp_runcloud( array( 'sync', '--dry-run' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'wanted.example.com', $out, 'table' );
		contains( 'would remove', $out, 'table' );
		ok( null !== Sandbox::domain( 'stray.example.com' ), 'dry run removed' );

		list( $code, $out ) = wp_runcloud( array( 'sync' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'Success: 1 added, 1 removed', $out, 'summary' );
		ok( null === Sandbox::domain( 'stray.example.com' ), 'stray kept' );
	}
);

t(
	'wp runcloud ssl status and redeploy',
	function () {
		$deploys = Sandbox::deploys();
		list( $code, $out ) = wp_runcloud( array( 'ssl', 'status' ) );
		eq( 0, $code, 'exit code: ' . $out );
		contains( 'letsencrypt', $out, 'method' );

		list( $code, $out ) = wp_runcloud( array( 'ssl', 'redeploy' ) );
		eq( 0, $code, 'exit code: ' . $out );
		eq( $deploys + 1, Sandbox::deploys(), 'deploys' );
	}
);

t(
	'wp runcloud errors are readable and exit non-zero',
	function () {
		Sandbox::fault( array( 'type' => 'status', 'status' => 500, 'body' => '{"message":"Server Error"}', 'count' => 4 ) );
		list( $code, $out ) = wp_runcloud( array( 'domains', 'list' ) );
		eq( 1, $code, 'exit code' );
		contains( 'Error: HTTP 500 on GET /servers/1/webapps/10/domains', $out, 'message' );
		contains( ': Server Error', $out, 'RunCloud\'s message' );
		not_contains( 'rci-token-7Hq2xPz9', $out, 'the token in the output' );
	}
);

t(
	'the shipped .pot holds every translatable string of the plugin (wp i18n make-pot)',
	function () {
		$dir = WP_PLUGIN_DIR . '/runcloud-ultimate-multisite';
		$tmp = sys_get_temp_dir() . '/rci-pot-' . getmypid() . '.pot';
		$php = getenv( 'PHP' ) ?: PHP_BINARY;
		exec( escapeshellarg( $php ) . ' ' . escapeshellarg( getenv( 'RCI_WP_CLI' ) ) . ' --allow-root i18n make-pot ' . escapeshellarg( $dir ) . ' ' . escapeshellarg( $tmp ) . ' --slug=runcloud-ultimate-multisite --domain=runcloud-ultimate-multisite --exclude=languages 2>&1', $out, $code );
		eq( 0, $code, 'make-pot: ' . implode( ' | ', $out ) );
		$ids = static function ( $file ) {
			preg_match_all( '/^msgid "(.+)"$/m', (string) file_get_contents( $file ), $m );
			sort( $m[1] );
			return array_values( array_unique( $m[1] ) );
		};
		$fresh = $ids( $tmp );
		unlink( $tmp );
		ok( count( $fresh ) > 20, 'make-pot found ' . count( $fresh ) . ' strings' );
		eq( $fresh, $ids( $dir . '/languages/runcloud-ultimate-multisite.pot' ), 'strings of the shipped .pot' );
	}
);

run_tests();
