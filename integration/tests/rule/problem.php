<?php
/**
 * PHP problems on purpose, for run.sh's check of its own rule (lib/errors.php): run from one of our
 * directories they must be recorded as ours, run from a third-party directory they must not.
 *
 * @package RunCloud_Ultimate_Multisite\Tests
 */

// phpcs:disable

// Raised while this file is compiled (PHP 8.0+): an optional parameter before a required one.
function rci_rule_optional_first( $a = 1, $b ) {
	return $a + $b;
}

// Raised at run time: an undefined variable.
echo $rci_rule_undefined;
echo "rule-fixture-ran\n";
