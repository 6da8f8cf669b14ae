--TEST--
Issue 10 case 10: a bulk add whose answer was lost and that was retried is reported added; an idempotent add's 422 and ssl()'s 404 are not logged as errors
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['there.test']]);
$levels = [];
$c = $sb->client(['logger' => function ($level, $message) use (&$levels) { $levels[] = "$level: $message"; }]);
// The add happens, then the connection drops before the answer: the retry meets 422, the name is there.
$sb->fault(['path' => '/domains', 'method' => 'POST', 'count' => 1, 'type' => 'drop']);
$r = $c->addDomains(['lost.test']);
echo 'added: ', json_encode($r->added), ' unchanged: ', json_encode($r->unchanged), "\n";
$r = $c->addDomains(['there.test']);
echo 'added: ', json_encode($r->added), ' unchanged: ', json_encode($r->unchanged), "\n";
$levels = [];
echo $c->addDomain('there.test')->name, "\n";
var_dump($c->ssl());
echo json_encode(array_values(array_filter($levels, fn($l) => str_starts_with($l, 'error')))), "\n";
// A real validation error is still logged as one.
$levels = [];
$sb->fault(['path' => '/domains', 'method' => 'POST', 'count' => 1, 'type' => 'status', 'status' => 422,
            'body' => '{"message":"The given data was invalid.","errors":{"name":["The name is not allowed."]}}']);
rc_expect_throw(fn() => $c->addDomain('refused.test'));
echo count(array_filter($levels, fn($l) => str_starts_with($l, 'error'))), " error line\n";
?>
--EXPECT--
added: ["lost.test"] unchanged: []
added: [] unchanged: ["there.test"]
there.test
NULL
[]
RunCloud\ValidationException (422): RunCloud API POST /servers/1/webapps/10/domains failed with HTTP 422: The given data was invalid. (name: The name is not allowed.)
1 error line
