--TEST--
Client::normalizeDomain() is the client's own name normalisation: case, trailing dot, IDN to punycode, wildcards
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
foreach (['Shop.Example.COM', 'example.com.', 'Bücher.Example.', '*.Network.Test', 'faß.de', 'xn--bcher-kva.example',
          '123.example', 'a-b.c-d.example'] as $name) {
    echo $name, ' => ', RunCloud\Client::normalizeDomain($name), "\n";
}
// No client is needed, and nothing is sent.
var_dump((new ReflectionMethod(RunCloud\Client::class, 'normalizeDomain'))->isStatic());
?>
--EXPECT--
Shop.Example.COM => shop.example.com
example.com. => example.com
Bücher.Example. => xn--bcher-kva.example
*.Network.Test => *.network.test
faß.de => xn--fa-hia.de
xn--bcher-kva.example => xn--bcher-kva.example
123.example => 123.example
a-b.c-d.example => a-b.c-d.example
bool(true)
