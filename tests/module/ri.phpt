--TEST--
php --ri runcloud shows the version, libcurl, simdjson and every INI entry
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
ob_start();
(new ReflectionExtension('runcloud'))->info();
$info = ob_get_clean();
// Library versions differ across systems: each must be a version number, whatever its value.
foreach (['libcurl version', 'simdjson version'] as $label) {
    echo $label, ': ', preg_match('/^' . $label . ' => \d+\.\d+(\.\d+)?/m', $info) ? 'a version number' : 'MISSING', "\n";
}
foreach (['Version => ' . RunCloud\Client::VERSION, 'libcurl TLS backend => ', 'libcurl HTTP/2 => yes',
          'simdjson implementation => ', 'runcloud.timeout => 30', 'runcloud.connect_timeout => 10',
          'runcloud.ca_info => no value', 'runcloud.persistent => On', 'runcloud.max_response_size => 4M'] as $needle) {
    echo $needle, ': ', str_contains($info, $needle) ? 'yes' : 'MISSING', "\n";
}
var_dump(phpversion('runcloud') === RunCloud\Client::VERSION);
?>
--EXPECT--
libcurl version: a version number
simdjson version: a version number
Version => 0.1.0: yes
libcurl TLS backend => : yes
libcurl HTTP/2 => yes: yes
simdjson implementation => : yes
runcloud.timeout => 30: yes
runcloud.connect_timeout => 10: yes
runcloud.ca_info => no value: yes
runcloud.persistent => On: yes
runcloud.max_response_size => 4M: yes
bool(true)
