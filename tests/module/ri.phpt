--TEST--
php --ri runcloud shows the version, libcurl, simdjson and every INI entry
--EXTENSIONS--
runcloud
--FILE--
<?php
ob_start();
(new ReflectionExtension('runcloud'))->info();
$info = ob_get_clean();
foreach (['Version => ' . RunCloud\Client::VERSION, 'libcurl version => ', 'libcurl TLS backend => ', 'libcurl HTTP/2 => yes',
          'simdjson version => 3.', 'simdjson implementation => ', 'runcloud.timeout => 30', 'runcloud.connect_timeout => 10',
          'runcloud.ca_info => no value', 'runcloud.persistent => On', 'runcloud.max_response_size => 4M'] as $needle) {
    echo $needle, ': ', str_contains($info, $needle) ? 'yes' : 'MISSING', "\n";
}
var_dump(phpversion('runcloud') === RunCloud\Client::VERSION);
?>
--EXPECT--
Version => 0.1.0: yes
libcurl version => : yes
libcurl TLS backend => : yes
libcurl HTTP/2 => yes: yes
simdjson version => 3.: yes
simdjson implementation => : yes
runcloud.timeout => 30: yes
runcloud.connect_timeout => 10: yes
runcloud.ca_info => no value: yes
runcloud.persistent => On: yes
runcloud.max_response_size => 4M: yes
bool(true)
