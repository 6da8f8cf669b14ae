<?php
/* Checks that runcloud.stub.php (the source of runcloud_arginfo.h), stubs/runcloud.php (the IDE stub made
 * from it) and the built extension declare the same API: each is described through Reflection in its own
 * process (a stub loaded as plain PHP without the extension), and the descriptions must be equal.
 * Usage: php scripts/check-stub.php modules/runcloud.so */

if (($argv[1] ?? '') === '--describe') {
    if (isset($argv[2])) require $argv[2];
    echo implode("\n", describe_namespace('RunCloud')), "\n";
    exit(0);
}

$so = $argv[1] ?? dirname(__DIR__) . '/modules/runcloud.so';
$self = escapeshellarg(__FILE__);
$ext = shell_exec(PHP_BINARY . ' -n -d extension=' . escapeshellarg($so) . " $self --describe");
if (!$ext) {
    fwrite(STDERR, "could not describe the extension\n");
    exit(1);
}
$b = explode("\n", trim($ext));
$bad = false;
foreach (['runcloud.stub.php', 'stubs/runcloud.php'] as $file) {
    $stub = shell_exec(PHP_BINARY . " -n $self --describe " . escapeshellarg(dirname(__DIR__) . "/$file"));
    if (!$stub) {
        fwrite(STDERR, "could not describe $file\n");
        exit(1);
    }
    $a = explode("\n", trim($stub));
    foreach (array_diff($a, $b) as $l) { echo "$file only: $l\n"; $bad = true; }
    foreach (array_diff($b, $a) as $l) { echo "extension only (not in $file): $l\n"; $bad = true; }
    echo "$file: ", count($a), " declarations compared\n";
}
exit($bad ? 1 : 0);

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
