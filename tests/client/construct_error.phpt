--TEST--
Client::__construct() and withApiKey(): argument errors are the engine's ValueError/TypeError, with exact messages
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
use RunCloud\Client;
$cases = [
    fn() => new Client('', 1, 2),
    fn() => new Client("to ken", 1, 2),
    fn() => new Client("tok\r\nX-Evil: 1", 1, 2),
    fn() => new Client('t', 0, 2),
    fn() => new Client('t', 1, -5),
    fn() => new Client('t', 1, 2, ['nope' => 1]),
    fn() => new Client('t', 1, 2, [5 => 1]),
    fn() => new Client('t', 1, 2, ['timeout' => 'soon']),
    fn() => new Client('t', 1, 2, ['timeout' => 0]),
    fn() => new Client('t', 1, 2, ['timeout' => NAN]),
    fn() => new Client('t', 1, 2, ['connect_timeout' => -1]),
    fn() => new Client('t', 1, 2, ['base_url' => 'ftp://x']),
    fn() => new Client('t', 1, 2, ['base_url' => 'https://user:pw@host/api/v3']),
    fn() => new Client('t', 1, 2, ['base_url' => 'https://host/api/v3?x=1']),
    fn() => new Client('t', 1, 2, ['base_url' => "https://host/\r\nX: y"]),
    fn() => new Client('t', 1, 2, ['base_url' => 'https://']),
    fn() => new Client('t', 1, 2, ['base_url' => 42]),
    fn() => new Client('t', 1, 2, ['user_agent' => "a\nb"]),
    fn() => new Client('t', 1, 2, ['ca_info' => '/nonexistent/ca.pem']),
    fn() => new Client('t', 1, 2, ['logger' => 'no_such_function']),
    fn() => new Client('t', 1, 2, ['retries' => 11]),
    fn() => new Client('t', 1, 2, ['retries' => 1.5]),
    fn() => new Client('t', 1, 2, ['retry_delay' => 61]),
    fn() => new Client('t', 1, 2, ['persistent' => 1]),
    fn() => new Client('t', 1, 2, ['concurrency' => 0]),
    fn() => new Client('t', 1, 2, ['concurrency' => 65]),
    fn() => new Client('t', 'one', 2),
    fn() => Client::withApiKey('', 's', 1, 2),
    fn() => Client::withApiKey('k:ey', 's', 1, 2),
    fn() => Client::withApiKey('k', "s\0", 1, 2),
    fn() => Client::withApiKey('k', 's', 1, 0),
    fn() => Client::withApiKey('k', 's', 1, 2, ['bogus' => true]),
];
foreach ($cases as $case) rc_expect_throw($case);
?>
--EXPECT--
ValueError (0): RunCloud\Client::__construct(): Argument #1 ($token) must not be empty
ValueError (0): RunCloud\Client::__construct(): Argument #1 ($token) must not contain spaces or control characters
ValueError (0): RunCloud\Client::__construct(): Argument #1 ($token) must not contain spaces or control characters
ValueError (0): RunCloud\Client::__construct(): Argument #2 ($serverId) must be greater than 0
ValueError (0): RunCloud\Client::__construct(): Argument #3 ($webAppId) must be greater than 0
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) contains an unknown option "nope"
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) must have option names as keys, found the index 5
TypeError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "timeout" must be of type int|float, string given
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "timeout" must be greater than 0 and at most 86400
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "timeout" must be greater than 0 and at most 86400
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "connect_timeout" must be greater than 0 and at most 3600
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must start with "https://" or "http://"
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must not contain credentials
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must not have a query or a fragment
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must not contain spaces or control characters
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must name a host
TypeError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "base_url" must be of type string, int given
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "user_agent" must be at most 512 characters without control characters
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "ca_info" must be a readable file
TypeError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "logger" must be of type callable, string given
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "retries" must be between 0 and 10
TypeError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "retries" must be of type int, float given
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "retry_delay" must be between 0 and 60
TypeError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "persistent" must be of type bool, int given
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "concurrency" must be between 1 and 64
ValueError (0): RunCloud\Client::__construct(): Argument #4 ($options) option "concurrency" must be between 1 and 64
TypeError (0): RunCloud\Client::__construct(): Argument #2 ($serverId) must be of type int, string given
ValueError (0): RunCloud\Client::withApiKey(): Argument #1 ($apiKey) must not be empty
ValueError (0): RunCloud\Client::withApiKey(): Argument #1 ($apiKey) must not contain ":"
ValueError (0): RunCloud\Client::withApiKey(): Argument #2 ($apiSecret) must not contain spaces or control characters
ValueError (0): RunCloud\Client::withApiKey(): Argument #4 ($webAppId) must be greater than 0
ValueError (0): RunCloud\Client::withApiKey(): Argument #5 ($options) contains an unknown option "bogus"
