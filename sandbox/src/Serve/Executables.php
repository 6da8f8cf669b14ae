<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

/** Finds programs on PATH, plus the sbin folders where Debian puts nginx (not on a user's PATH). */
final class Executables
{
    public static function find(string $name): ?string
    {
        $dirs = array_merge(explode(PATH_SEPARATOR, (string) getenv('PATH')), ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/bin']);
        foreach ($dirs as $dir) {
            $path = rtrim($dir, '/') . '/' . $name;
            if ($dir !== '' && is_file($path) && is_executable($path)) {
                return $path;
            }
        }
        return null;
    }

    /** Runs a command to completion; throws with its output when it fails. */
    public static function run(array $command): void
    {
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        if (!is_resource($process)) {
            throw new \RuntimeException('Could not run ' . $command[0]);
        }
        $output = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        if (proc_close($process) !== 0) {
            throw new \RuntimeException(basename($command[0]) . ' failed: ' . trim($output));
        }
    }
}
