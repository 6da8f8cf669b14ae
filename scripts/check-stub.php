<?php
/* Checks that runcloud.stub.php (the IDE stub, source of runcloud_arginfo.h) and the built extension
 * declare the same API: each is described through Reflection in its own process (the stub loaded as
 * plain PHP without the extension), and the two descriptions must be equal.
 * Usage: php scripts/check-stub.php modules/runcloud.so */

if (($argv[1] ?? '') === '--describe') {
    if (!extension_loaded('runcloud')) require dirname(__DIR__) . '/runcloud.stub.php';
    echo implode("\n", describe_namespace('RunCloud')), "\n";
    exit(0);
}

$so = $argv[1] ?? dirname(__DIR__) . '/modules/runcloud.so';
$self = escapeshellarg(__FILE__);
$stub = shell_exec(PHP_BINARY . " -n $self --describe");
$ext = shell_exec(PHP_BINARY . ' -n -d extension=' . escapeshellarg($so) . " $self --describe");
if (!$stub || !$ext) {
    fwrite(STDERR, "could not describe the stub or the extension\n");
    exit(1);
}
$a = explode("\n", trim($stub));
$b = explode("\n", trim($ext));
$only_stub = array_diff($a, $b);
$only_ext = array_diff($b, $a);
foreach ($only_stub as $l) echo "stub only:      $l\n";
foreach ($only_ext as $l) echo "extension only: $l\n";
echo count($a), " declarations compared\n";
exit($only_stub || $only_ext ? 1 : 0);

/** @return list<string> one line per class, constant, property, method and parameter */
function describe_namespace(string $ns): array
{
    $names = array_merge(get_declared_classes(), get_declared_interfaces());
    $names = array_filter($names, fn($n) => str_starts_with($n, "$ns\\"));
    sort($names);
    $lines = [];
    foreach ($names as $name) {
        $c = new ReflectionClass($name);
        if (!$c->isUserDefined() && !$c->isInternal()) continue;
        $flags = implode(' ', array_filter([$c->isInterface() ? 'interface' : 'class', $c->isFinal() ? 'final' : '',
            $c->isAbstract() && !$c->isInterface() ? 'abstract' : '']));
        $parent = $c->getParentClass() ? ' extends ' . $c->getParentClass()->getName() : '';
        $ifaces = $c->getInterfaceNames();
        sort($ifaces);
        $lines[] = "$flags $name$parent implements " . implode(',', $ifaces);
        foreach ($c->getReflectionConstants() as $k) {
            if ($k->getDeclaringClass()->getName() === $name) $lines[] = "$name::const {$k->getName()}";
        }
        foreach ($c->getProperties() as $p) {
            if ($p->getDeclaringClass()->getName() !== $name) continue;
            $mods = implode(' ', Reflection::getModifierNames($p->getModifiers()));
            $default = $p->hasDefaultValue() ? ' = ' . var_export($p->getDefaultValue(), true) : '';
            $lines[] = "$name::\${$p->getName()} $mods {$p->getType()}$default";
        }
        foreach ($c->getMethods() as $m) {
            if ($m->getDeclaringClass()->getName() !== $name) continue;
            $mods = implode(' ', Reflection::getModifierNames($m->getModifiers()));
            $lines[] = "$name::{$m->getName()}() $mods : " . ($m->getReturnType() ?? 'none');
            foreach ($m->getParameters() as $p) {
                $default = $p->isDefaultValueAvailable() ? ' = ' . var_export($p->getDefaultValue(), true) : '';
                $attrs = implode(',', array_map(fn($a) => $a->getName(), $p->getAttributes()));
                $lines[] = "$name::{$m->getName()}() #{$p->getPosition()} {$p->getType()} \${$p->getName()}$default"
                    . ($p->isOptional() ? ' optional' : '') . ($attrs ? " [$attrs]" : '');
            }
        }
    }
    return $lines;
}
