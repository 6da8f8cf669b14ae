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
    private function __construct(private $process, public readonly int $pid, public readonly string $log)
    {
    }

    /** @param list<string> $command @param array<string,string> $env added to ours */
    public static function start(array $command, array $env, string $log, bool $logToStderr): self
    {
        $setsid = Executables::find('setsid');
        if ($setsid !== null) {
            array_unshift($command, $setsid);
        }
        $out = $logToStderr ? STDERR : ['file', $log, 'a'];
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => $out, 2 => $out], $pipes, null, $env + getenv());
        if (!is_resource($process)) {
            throw new RuntimeException('Could not start ' . $command[0]);
        }
        return new self($process, proc_get_status($process)['pid'], $logToStderr ? '' : $log);
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
     * SIGINT to the whole process group, then SIGKILL if it is still there after $grace seconds.
     * SIGINT because on it php -S leaves its loop and reaps its workers (on SIGTERM it just dies),
     * and nginx takes it as "fast shutdown".
     */
    public function stop(float $grace = 3.0): void
    {
        $deadline = microtime(true) + $grace;
        $this->signal(SIGINT);
        while ($this->running() && microtime(true) < $deadline) {
            usleep(20000);
        }
        $this->signal(SIGKILL);
        proc_close($this->process);
    }

    private function signal(int $signal): void
    {
        // A negative pid addresses the process group that setsid made; the plain pid is the fallback.
        if (!@posix_kill(-$this->pid, $signal)) {
            @posix_kill($this->pid, $signal);
        }
    }
}
