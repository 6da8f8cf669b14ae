<?php
/* package.xml's file list, made from the files git tracks: `--write` rewrites the <contents> block,
 * `--check` (the default) fails when the block differs from what the tree holds.
 * What ships: the extension (build files, sources, stub, tests) and the sandbox its tests run against. */

$root = dirname(__DIR__);
$mode = $argv[1] ?? '--check';
$files = array_filter(explode("\n", trim((string) shell_exec('cd ' . escapeshellarg($root) . ' && git ls-files -co --exclude-standard'))));
$roles = [];
foreach ($files as $f) {
    $role = role_of($f);
    if ($role !== null) $roles[$f] = $role;
}
ksort($roles);
$xml = "  <contents>\n    <dir name=\"/\">\n";
foreach ($roles as $f => $role) $xml .= "      <file name=\"" . htmlspecialchars($f, ENT_XML1) . "\" role=\"$role\"/>\n";
$xml .= "    </dir>\n  </contents>";

$path = "$root/package.xml";
$current = (string) file_get_contents($path);
$block = '#  <contents>.*?</contents>#s';
if (!preg_match($block, $current)) {
    fwrite(STDERR, "package.xml has no <contents> block\n");
    exit(1);
}
$wanted = preg_replace($block, str_replace(['\\', '$'], ['\\\\', '\\$'], $xml), $current, 1);
if ($mode === '--write') {
    file_put_contents($path, $wanted);
    echo count($roles), " files listed\n";
    exit(0);
}
if ($wanted !== $current) {
    preg_match_all('#<file name="([^"]+)"#', $current, $m);
    $listed = $m[1];
    foreach (array_diff(array_keys($roles), $listed) as $f) echo "missing from package.xml: $f\n";
    foreach (array_diff($listed, array_keys($roles)) as $f) echo "listed but not in the tree: $f\n";
    echo "package.xml is out of date: run php scripts/package.php --write\n";
    exit(1);
}
echo count($roles), " files listed, all present\n";

// config.m4 and config.w32 must build every source file of src/.
$sources = array_map('basename', array_filter($files, fn($f) => preg_match('#^src/[^/]+\.cpp$#', $f)));
foreach (['config.m4', 'config.w32'] as $build) {
    $text = (string) file_get_contents("$root/$build");
    foreach ($sources as $s) {
        if (!preg_match('#\b' . preg_quote($s, '#') . '\b#', $text)) {
            echo "$build does not build src/$s\n";
            exit(1);
        }
    }
}
echo "config.m4 and config.w32 build all ", count($sources), " sources\n";

function role_of(string $f): ?string
{
    if (preg_match('#^(config\.m4|config\.w32|php_runcloud\.h|runcloud\.cpp|runcloud_arginfo\.h|src/.+\.(cpp|h))$#', $f)) return 'src';
    if ($f === 'runcloud.stub.php') return 'src';
    if (str_starts_with($f, 'tests/') || str_starts_with($f, 'sandbox/')) return 'test';
    if (in_array($f, ['README.md', 'LICENSE', 'docs/client-api.md'], true)) return 'doc';
    return null;
}
