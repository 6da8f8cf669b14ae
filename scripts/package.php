<?php
/* package.xml's file list, made from the tree: `--write` rewrites the <contents> block, `--check` (the
 * default) fails when the block differs from what the tree holds.
 * In a git checkout the tree is what git sees (tracked and new files, nothing ignored); anywhere else (a
 * release tarball, the PECL package, a GitHub zip) it is the directory itself, less what a build or a test
 * run leaves behind.
 * What ships: the extension (build files, sources, stubs, tests, docs) and the sandbox its tests run against. */

$root = dirname(__DIR__);
$mode = $argv[1] ?? '--check';
$files = tree_files($root);
if ($files === []) {
    fwrite(STDERR, "no files found under $root\n");
    exit(1);
}
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
if ($roles === []) {
    fwrite(STDERR, "none of the files under $root belongs in the package\n");
    exit(1);
}
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

// config.m4 and config.w32 must build every source file under src/: config.m4 names each by its path,
// config.w32 by its base name in the ADD_SOURCES of its folder.
$sources = array_values(array_filter($files, fn($f) => preg_match('#^src/.+\.cpp$#', $f)));
foreach (['config.m4', 'config.w32'] as $build) {
    $text = (string) file_get_contents("$root/$build");
    foreach ($sources as $s) {
        // config.w32 writes a folder as configure_module_dirname + "\\src\\zend" (doubled backslashes).
        $folder = 'configure_module_dirname + "\\\\' . str_replace('/', '\\\\', dirname($s)) . '"';
        $listed = $build === 'config.m4'
            ? preg_match('#(?<![\w/])' . preg_quote($s, '#') . '\b#', $text)
            : preg_match('#ADD_SOURCES\(' . preg_quote($folder, '#') . ',([^;]*);#', $text, $m)
                && preg_match('#\b' . preg_quote(basename($s), '#') . '\b#', $m[1]);
        if (!$listed) {
            echo "$build does not build $s\n";
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
    if (in_array($f, ['README.md', 'LICENSE'], true) || preg_match('#^docs/[^/]+\.md$#', $f)) return 'doc';
    if (preg_match('#^stubs/[^/]+\.php$#', $f)) return 'doc';
    return null;
}

/** @return list<string> the tree's files, relative to $root */
function tree_files(string $root): array
{
    $top = trim((string) shell_exec('git -C ' . escapeshellarg($root) . ' rev-parse --show-toplevel 2>/dev/null'));
    if ($top !== '' && realpath($top) === realpath($root)) {
        $out = (string) shell_exec('cd ' . escapeshellarg($root) . ' && git ls-files -co --exclude-standard');
        return array_values(array_filter(explode("\n", trim($out))));
    }
    $files = [];
    $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS));
    foreach ($it as $file) {
        if (!$file->isFile()) continue;
        $f = substr($file->getPathname(), strlen($root) + 1);
        if (!is_build_output($f)) $files[] = $f;
    }
    sort($files);
    return $files;
}

/** What phpize, make and run-tests write into a tree (the .gitignore of a checkout says the same). */
function is_build_output(string $f): bool
{
    if (preg_match('#(^|/)(\.libs|\.deps|autom4te\.cache|build|modules|include)/#', $f)) return true;
    if (preg_match('#\.(lo|la|o|dep)$#', $f)) return true;
    // run-tests leaves NAME.php, .sh, .out, .exp, .diff, .log, .mem beside each NAME.phpt; tests/inc holds real PHP.
    return (bool) preg_match('#^tests/(?!inc/).*\.(php|sh|out|exp|diff|log|mem)$#', $f);
}
