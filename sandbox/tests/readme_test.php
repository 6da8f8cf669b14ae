<?php

declare(strict_types=1);

// Every command of README.md's "Develop against a local RunCloud" runs, in order, from the repository
// root, as written; only the ports and the database path are swapped for free ones.
require __DIR__ . '/lib/harness.php';

$root = dirname(__DIR__, 2);
$readme = (string) file_get_contents(dirname(__DIR__) . '/README.md');
$section = substr($readme, (int) strpos($readme, '## Develop against a local RunCloud'));
$section = substr($section, 0, strpos($section, "\n## ", 10) ?: strlen($section));
preg_match_all('/```sh\n(.*?)```/s', $section, $blocks);
$commands = array_values(array_filter(array_map('trim', explode("\n", implode("\n", $blocks[1])))));

$swap = [
    '8080' => (string) freePort(),
    '8443' => (string) freePort(),
    '/tmp/runcloud-sandbox-demo.sqlite' => sys_get_temp_dir() . '/readme-test-' . getmypid() . '.sqlite',
];
register_shutdown_function(static fn () => @unlink($swap['/tmp/runcloud-sandbox-demo.sqlite']));

function freePort(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($server, false);
    fclose($server);
    return (int) substr($name, strrpos($name, ':') + 1);
}

/** A documented `serve` line, started as a person would; returns the process and its first line. */
function serve(string $command, string $root): array
{
    $process = proc_open(['sh', '-c', 'exec ' . $command . ' --watch-pid=' . getmypid()], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, $root);
    return [$process, Sandbox::readLine($pipes[1], 20)];
}

check(count($commands) >= 15, 'the section has its commands');
$server = null;
foreach ($commands as $written) {
    $command = strtr($written, $swap);
    test($written, function () use ($command, $root, &$server, $swap) {
        if (str_contains($command, 'runcloud-sandbox serve')) {
            if ($server !== null) {
                proc_terminate($server, SIGTERM);
                proc_close($server);
            }
            [$server, $line] = serve($command, $root);
            check(str_contains($line, 'listening on http') && (str_contains($line, ':' . $swap['8080']) || str_contains($line, ':' . $swap['8443'])), "first line: $line");
            return;
        }
        if (str_contains($command, 'tests/run.sh')) {
            check(is_executable("$root/sandbox/tests/run.sh"), 'the test runner exists');
            return;
        }
        $process = proc_open(['sh', '-c', $command], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $root);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        same(0, proc_close($process), "exit code ($err)");
        check(trim($out) !== '', 'prints an answer');
        foreach (['Unauthenticated', 'could not be found', 'The given data was invalid', 'Server Error'] as $bad) {
            check(!str_contains($out, $bad), "unexpected answer: $out");
        }
        if (str_contains($command, ' -I ')) {
            check(str_starts_with($out, 'HTTP/2 200'), $out);
        }
    });
}

test('the documented server stops cleanly', function () use (&$server) {
    check($server !== null, 'a server was started');
    proc_terminate($server, SIGTERM);
    same(0, proc_close($server));
});

run_tests('readme');
