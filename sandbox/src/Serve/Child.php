<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

use RuntimeException;

/**
 * A child process in its own session (setsid), so that stopping it stops everything it forked:
 * php -S workers outlive their parent otherwise, and would keep the port.
 */
final class Child
{
    /** @param resource $process */
    private function __construct(
        private $process,
        public readonly int $pid,
        public readonly string $log,
        private readonly bool $workersFirst,
    ) {
    }

    /**
     * @param list<string> $command
     * @param array<string,string> $env added to ours
     * @param bool $workersFirst stop the leader's children before the leader (php -S, not nginx,
     *                           whose master would only replace them)
     */
    public static function start(array $command, array $env, string $log, bool $logToStderr, bool $workersFirst = false): self
    {
        $setsid = Executables::find('setsid');
        if ($setsid !== null) {
            array_unshift($command, $setsid);
        }
        // With $logToStderr the child keeps our stderr as it is (passing the STDERR stream instead
        // would make PHP rewind the shared descriptor) and its stdout joins it.
        $spec = $logToStderr
            ? [0 => ['file', '/dev/null', 'r'], 1 => ['redirect', 2]]
            : [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']];
        $process = proc_open($command, $spec, $pipes, null, $env + getenv());
        if (!is_resource($process)) {
            throw new RuntimeException('Could not start ' . $command[0]);
        }
        return new self($process, proc_get_status($process)['pid'], $logToStderr ? '' : $log, $workersFirst);
    }

    public function running(): bool
    {
        return proc_get_status($this->process)['running'];
    }

    /** Last lines of what the child printed, to explain why it stopped. */
    public function logTail(int $lines = 15): string
    {
        if ($this->log === '' || !is_file($this->log)) {
            return '';
        }
        return implode("\n", array_slice(file($this->log, FILE_IGNORE_NEW_LINES) ?: [], -$lines));
    }

    /**
     * Stops the whole process group: SIGINT, then SIGKILL if anything is left after $grace seconds.
     * php -S workers take half a second to wind down on SIGINT, so they get SIGTERM first; the
     * leader, on SIGINT, then reaps them (it would leave zombies if it died on SIGTERM).
     * nginx takes SIGINT as "fast shutdown".
     */
    public function stop(float $grace = 3.0): void
    {
        $deadline = microtime(true) + $grace;
        if ($this->workersFirst) {
            foreach (self::childrenOf($this->pid) as $child) {
                @posix_kill($child, SIGTERM);
            }
        }
        $this->signal(SIGINT);
        while ($this->running() && microtime(true) < $deadline) {
            usleep(20000);
        }
        $this->signal(SIGKILL);
        proc_close($this->process);
    }

    /** @return list<int> the direct children of $pid (read from /proc; empty where there is none) */
    private static function childrenOf(int $pid): array
    {
        $children = [];
        foreach (glob('/proc/[0-9]*/stat') ?: [] as $file) {
            $stat = (string) @file_get_contents($file);
            // After the command name (in parentheses, and it may contain any character): state, parent pid.
            $fields = explode(' ', substr($stat, (int) strrpos($stat, ')') + 2));
            if ((int) ($fields[1] ?? 0) === $pid) {
                $children[] = (int) basename(dirname($file));
            }
        }
        return $children;
    }

    private function signal(int $signal): void
    {
        // A negative pid addresses the process group that setsid made; the plain pid is the fallback.
        if (!@posix_kill(-$this->pid, $signal)) {
            @posix_kill($this->pid, $signal);
        }
    }
}
