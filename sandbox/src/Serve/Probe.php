<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

/**
 * Asks a port whether this very sandbox answers there (the instance id the serve command made),
 * so a port that someone else grabbed first is never announced as ours.
 */
final class Probe
{
    public static function isOurs(string $scheme, string $host, int $port, string $adminSecret, string $instance): bool
    {
        $context = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);
        $transport = $scheme === 'https' ? 'ssl' : 'tcp';
        $authority = Server::hostPort($host, $port);
        $socket = @stream_socket_client("$transport://$authority", $errno, $error, 1.0, STREAM_CLIENT_CONNECT, $context);
        if ($socket === false) {
            return false;
        }
        stream_set_timeout($socket, 2);
        fwrite($socket, "GET /__sandbox/health HTTP/1.0\r\nHost: $authority\r\nX-Sandbox-Admin: $adminSecret\r\nConnection: close\r\n\r\n");
        $reply = (string) stream_get_contents($socket);
        fclose($socket);
        $body = json_decode(substr($reply, (int) strpos($reply, "\r\n\r\n") + 4), true);
        return is_array($body) && ($body['instance'] ?? null) === $instance;
    }
}
