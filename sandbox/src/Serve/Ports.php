<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

/** Free loopback ports, asked of the kernel by binding port 0. */
final class Ports
{
    public static function free(string $host): int
    {
        $server = @stream_socket_server('tcp://' . Server::hostPort($host, 0), $errno, $error);
        if ($server === false) {
            throw new \RuntimeException("cannot bind $host: $error");
        }
        $name = (string) stream_socket_get_name($server, false);
        fclose($server);
        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
