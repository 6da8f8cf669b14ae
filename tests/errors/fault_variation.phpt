--TEST--
Broken answers: malformed JSON, truncated body, dropped connection, redirect to another host, delay past the timeout, server gone
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['a.example.com']]);
// Only the delay meets a timeout: 1 s against an answer held 2.5 s. Every other case has time enough on
// any machine, so what it shows is the answer's fault, never this machine's speed.
$c = $sb->client(['retries' => 0, 'timeout' => 30]);
$short = $sb->client(['retries' => 0, 'timeout' => 1]);
$faults = [
    ['type' => 'malformed'],
    ['type' => 'truncate'],
    ['type' => 'drop'],
    ['type' => 'redirect', 'location' => 'http://127.0.0.2:9/login'],
    ['type' => 'delay', 'delay_ms' => 2500],
    ['type' => 'status', 'status' => 200, 'body' => '{"data":"not a list"}'],
    ['type' => 'status', 'status' => 200, 'body' => '[1,2]'],
    ['type' => 'status', 'status' => 200, 'body' => '{"data":[{"id":"x","name":"a"}]}'],
    ['type' => 'status', 'status' => 200, 'body' => '{"data":[' . str_repeat('{"a":', 100) . '1' . str_repeat('}', 100) . ']}'],
];
foreach ($faults as $f) {
    $sb->fault($f + ['path' => '/domains', 'count' => 1]);
    $e = rc_expect_throw(fn() => ($f['type'] === 'delay' ? $short : $c)->listDomains());
    if ($e instanceof RunCloud\TransportException) echo '  curl code ', $e->getCode(), "\n";
}
echo implode(' ', array_map(fn($d) => $d->name, $c->listDomains())), "\n";
$gone = new RunCloud\Client(RC_TOKEN, 1, 2, ['base_url' => 'http://127.0.0.1:1/api/v3', 'retries' => 0]);
rc_expect_throw(fn() => $gone->ping());
$nowhere = new RunCloud\Client(RC_TOKEN, 1, 2, ['base_url' => 'http://no-such-host.invalid/api/v3', 'retries' => 0]);
$e = rc_expect_throw(fn() => $nowhere->ping());
?>
--EXPECTF--
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered invalid JSON (%s)
RunCloud\TransportException (18): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed: %s
  curl code 18
RunCloud\TransportException (%d): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed: %s
  curl code %d
RunCloud\UnexpectedResponseException (302): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered HTTP 302 redirecting to http://127.0.0.2:9; redirects are never followed
RunCloud\TransportException (28): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed: %s
  curl code 28
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered "data" is not a list
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered not a JSON object
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered JSON of an unexpected shape (a field of the wrong type)
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 answered %s
network.test a.example.com
RunCloud\TransportException (7): RunCloud API GET /ping failed: %s
RunCloud\TransportException (6): RunCloud API GET /ping failed: %s
