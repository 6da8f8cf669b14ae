--TEST--
Classes: final, hierarchy of exceptions, readonly value objects that only the client makes
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
use RunCloud as R;
foreach (['Client', 'Domain', 'Ssl', 'SyncResult', 'AuthenticationException', 'NotFoundException', 'ValidationException',
          'RateLimitException', 'ServerException', 'TransportException', 'UnexpectedResponseException',
          'ConfigurationException'] as $c) {
    echo $c, ': ', (new ReflectionClass("RunCloud\\$c"))->isFinal() ? 'final' : 'open', "\n";
}
var_dump((new ReflectionClass(R\ApiException::class))->isFinal());
foreach ([R\AuthenticationException::class => [R\ApiException::class, RuntimeException::class],
          R\RateLimitException::class => [R\ApiException::class],
          R\TransportException::class => [RuntimeException::class],
          R\UnexpectedResponseException::class => [UnexpectedValueException::class],
          R\ConfigurationException::class => [LogicException::class]] as $c => $parents) {
    foreach ([...$parents, R\Exception::class] as $p) echo "$c is $p: ", is_subclass_of($c, $p) ? 'yes' : 'no', "\n";
}
foreach (['Domain' => 9, 'Ssl' => 9, 'SyncResult' => 5] as $c => $n) {
    $props = (new ReflectionClass("RunCloud\\$c"))->getProperties();
    echo $c, ': ', count($props), ' ', count(array_filter($props, fn($p) => $p->isReadOnly() && $p->isPublic())) === $n ? 'readonly' : 'WRITABLE', "\n";
}
try { new R\Domain(); } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
?>
--EXPECT--
Client: final
Domain: final
Ssl: final
SyncResult: final
AuthenticationException: final
NotFoundException: final
ValidationException: final
RateLimitException: final
ServerException: final
TransportException: final
UnexpectedResponseException: final
ConfigurationException: final
bool(false)
RunCloud\AuthenticationException is RunCloud\ApiException: yes
RunCloud\AuthenticationException is RuntimeException: yes
RunCloud\AuthenticationException is RunCloud\Exception: yes
RunCloud\RateLimitException is RunCloud\ApiException: yes
RunCloud\RateLimitException is RunCloud\Exception: yes
RunCloud\TransportException is RuntimeException: yes
RunCloud\TransportException is RunCloud\Exception: yes
RunCloud\UnexpectedResponseException is UnexpectedValueException: yes
RunCloud\UnexpectedResponseException is RunCloud\Exception: yes
RunCloud\ConfigurationException is LogicException: yes
RunCloud\ConfigurationException is RunCloud\Exception: yes
Domain: 9 readonly
Ssl: 9 readonly
SyncResult: 5 readonly
Error: Call to private RunCloud\Domain::__construct() from global scope
