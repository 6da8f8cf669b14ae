<?php
/**
 * The tables of one run of bench/ssl/run.sh, from its results directory:
 *
 *   php bench/ssl/report.php DIR
 *
 * Every figure comes from the run's files; the only constants are the minimal calls per domain of
 * the per-domain strategy (run.sh's MIN_CALLS) and the old flow's calls, and both are labelled so.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

$dir = $argv[1] ?? '';
$set = json_decode( (string) @file_get_contents( "$dir/settings.json" ), true );
if ( ! is_array( $set ) ) {
	fwrite( STDERR, "usage: report.php RESULTS_DIR\n" );
	exit( 2 );
}

/** One part of a mode's results, or null. */
function part( $dir, $mode, $name ) {
	$doc = json_decode( (string) @file_get_contents( "$dir/$mode-$name.json" ), true );

	return is_array( $doc ) ? $doc : null;
}

/** A figure with $d decimals, or a dash. */
function num( $v, $d = 0 ) {
	return null === $v ? '–' : number_format( (float) $v, $d, '.', '' );
}

/** Calls of the given kinds in one counted part. */
function kinds( array $counted, array $kinds ) {
	$sum = 0;
	foreach ( $kinds as $k ) {
		// "KIND (429)" keys count a subset of KIND's calls again.
		$sum += false === strpos( $k, '(429)' ) ? ( $counted['kinds'][ $k ] ?? 0 ) : 0;
	}

	return $sum;
}

/** Prints a Markdown table. */
function table( array $head, array $rows ) {
	echo '| ', implode( ' | ', $head ), " |\n|", str_repeat( '---|', count( $head ) ), "\n";
	foreach ( $rows as $row ) {
		echo '| ', implode( ' | ', $row ), " |\n";
	}
	echo "\n";
}

$modes = array( 'per-domain', 'basic', 'migration' );
$r     = array();
foreach ( $modes as $mode ) {
	$avail = part( $dir, $mode, 'available' );
	$watch = part( $dir, $mode, 'watch' );
	$coll  = part( $dir, $mode, 'collect' );
	$r[ $mode ] = ( null === $watch || null === $coll ) ? null : array(
		'watch'   => $watch,
		'collect' => $coll,
		'remove'  => part( $dir, $mode, 'remove' ),
		'prepare' => part( $dir, $mode, 'prepare' ),
	) + ( null !== part( $dir, $mode, 'migrate' ) ? array( 'migrate' => part( $dir, $mode, 'migrate' ) ) : array() );
	if ( null === $r[ $mode ] ) {
		$r[ $mode ] = array( 'na' => null !== $avail ? 'not available (the plugin has no per-domain strategy)' : 'not run' );
	}
}

$n    = (int) $set['n'];
$rate = $set['rate_limit'] / $set['rate_window'];
$min  = $set['min_calls'] * $n / $rate;

printf(
	"%s; %d domains; %d queue runners (`wp action-scheduler run`); sandbox rate limit %d calls per %d s (%.2f/s); SSL window %d s; www %s; %s, %d cores (%s), PHP %s; load at start %s%s.\n\n",
	$set['date'], $n, $set['workers'], $set['rate_limit'], $set['rate_window'], $rate, $set['ssl_window'], $set['www'],
	$set['cpu'], $set['cpus'], 'shared with other builds', $set['php'], $set['load'], $set['smoke'] ? '; SMOKE run' : ''
);

// --- Table 1: the run, side by side --------------------------------------------------------------
$rows = array();
$col  = static function ( $mode, callable $fn, $first ) use ( $r ) {
	if ( isset( $r[ $mode ]['na'] ) ) {
		return $first ? $r[ $mode ]['na'] : '–';
	}

	return $fn( $r[ $mode ] );
};
// $both: false for the rows that only the per-domain flow has (its minimum is its own).
$line = static function ( $label, callable $fn, $both = true ) use ( $col, &$rows ) {
	$rows[] = array( $label, $col( 'per-domain', $fn, ! $rows ), $both ? $col( 'basic', $fn, ! $rows ) : '–' );
};
$line( 'domains on RunCloud at the end of the watch', fn( $x ) => $x['watch']['on_runcloud'] . ' of ' . $n );
$line( 'domains answering HTTPS with a valid certificate', fn( $x ) => $x['watch']['covered'] . ' of ' . $n );
$line( 'time until all answer HTTPS (s)', fn( $x ) => null === $x['watch']['all_covered_s'] ? 'never (watch ended at ' . num( $x['watch']['watched_s'], 1 ) . ' s: ' . $x['watch']['ended'] . ')' : num( $x['watch']['all_covered_s'], 1 ) );
$line( 'time until 25 / 50 / 75 % (s)', fn( $x ) => implode( ' / ', array_map( fn( $p ) => num( $x['watch']['marks'][ $p ] ?? null, 1 ), array( 25, 50, 75 ) ) ) );
$line( "theoretical minimum at this rate (s): {$set['min_calls']} calls (constant) × N / rate", fn( $x ) => num( $min, 1 ), false );
// The sandbox's window is fixed: C calls at L per window need at least (ceil(C / L) - 1) windows
// before the last one opens, however fast the clients are.
$line( 'fixed-window minimum for the calls made (s): (ceil(calls / limit) − 1) × window', fn( $x ) => num( ( ceil( ( $x['collect']['main']['calls'] - $x['collect']['main']['status_429'] ) / $set['rate_limit'] ) - 1 ) * $set['rate_window'], 1 ) );
$line( 'measured / minimum', fn( $x ) => null === $x['watch']['all_covered_s'] ? '–' : num( $x['watch']['all_covered_s'] / $min, 3 ), false );
$line( 'first / last API call of the adding part, after the runners started (s)', fn( $x ) => null === $x['collect']['first_call_unix'] ? '–' : num( $x['collect']['first_call_unix'] - $x['watch']['started_unix'], 1 ) . ' / ' . num( $x['collect']['last_main_unix'] - $x['watch']['started_unix'], 1 ) );
$line( 'calls per rate window between them (limit ' . $set['rate_limit'] . ')', fn( $x ) => null === $x['collect']['first_call_unix'] || $x['collect']['last_main_unix'] <= $x['collect']['first_call_unix'] ? '–' : num( ( $x['collect']['main']['calls'] - $x['collect']['main']['status_429'] ) * $set['rate_window'] / ( $x['collect']['last_main_unix'] - $x['collect']['first_call_unix'] ), 1 ) );
$line( 'pauses over 1 s between calls: count / total (s) / longest (s)', fn( $x ) => isset( $x['collect']['gaps'] ) ? $x['collect']['gaps']['over_1s'] . ' / ' . num( $x['collect']['gaps']['over_1s_total_s'], 1 ) . ' / ' . num( $x['collect']['gaps']['max_s'], 1 ) : '–' );
$line( 'API calls until then (journal)', fn( $x ) => (string) $x['collect']['main']['calls'] );
$line( 'API calls per domain', fn( $x ) => num( $x['collect']['main']['calls'] / $n, 2 ) );
$line( '429s answered by the sandbox', fn( $x ) => (string) $x['collect']['main']['status_429'] );
$line( '429s surfaced: ERROR log lines / failed jobs', fn( $x ) => $x['collect']['log_errors_429'] . ' / ' . $x['collect']['failed_429'] );
$line( 'failed jobs (Action Scheduler)', fn( $x ) => $x['collect']['failed_jobs'] . ( $x['collect']['failed_by_hook'] ? ' (' . implode( ', ', array_map( fn( $h, $c ) => "$h $c", array_keys( $x['collect']['failed_by_hook'] ), $x['collect']['failed_by_hook'] ) ) . ')' : '' ) );
$line( 'ERROR lines in the plugin log', fn( $x ) => (string) $x['collect']['log_errors'] );
$line( 'certificate orders: valid / invalid / refused', fn( $x ) => implode( ' / ', array_map( fn( $s ) => (string) ( $x['collect']['ca_orders'][ $s ] ?? 0 ), array( 'valid', 'invalid', 'refused' ) ) ) );
$line( 'certificate refusals (the last one)', fn( $x ) => $x['collect']['ca_refusals'] ? array_sum( $x['collect']['ca_refusals'] ) . ' (“' . substr( $x['collect']['refusal_example'], 0, 110 ) . '…”)' : 'none' );
$line( 'names the plugin tracks (Ledger::tracked(), after the removals)', fn( $x ) => isset( $x['collect']['tracked'] ) ? $x['collect']['tracked'] . ' (expected ' . ( $n - (int) ( $x['remove']['removed'] ?? 0 ) ) . ')' : '–' );
$line( 'PHP problems in the plugin\'s files', fn( $x ) => (string) count( $x['collect']['php_problems'] ) );
echo "### Mapping $n domains: per-domain certificates against the basic certificate\n\n";
table( array( '', 'per-domain (`WU_RUNCLOUD_SSL_STRATEGY=per-domain`, web app in advanced SSL)', 'basic (`WU_RUNCLOUD_SSL_STRATEGY=basic`, web app in basic SSL)' ), $rows );

// --- Table: Ultimate Multisite's own records (what the customer sees; its check is a real TLS handshake)
$urows = array();
$ucol  = static function ( $mode, callable $fn ) use ( $r ) {
	return isset( $r[ $mode ]['na'] ) ? $r[ $mode ]['na'] : $fn( $r[ $mode ] );
};
$uline = static function ( $label, callable $fn ) use ( $ucol, &$urows, $modes ) {
	$urows[] = array_merge( array( $label ), array_map( fn( $m ) => $ucol( $m, $fn ), $modes ) );
};
$um  = static fn( $x, $k ) => isset( $x['watch']['um'] ) ? (string) $x['watch']['um'][ $k ] : '–';
$lat = static fn( $s ) => null === $s ? '–' : $s['median'] . ' / ' . $s['p95'] . ' / ' . $s['max'] . ' (' . $s['n'] . ' domains)';
$uline( 'before the switch: done + secure / ssl-failed / still checking', fn( $x ) => isset( $x['migrate'] ) ? $x['migrate']['before']['secure'] . ' / ' . $x['migrate']['before']['ssl_failed'] . ' / ' . $x['migrate']['before']['checking'] . ' (after ' . num( $x['migrate']['gave_up_s'], 1 ) . ' s of checks)' : '–' );
$uline( 'done + secure at the end of the watch', fn( $x ) => $um( $x, 'secure' ) . ' of ' . $n );
$uline( 'ssl-failed / failed / still checking', fn( $x ) => $um( $x, 'ssl_failed' ) . ' / ' . $um( $x, 'failed' ) . ' / ' . $um( $x, 'checking' ) );
$uline( 'time until all are secure (s, from the runners\' start; migration: from the switch)', fn( $x ) => null === ( $x['watch']['um_all_secure_s'] ?? null ) ? 'not all in the watch (' . num( $x['watch']['watched_s'], 1 ) . ' s)' : num( $x['watch']['um_all_secure_s'], 1 ) );
$uline( 'DNS propagation → secure, median / p95 / max (s, its per-domain log)', fn( $x ) => $lat( $x['watch']['um_latency']['dns_to_secure'] ?? null ) );
$uline( 'certificate issued → secure, median / p95 / max (s, its per-domain log)', fn( $x ) => $lat( $x['watch']['um_latency']['issued_to_secure'] ?? null ) );
echo "### Ultimate Multisite's own records (its check: a TLS handshake with each name, every 10 s, five tries)\n\n";
table( array( '', 'per-domain', 'basic', 'migration (basic SSL, no certificate for the mapped names, then `wp runcloud ssl mode advanced`)' ), $urows );

// --- Table 2: calls per domain lifecycle ---------------------------------------------------------
$step = static function ( $x, $part, array $k, $per ) {
	return $per > 0 ? kinds( $x['collect'][ $part ], $k ) / $per : null;
};
$removed = static function ( $x ) {
	return (int) ( $x['remove']['removed'] ?? 0 );
};
$cert_kinds = array( 'cert-domain', 'cert-basic', 'ssl-mode', 'cert-domain (429)', 'cert-basic (429)', 'ssl-mode (429)' );
$lrows      = array();
$lcol       = static function ( $mode, callable $fn ) use ( $r ) {
	return isset( $r[ $mode ]['na'] ) ? '–' : $fn( $r[ $mode ] );
};
$lline      = static function ( $label, callable $fn, $old, $minimal ) use ( $lcol, &$lrows ) {
	$lrows[] = array( $label, $lcol( 'per-domain', $fn ), $lcol( 'basic', $fn ), $minimal, $old );
};
$lline( 'add (POST /domains)', fn( $x ) => num( $step( $x, 'main', array( 'add', 'add (429)' ), $n ), 2 ), '1', '1' );
$lline( 'certificate (…/ssl routes)', fn( $x ) => num( $step( $x, 'main', $cert_kinds, $n ), 2 ) . ' (' . kinds( $x['collect']['main'], $cert_kinds ) . ' calls)', '2 (GET ssl, PUT ssl)', '1' );
$lline( 'other calls while adding (lookups, …)', fn( $x ) => num( $step( $x, 'main', array( 'lookup', 'other', 'remove', 'lookup (429)', 'other (429)' ), $n ), 2 ), '0', '0' );
$lline( 'remove (lookup + DELETE)', fn( $x ) => num( $step( $x, 'removal', array_keys( $x['collect']['removal']['kinds'] ), $removed( $x ) ), 2 ) . ' (' . $removed( $x ) . ' removed)', '2 (GET the first page, DELETE)', '1' );
$lline(
	'total per lifecycle',
	fn( $x ) => num( $x['collect']['main']['calls'] / $n + ( $removed( $x ) ? $x['collect']['removal']['calls'] / $removed( $x ) : 0 ), 2 ),
	'5',
	'3'
);
$lline( 'of which 429 answers', fn( $x ) => num( $x['collect']['main']['status_429'] / $n + ( $removed( $x ) ? $x['collect']['removal']['status_429'] / $removed( $x ) : 0 ), 2 ), '–', '0' );
echo "### API calls per domain lifecycle (measured unless labelled constant)\n\n";
table( array( 'step', 'per-domain (measured)', 'basic (measured; certificate calls shared by all domains of a window)', 'per-domain minimum (constant)', 'seed/old flow (constant, for reference)' ), $lrows );

foreach ( $modes as $mode ) {
	if ( isset( $r[ $mode ]['na'] ) ) {
		continue;
	}
	$c = $r[ $mode ]['collect'];
	echo "$mode: calls by step while adding: ", json_encode( $c['main']['kinds'] ), "; removal: ", json_encode( $c['removal']['kinds'] ), '; watch ended: ', $r[ $mode ]['watch']['ended'], "\n";
	foreach ( array_merge( $c['failed_samples'], $c['log_samples'] ) as $sample ) {
		echo "  e.g. ", substr( $sample, 0, 240 ), "\n";
	}
	foreach ( $c['php_problems'] as $p ) {
		echo "  PHP: $p\n";
	}
}
