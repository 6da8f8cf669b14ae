--TEST--
Client::normalizeDomain() refuses what RunCloud would refuse with a ValueError that says why
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
foreach (['', '.', 'a..b', 'a b.com', "a\nb.com", 'a_b.com', '-a.com', 'a-.com', 'a.*.com', '**.com', '*.',
          str_repeat('a', 64) . '.com', str_repeat('abcdefghi.', 26) . 'com', "\xff.com", 'http://a.com'] as $name) {
    try {
        RunCloud\Client::normalizeDomain($name);
        echo "accepted\n";
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
try { RunCloud\Client::normalizeDomain([]); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it is empty
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has an empty label
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has an empty label
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it contains a space
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it contains a control character
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '_'
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has a label that starts or ends with a hyphen
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has a label that starts or ends with a hyphen
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it has a label longer than 63 characters
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it is longer than 253 characters
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it is not valid UTF-8
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character ':'
RunCloud\Client::normalizeDomain(): Argument #1 ($name) must be of type string, array given
