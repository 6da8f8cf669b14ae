--TEST--
Client::addDomain(), findDomain(), removeDomain(): invalid names and arguments are ValueErrors and reach no server
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
$names = ['', '.', "a\r\nb.com", "a\0b.com", 'a/b.com', '../etc', 'a?b.com', 'a#b.com', 'a b.com', 'a..b.com',
          str_repeat('a', 64) . '.com', str_repeat('abcdefghi.', 26) . 'com', '-a.com', 'a-.com', 'a_b.com', 'a*.com',
          '*.', 'x.*.com', "\xff\xfe.com", 'a@b.com', 'a:80.com'];
foreach ($names as $n) rc_expect_throw(fn() => $c->addDomain($n));
rc_expect_throw(fn() => $c->findDomain('a b'));
rc_expect_throw(fn() => $c->removeDomain("x\n"));
rc_expect_throw(fn() => $c->addDomain('ok.com', false, 'sideways'));
rc_expect_throw(fn() => $c->addDomain('ok.com', false, 'none', 'secondary'));
rc_expect_throw(fn() => $c->addDomain([]));
echo count($sb->journal()), " requests reached the server\n";
?>
--EXPECT--
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it is empty
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has an empty label
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains a control character
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains a control character
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '/'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '/'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '?'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '#'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains a space
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has an empty label
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has a label longer than 63 characters
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it is longer than 253 characters
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has a label that starts or ends with a hyphen
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has a label that starts or ends with a hyphen
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '_'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it has '*' outside a leading "*."
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it is not valid UTF-8
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character '@'
ValueError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be a valid domain name, but it contains the character ':'
ValueError (0): RunCloud\Client::findDomain(): Argument #1 ($name) must be a valid domain name, but it contains a space
ValueError (0): RunCloud\Client::removeDomain(): Argument #1 ($name) must be a valid domain name, but it contains a control character
ValueError (0): RunCloud\Client::addDomain(): Argument #3 ($redirection) must be "none", "www" or "non-www"
ValueError (0): RunCloud\Client::addDomain(): Argument #4 ($type) must be "alias", "primary" or "redirect"
TypeError (0): RunCloud\Client::addDomain(): Argument #1 ($name) must be of type string, array given
0 requests reached the server
