--TEST--
Client::addDomain() sends RunCloud's body and returns the Domain; the name is normalised first
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
$d = $c->addDomain('Shop.Example.COM.', true, 'non-www');
var_dump($d);
$journal = $sb->journal();
echo $journal[0]['method'], ' ', $journal[0]['path'], ' ', json_encode($journal[0]['body']), "\n";
$idn = $c->addDomain('Bücher.Example');
echo $idn->name, ' ', $idn->type, ' ', var_export($idn->www, true), ' ', $idn->redirection, "\n";
$wild = $c->addDomain('*.Sites.Network.test');
echo $wild->name, ' wildcard=', var_export($wild->wildcard, true), "\n";
rc_expect_throw(fn() => $d->name = 'x');
echo implode(' ', $sb->names()), "\n";
?>
--EXPECTF--
object(RunCloud\Domain)#%d (9) {
  ["id"]=>
  int(%d)
  ["name"]=>
  string(16) "shop.example.com"
  ["type"]=>
  string(5) "alias"
  ["www"]=>
  bool(true)
  ["redirection"]=>
  string(7) "non-www"
  ["wildcard"]=>
  bool(false)
  ["dnsIntegration"]=>
  %s
  ["status"]=>
  %s
  ["createdAt"]=>
  string(19) "%d-%d-%d %d:%d:%d"
}
POST /api/v3/servers/1/webapps/10/domains {"name":"shop.example.com","www":true,"redirection":"non-www","type":"alias"}
xn--bcher-kva.example alias false none
*.sites.network.test wildcard=true
Error (0): Cannot modify readonly property RunCloud\Domain::$name
network.test shop.example.com xn--bcher-kva.example *.sites.network.test
