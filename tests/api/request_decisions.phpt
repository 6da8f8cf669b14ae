--TEST--
request() and listAll() where RunCloud's documentation is silent: which paths go as they are and which are refused, the query's size, how deep an answer may nest; sslMode() refuses a boolean it cannot read
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['advanced_ssl' => ['advancedSSL' => true, 'autoSSL' => false]]);
$c = $sb->client(['retries' => 0]);
echo "-- sent as they are, always to the base URL's host and under its path\n";
foreach (['/..;/x', '/%252e%252e/x', '/%2e%2e%2fx', '/a%00b', '/a%40b', '/a%3Fb', '/a;b=c/d'] as $path) {
    $status = 'answered';
    try { $c->request('GET', $path); } catch (RunCloud\ApiException $e) { $status = $e->getStatusCode(); }
    $last = $sb->journal();
    echo $path, ' -> the sandbox decoded ', json_encode(end($last)['path'], JSON_UNESCAPED_SLASHES), ", $status\n";
    $sb->admin('DELETE', '/__sandbox/journal');
}
echo "-- refused before anything is sent\n";
$refuse = function (callable $fn) {
    try { $fn(); echo "accepted\n"; } catch (ValueError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
};
foreach (['/a%', '/a%4', '/a%%41', '/x://y', '/' . str_repeat('a', 2048)] as $path) $refuse(fn() => $c->request('GET', $path));
$refuse(fn() => $c->request('GET', '/ping', null, ['q' => str_repeat('x', 1 << 20)]));
$refuse(fn() => $c->request('GET', '/ping', null, ['q' => str_repeat('é', 3000)]));
$refuse(fn() => $c->listAll('/servers', ['q' => str_repeat('x', 6200)]));
echo count($sb->journal()), " requests sent\n";
echo "-- at the limits: a 2,048-byte path and a 6,144-byte query are sent\n";
try { $c->request('GET', '/' . str_repeat('a', 2047)); } catch (RunCloud\NotFoundException $e) { echo "404 for the long path\n"; }
var_dump($c->request('GET', '/ping', null, ['q' => str_repeat('x', 6142)])['message']);
echo "-- answers nest up to 128 levels; deeper is named as such, and json_last_error() stays the caller's\n";
$nested = fn(int $n) => str_repeat('[', $n - 1) . '{"a":1}' . str_repeat(']', $n - 1);
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $nested(128)]);
$a = $c->request('GET', '/ping');
for ($depth = 1; is_array($a) && !isset($a['a']); $depth++) $a = $a[0];
echo "$depth levels read\n";
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $nested(129)]);
json_decode('{');
rc_expect_throw(fn() => $c->request('GET', '/ping'));
var_dump(json_last_error() === JSON_ERROR_SYNTAX);
// A page counts as a whole: its object and "data" are two of the 128 levels.
foreach ([126, 127] as $n) {
    $sb->fault(['path' => '/probe', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '{"data":[' . $nested($n) . ']}']);
    try { echo count($c->listAll('/probe')), " item $n levels deep in a page\n"; } catch (RunCloud\Exception $e) { rc_show($e); }
}
echo "-- a boolean must read as one: true/false, 0/1, \"0\"/\"1\", \"true\"/\"false\"\n";
foreach (['{"advancedSSL":"yes"}', '{"advancedSSL":"1","autoSSL":"false"}'] as $body) {
    $sb->fault(['path' => '/ssl/advanced', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => $body]);
    try { echo json_encode($c->sslMode()), "\n"; } catch (RunCloud\Exception $e) { rc_show($e); }
}
?>
--EXPECT--
-- sent as they are, always to the base URL's host and under its path
/..;/x -> the sandbox decoded "/api/v3/..;/x", 404
/%252e%252e/x -> the sandbox decoded "/api/v3/%2e%2e/x", 404
/%2e%2e%2fx -> the sandbox decoded "/api/v3/../x", 404
/a%00b -> the sandbox decoded "/api/v3/a\u0000b", 404
/a%40b -> the sandbox decoded "/api/v3/a@b", 404
/a%3Fb -> the sandbox decoded "/api/v3/a?b", 404
/a;b=c/d -> the sandbox decoded "/api/v3/a;b=c/d", 404
-- refused before anything is sent
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "%" that is not a percent-encoded byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "%" that is not a percent-encoded byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "%" that is not a percent-encoded byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it names a scheme or a host
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it is longer than 2048 bytes
ValueError: RunCloud\Client::request(): Argument #4 ($query) must encode to at most 6144 bytes (percent-encoded)
ValueError: RunCloud\Client::request(): Argument #4 ($query) must encode to at most 6144 bytes (percent-encoded)
ValueError: RunCloud\Client::listAll(): Argument #2 ($query) must encode to at most 6144 bytes (percent-encoded)
0 requests sent
-- at the limits: a 2,048-byte path and a 6,144-byte query are sent
404 for the long path
string(4) "pong"
-- answers nest up to 128 levels; deeper is named as such, and json_last_error() stays the caller's
128 levels read
RunCloud\UnexpectedResponseException (200): RunCloud API GET /ping answered JSON nested deeper than 128 levels
bool(true)
1 item 126 levels deep in a page
RunCloud\UnexpectedResponseException (200): RunCloud API GET /probe?page=1&perPage=40 answered JSON nested deeper than 128 levels
-- a boolean must read as one: true/false, 0/1, "0"/"1", "true"/"false"
RunCloud\UnexpectedResponseException (200): RunCloud API GET /servers/1/webapps/10/ssl/advanced answered JSON of an unexpected shape (a field of the wrong type)
{"advanced":true,"autoSsl":false}
