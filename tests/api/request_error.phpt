--TEST--
Client::request() and listAll() refuse methods, paths, bodies and queries that could leave the API or cannot be sent, before anything is sent
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
// No server: every one of these must fail before a connection is tried.
$c = new RunCloud\Client('token-for-argument-tests', 1, 2, ['base_url' => 'http://127.0.0.1:9/api/v3', 'retries' => 0]);
$try = function (callable $fn) {
    try { $fn(); echo "accepted\n"; } catch (ValueError | TypeError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
};
$try(fn() => $c->request('HEAD', '/ping'));
$try(fn() => $c->request('GE T', '/ping'));
foreach (['ping', '', '//evil.example/x', '/x/https://evil.example', '/servers/../../admin', '/servers/%2e%2E/x', '/a/./b',
          '/a?b=c', '/a#b', '/a b', "/a\r\nX-Injected: 1", '/user@host', '/a\\b', '/a%zz', "/caf\xc3\xa9"] as $path) {
    $try(fn() => $c->request('GET', $path));
}
$try(fn() => $c->request('POST', '/x', ['v' => NAN]));
$try(fn() => $c->request('POST', '/x', ['v' => "\xff"]));
$try(fn() => $c->request('GET', '/x', null, ['a' => ['nested']]));
$try(fn() => $c->request('GET', '/x', null, ['a' => null]));
$try(fn() => $c->request('GET', '/x', null, ['positional']));
$try(fn() => $c->listAll('/servers', ['page' => 2]));
$try(fn() => $c->listAll('/servers', ['perPage' => 5]));
$try(fn() => $c->listAll('servers'));
$try(fn() => $c->listWebApps(0));
$try(fn() => $c->listWebApps(-3));
?>
--EXPECT--
ValueError: RunCloud\Client::request(): Argument #1 ($method) must be one of "GET", "POST", "PUT", "PATCH" or "DELETE"
ValueError: RunCloud\Client::request(): Argument #1 ($method) must be one of "GET", "POST", "PUT", "PATCH" or "DELETE"
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it does not start with "/"
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it does not start with "/"
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it names a scheme or a host
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it names a scheme or a host
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "." or ".." segment
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "." or ".." segment
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "." or ".." segment
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a query or a fragment (pass the query as $query)
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a query or a fragment (pass the query as $query)
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it contains a space, a control character or a non-ASCII byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it contains a space, a control character or a non-ASCII byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it contains "@" (credentials)
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it contains a backslash
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it has a "%" that is not a percent-encoded byte
ValueError: RunCloud\Client::request(): Argument #2 ($path) must be a path under the base URL, but it contains a space, a control character or a non-ASCII byte
ValueError: RunCloud\Client::request(): Argument #3 ($body) must be encodable as JSON (no resources, NAN, INF, invalid UTF-8 or recursion)
ValueError: RunCloud\Client::request(): Argument #3 ($body) must be encodable as JSON (no resources, NAN, INF, invalid UTF-8 or recursion)
TypeError: RunCloud\Client::request(): Argument #4 ($query) option "a" must be of type string|int|bool, array given
TypeError: RunCloud\Client::request(): Argument #4 ($query) option "a" must be of type string|int|bool, null given
ValueError: RunCloud\Client::request(): Argument #4 ($query) must have query parameter names as keys, found the index 0
ValueError: RunCloud\Client::listAll(): Argument #2 ($query) option "page" is set by listAll() itself, which walks every page
ValueError: RunCloud\Client::listAll(): Argument #2 ($query) option "perPage" is set by listAll() itself, which walks every page
ValueError: RunCloud\Client::listAll(): Argument #1 ($path) must be a path under the base URL, but it does not start with "/"
ValueError: RunCloud\Client::listWebApps(): Argument #1 ($serverId) must be greater than 0
ValueError: RunCloud\Client::listWebApps(): Argument #1 ($serverId) must be greater than 0
