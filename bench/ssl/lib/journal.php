<?php
/**
 * Sorts the sandbox's journal entries into the steps of a domain's lifecycle, by route.
 *
 * @package RunCloud_Ultimate_Multisite\Bench
 */

// phpcs:disable

/**
 * The step one API call belongs to.
 *
 * @param array $entry Journal entry.
 * @return string add | lookup | remove | cert-domain | cert-basic | ssl-mode | other
 */
function bench_call_kind( array $entry ) {
	$path   = preg_replace( '#^/api/v[23](/servers/\d+/webapps/\d+)?#', '', (string) $entry['path'] );
	$method = (string) $entry['method'];
	if ( preg_match( '#^/ssl/advanced#', $path ) ) {
		return 'ssl-mode';
	}
	if ( preg_match( '#^/domains/\d+/ssl#', $path ) ) {
		return 'cert-domain';
	}
	if ( preg_match( '#^/ssl#', $path ) ) {
		return 'cert-basic';
	}
	if ( preg_match( '#^/domains/?$#', $path ) ) {
		return 'POST' === $method ? 'add' : 'lookup';
	}
	if ( preg_match( '#^/domains/\d+/?$#', $path ) ) {
		return 'DELETE' === $method ? 'remove' : 'lookup';
	}

	return 'other';
}

/**
 * Counts of calls per step and of 429 answers, for the entries with ids in ($after, $upto].
 *
 * @return array{calls: int, kinds: array, status_429: int, statuses: array}
 */
function bench_count_calls( array $journal, $after, $upto ) {
	$out = array( 'calls' => 0, 'kinds' => array(), 'status_429' => 0, 'statuses' => array() );
	foreach ( $journal as $entry ) {
		$id = (int) $entry['id'];
		if ( $id <= $after || ( null !== $upto && $id > $upto ) ) {
			continue;
		}
		$kind   = bench_call_kind( $entry );
		$status = (int) $entry['status'];
		++$out['calls'];
		$out['kinds'][ $kind ]       = ( $out['kinds'][ $kind ] ?? 0 ) + 1;
		$out['statuses'][ $status ]  = ( $out['statuses'][ $status ] ?? 0 ) + 1;
		if ( 429 === $status ) {
			++$out['status_429'];
			$out['kinds'][ $kind . ' (429)' ] = ( $out['kinds'][ $kind . ' (429)' ] ?? 0 ) + 1;
		}
	}
	ksort( $out['kinds'] );
	ksort( $out['statuses'] );

	return $out;
}

/** Time (unix, s) of the last entry with an id up to $upto, or null. */
function bench_last_unix( array $journal, $upto ) {
	$last = null;
	foreach ( $journal as $entry ) {
		if ( (int) $entry['id'] <= $upto ) {
			$last = (float) $entry['unix'];
		}
	}

	return $last;
}

/**
 * Pauses between consecutive calls up to id $upto: the longest, and the sum of those over one second
 * (time in which no runner called RunCloud: waiting out a limit, or busy with other work).
 *
 * @return array{max_s: float, over_1s_total_s: float, over_1s: int}
 */
function bench_gaps( array $journal, $upto ) {
	$out  = array( 'max_s' => 0.0, 'over_1s_total_s' => 0.0, 'over_1s' => 0 );
	$prev = null;
	foreach ( $journal as $entry ) {
		if ( (int) $entry['id'] > $upto ) {
			break;
		}
		$t = (float) $entry['unix'];
		if ( null !== $prev ) {
			$gap           = $t - $prev;
			$out['max_s']  = max( $out['max_s'], round( $gap, 2 ) );
			if ( $gap > 1.0 ) {
				$out['over_1s_total_s'] = round( $out['over_1s_total_s'] + $gap, 2 );
				++$out['over_1s'];
			}
		}
		$prev = $t;
	}

	return $out;
}
