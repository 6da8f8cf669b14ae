<?php
/* Makes stubs/runcloud.php, the stub for IDEs and static analysers, from runcloud.stub.php (the stub
 * php-src's gen_stub.php reads), so the two cannot drift:
 *   - `const X = UNKNOWN;` with `@cvalue NAME` (gen_stub's convention) gets NAME's value from php_runcloud.h;
 *   - a method with a return type gets a body that throws, so that no IDE reports a path without a return
 *     (the extension provides the real method; the stub file is never loaded next to it);
 *   - gen_stub's own tags (@generate-*, @cvalue, @strict-properties, @not-serializable) are dropped;
 *   - the docblocks gain the shapes of the option arrays and what each method throws (DOCS below).
 * `--write` writes the file, `--check` (the default) fails when the file differs from what it would write.
 * PhpStorm, Intelephense and PHPStan read the result: see the README, "IDE and static analysis". */

$root = dirname(__DIR__);
$mode = $argv[1] ?? '--check';
$source = (string) file_get_contents("$root/runcloud.stub.php");
$header = (string) file_get_contents("$root/php_runcloud.h");

const NETWORK = ['ApiException RunCloud answered a non-2xx status (its subclass says which: 401/403, 404, 422, 429, 5xx)',
    'TransportException the request did not complete (DNS, connect, TLS, timeout); the code is the CURLcode',
    'UnexpectedResponseException a redirect, or an answer that is not the JSON expected',
    "ThrottledException never sent: the rate limit's wait would outlast the call's timeout",
    'BusyException the client is already running a call (a logger called back into it)'];
const OPTIONS = "array{base_url?: string, timeout?: int|float, connect_timeout?: int|float, user_agent?: string, "
    . "ca_info?: string, logger?: callable(string, string, array<string, mixed>): void, retries?: int, "
    . "retry_delay?: int|float, persistent?: bool, concurrency?: int, http_version?: '2'|'1.1'}";
const MAKE = ['\ValueError an option or argument has a bad value (the message names it)',
    '\TypeError an option or argument has the wrong type'];

/* Extra docblock lines per method ("Class::method"); a Client method not named here that talks to the API
 * gets the network exceptions. */
const DOCS = [
    'Client::__construct' => ['@param ' . OPTIONS . ' $options', '@throws ' . MAKE[0], '@throws ' . MAKE[1]],
    'Client::withApiKey' => ['@param ' . OPTIONS . ' $options', '@throws ' . MAKE[0], '@throws ' . MAKE[1]],
    'Client::fromConstants' => ['@param ' . OPTIONS . ' $options',
        '@throws ConfigurationException a WU_RUNCLOUD_* constant is missing or bad (the message names it)',
        '@throws ' . MAKE[0], '@throws ' . MAKE[1]],
    'Client::normalizeDomain' => ['@throws \ValueError the name is not a domain name (the message says why)'],
    'Client::addDomain' => ["@param 'none'|'www'|'non-www' \$redirection", "@param 'alias'|'primary'|'redirect' \$type",
        '@throws \ValueError a bad name, redirection or type'],
    'Client::installSsl' => ["@param array{provider?: 'letsencrypt'|'custom'|'csr', authorizationMethod?: 'http-01'|'dns-01', "
        . "environment?: 'live'|'staging', enableHttp?: bool, enableHsts?: bool, externalApi?: int, privateKey?: string, "
        . "certificate?: string} \$settings", '@throws \ValueError a bad setting (the message names it)'],
    'Client::addDomains' => ["@param array{www?: bool, redirection?: 'none'|'www'|'non-www'} \$options"],
    'Client::removeDomains' => ['@param array<never, never> $options no options yet'],
    'Client::syncDomains' => ["@param array{www?: bool, redirection?: 'none'|'www'|'non-www', dry_run?: bool, "
        . "scope?: list<string>|null, prune?: bool} \$options"],
    'Client::request' => ["@param 'GET'|'POST'|'PUT'|'PATCH'|'DELETE' \$method", '@param array<string, mixed>|null $body',
        '@param array<string, scalar> $query'],
    'Client::listAll' => ['@param array<string, scalar> $query'],
    'Client::rateLimit' => [],
    'Client::removeDomain' => ['@throws \ValueError a bad name or id', '@throws \TypeError neither a name, an id nor a Domain'],
    'Client::setSslMode' => ['@throws \ValueError $autoSsl true with $advanced false'],
    'Client::domainSsl' => ['@throws \ValueError a bad name or id', '@throws \TypeError neither a name, an id nor a Domain'],
    'Client::installDomainSsl' => ["@param array{provider?: 'letsencrypt'|'custom'|'csr', authorizationMethod?: 'http-01'|'dns-01', "
        . "environment?: 'live'|'staging', enableHttp?: bool, enableHsts?: bool, externalApi?: int, privateKey?: string, "
        . "certificate?: string} \$settings", '@throws \ValueError a bad name, id or setting (the message names it)',
        '@throws \TypeError neither a name, an id nor a Domain',
        '@throws SslModeException the web app is in basic SSL mode (nothing sent)',
        '@throws DomainNotFoundException the web app has no domain of that name'],
    'Client::redeployDomainSsl' => ['@throws \ValueError a bad name or id', '@throws \TypeError neither a name, an id nor a Domain'],
    'Client::removeDomainSsl' => ['@throws \ValueError a bad name or id', '@throws \TypeError neither a name, an id nor a Domain'],
];
const OFFLINE = ['Client::__construct', 'Client::withApiKey', 'Client::fromConstants', 'Client::normalizeDomain', 'Client::rateLimit'];

$out = ide_stub($source, $header);
$path = "$root/stubs/runcloud.php";
if ($mode === '--write') {
    @mkdir(dirname($path));
    file_put_contents($path, $out);
    echo "stubs/runcloud.php written\n";
    exit(0);
}
if (!is_file($path) || file_get_contents($path) !== $out) {
    echo "stubs/runcloud.php is not what runcloud.stub.php makes: run php scripts/ide-stub.php --write\n";
    exit(1);
}
echo "stubs/runcloud.php matches runcloud.stub.php\n";

function ide_stub(string $src, string $header): string
{
    // The file's own docblock: what this file is, instead of gen_stub's instructions.
    $src = preg_replace('#^<\?php\s*/\*\*.*?\*/#s', "<?php\n\n/**\n * IDE and static-analysis stub of the runcloud extension (RunCloud\\Client). Generated from\n"
        . " * runcloud.stub.php by scripts/ide-stub.php: do not edit. The extension provides every declaration;\n"
        . " * never load this file where the extension is loaded.\n */", $src, 1, $n);
    if ($n !== 1) fail('runcloud.stub.php does not start with a docblock');

    // Constants whose value gen_stub takes from C.
    $src = preg_replace_callback('#(/\*\*(?:(?!\*/).)*?@cvalue\s+(\w+)(?:(?!\*/).)*\*/\s*(?:public\s+|protected\s+|private\s+)?const\s+\w+\s*=\s*)UNKNOWN;#s',
        function ($m) use ($header) {
            if (!preg_match('#^\#define\s+' . $m[2] . '\s+(".*")\s*$#m', $header, $d)) fail("no #define $m[2] in php_runcloud.h");
            return $m[1] . var_export(stripcslashes(substr($d[1], 1, -1)), true) . ';';
        }, $src);
    if (str_contains($src, 'UNKNOWN')) fail('a constant = UNKNOWN without a @cvalue the header defines');

    // gen_stub's tags.
    $src = preg_replace('#^\s*\*\s*@(generate-[\w-]+|cvalue|strict-properties|not-serializable)\b.*\n#m', '', $src);
    $src = preg_replace('#\n\s*\*\s*(?=\n\s*\*/)#', '', $src);   // a blank line left before the end
    $src = preg_replace('#/\*\*\s*\*/\n\s*#', '', $src);          // a docblock left empty

    // Methods: docs and bodies. The class a method belongs to is the last "class X" before it.
    $lines = explode("\n", $src);
    $class = null;
    $result = [];
    foreach ($lines as $line) {
        if (preg_match('#^\s*(?:final\s+|abstract\s+)*(?:class|interface)\s+(\w+)#', $line, $m)) $class = $m[1];
        if (preg_match('#^(\s*)((?:public|protected|private|static|final|\s)*)function\s+(\w+)\((.*)\)(\s*:\s*[^{]+?)?\s*\{\}\s*$#', $line, $m)) {
            $key = "$class::$m[3]";
            $result = with_docs($result, $m[1], docs_for($key, $class, $m[2]));
            $returns = isset($m[5]) && trim($m[5]) !== '' && !preg_match('#:\s*(void|never)$#', trim($m[5]));
            if ($returns) {
                $line = substr($line, 0, strrpos($line, '{}')) . "{ throw new \\LogicException('provided by the runcloud extension'); }";
            }
        }
        $result[] = $line;
    }
    foreach (array_keys(DOCS) as $key) {
        if (!preg_match('#function\s+' . preg_quote(explode('::', $key)[1], '#') . '\(#', $src)) fail("DOCS names $key, which the stub does not declare");
    }
    return implode("\n", $result);
}

/** @return list<string> the docblock lines to add to a method */
function docs_for(string $key, ?string $class, string $modifiers): array
{
    if (str_contains($modifiers, 'private')) return [];
    $extra = DOCS[$key] ?? [];
    if ($class === 'Client' && !in_array($key, OFFLINE, true)) {
        foreach (NETWORK as $t) $extra[] = "@throws $t";
    }
    return $extra;
}

/** Adds lines to the docblock just above (the last lines of $out), or makes one. */
function with_docs(array $out, string $indent, array $extra): array
{
    if ($extra === []) return $out;
    $last = count($out) - 1;
    $add = array_map(fn($l) => "$indent * $l", $extra);
    if ($last >= 0 && preg_match('#^\s*/\*\*(.*)\*/\s*$#', $out[$last], $m)) {  // a one-line docblock
        array_splice($out, $last, 1, array_merge(["$indent/**", "$indent * " . trim($m[1])], $add, ["$indent */"]));
    } elseif ($last >= 0 && preg_match('#^\s*\*/\s*$#', $out[$last])) {        // the end of a longer one
        array_splice($out, $last, 0, $add);
    } else {
        $out = array_merge($out, ["$indent/**"], $add, ["$indent */"]);
    }
    return $out;
}

function fail(string $why): never
{
    fwrite(STDERR, "ide-stub: $why\n");
    exit(1);
}
