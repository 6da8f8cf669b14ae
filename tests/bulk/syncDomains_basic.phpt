--TEST--
Client::syncDomains() adds the missing, removes extra aliases (never the primary or a wildcard), honours scope, prune and dry_run
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['keep.example.com', 'old.example.com', 'manual.other.org', '*.network.test']]);
$c = $sb->client(['concurrency' => 4]);
$want = ['keep.example.com', 'NEW.example.com', 'new2.example.com.', 'new.example.com'];
$dry = $c->syncDomains($want, ['dry_run' => true]);
echo json_encode([$dry->added, $dry->removed, $dry->unchanged, $dry->dryRun]), "\n";
echo implode(' ', $sb->names()), "\n";
$scoped = $c->syncDomains($want, ['scope' => ['*.example.com'], 'www' => true, 'redirection' => 'non-www']);
echo json_encode([$scoped->added, $scoped->removed, $scoped->unchanged, $scoped->failed, $scoped->dryRun]), "\n";
echo implode(' ', $sb->names()), "\n";
$www = array_values(array_filter($c->listDomains(), fn($d) => $d->name === 'new2.example.com'))[0];
var_dump($www->www, $www->redirection);
$kept = $c->syncDomains(['keep.example.com'], ['prune' => false]);
echo json_encode([$kept->added, $kept->removed]), "\n";
$all = $c->syncDomains(['keep.example.com']);
echo json_encode([$all->added, $all->removed, $all->unchanged]), "\n";
echo implode(' ', $sb->names()), "\n";
rc_expect_throw(fn() => $c->syncDomains(['ok.com', 5]));
rc_expect_throw(fn() => $c->syncDomains(['ok.com', 'bad name']));
rc_expect_throw(fn() => $c->syncDomains([], ['scope' => 'x']));
rc_expect_throw(fn() => $c->syncDomains([], ['dry' => true]));
rc_expect_throw(fn() => $c->addDomains([], ['dry_run' => true]));
rc_expect_throw(fn() => $c->removeDomains([], ['www' => true]));
?>
--EXPECT--
[["new.example.com","new2.example.com"],["old.example.com","manual.other.org"],["keep.example.com"],true]
network.test keep.example.com old.example.com manual.other.org *.network.test
[["new.example.com","new2.example.com"],["old.example.com"],["keep.example.com"],[],false]
network.test keep.example.com manual.other.org *.network.test new.example.com new2.example.com
bool(true)
string(7) "non-www"
[[],[]]
[[],["manual.other.org","new.example.com","new2.example.com"],["keep.example.com"]]
network.test keep.example.com *.network.test
TypeError (0): RunCloud\Client::syncDomains(): Argument #1 ($names) must contain only strings, int given
ValueError (0): RunCloud\Client::syncDomains(): Argument #1 ($names) must contain only valid domain names, but the one at position 1 contains a space
TypeError (0): RunCloud\Client::syncDomains(): Argument #2 ($options) option "scope" must be of type ?array, string given
ValueError (0): RunCloud\Client::syncDomains(): Argument #2 ($options) contains an unknown option "dry"
ValueError (0): RunCloud\Client::addDomains(): Argument #2 ($options) contains an unknown option "dry_run"
ValueError (0): RunCloud\Client::removeDomains(): Argument #2 ($options) contains an unknown option "www"
