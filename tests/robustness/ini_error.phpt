--TEST--
Issue 10 case 10: bad INI values are refused with a warning and the value in force is kept
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--INI--
display_errors=1
display_startup_errors=1
log_errors=0
runcloud.timeout=-5
--FILE--
<?php
echo ini_get('runcloud.timeout'), "\n";
foreach (['runcloud.timeout' => ['0', '-5', 'abc', '1e9', 'NAN', '12.5'], 'runcloud.connect_timeout' => ['0', '3601', '2'],
          'runcloud.max_response_size' => ['0', '-1', 'lots', '2G', '8M'], 'runcloud.ca_info' => ['/no/such/file', '']] as $name => $values) {
    foreach ($values as $v) {
        $old = ini_set($name, $v);
        echo "$name=$v: ", $old === false ? 'refused' : 'accepted', ', now ', var_export(ini_get($name), true), "\n";
    }
}
?>
--EXPECTF--
Warning: PHP Startup: runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "-5" refused, keeping the default in %s
30

Warning: ini_set(): runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "0" refused, keeping "30" in %s on line %d
runcloud.timeout=0: refused, now '30'

Warning: ini_set(): runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "-5" refused, keeping "30" in %s on line %d
runcloud.timeout=-5: refused, now '30'

Warning: ini_set(): runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "abc" refused, keeping "30" in %s on line %d
runcloud.timeout=abc: refused, now '30'

Warning: ini_set(): runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "1e9" refused, keeping "30" in %s on line %d
runcloud.timeout=1e9: refused, now '30'

Warning: ini_set(): runcloud.timeout must be a number of seconds greater than 0 and at most 86400; "NAN" refused, keeping "30" in %s on line %d
runcloud.timeout=NAN: refused, now '30'
runcloud.timeout=12.5: accepted, now '12.5'

Warning: ini_set(): runcloud.connect_timeout must be a number of seconds greater than 0 and at most 3600; "0" refused, keeping "10" in %s on line %d
runcloud.connect_timeout=0: refused, now '10'

Warning: ini_set(): runcloud.connect_timeout must be a number of seconds greater than 0 and at most 3600; "3601" refused, keeping "10" in %s on line %d
runcloud.connect_timeout=3601: refused, now '10'
runcloud.connect_timeout=2: accepted, now '2'

Warning: ini_set(): runcloud.max_response_size must be a size greater than 0 and at most 1G (e.g. 4M); "0" refused, keeping "4M" in %s on line %d
runcloud.max_response_size=0: refused, now '4M'

Warning: ini_set(): runcloud.max_response_size must be a size greater than 0 and at most 1G (e.g. 4M); "-1" refused, keeping "4M" in %s on line %d
runcloud.max_response_size=-1: refused, now '4M'

Warning: ini_set(): runcloud.max_response_size must be a size greater than 0 and at most 1G (e.g. 4M); "lots" refused, keeping "4M" in %s on line %d
runcloud.max_response_size=lots: refused, now '4M'

Warning: ini_set(): runcloud.max_response_size must be a size greater than 0 and at most 1G (e.g. 4M); "2G" refused, keeping "4M" in %s on line %d
runcloud.max_response_size=2G: refused, now '4M'
runcloud.max_response_size=8M: accepted, now '8M'

Warning: ini_set(): runcloud.ca_info must be empty or a readable file; "/no/such/file" refused, keeping "" in %s on line %d
runcloud.ca_info=/no/such/file: refused, now ''
runcloud.ca_info=: accepted, now ''
