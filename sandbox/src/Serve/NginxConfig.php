<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

/**
 * nginx in front of php -S: TLS, HTTP/1.1 keep-alive and HTTP/2 on the public port, everything in
 * its own folder (pid, temp files, logs) so it needs no system setup and several can run at once.
 */
final class NginxConfig
{
    /** @param int $keepaliveRequests requests before nginx closes a connection (low values test reconnects) */
    public static function render(string $dir, string $listen, string $backend, array $cert, string $proxyKey,
                                  int $keepaliveRequests = 100000): string
    {
        $temp = static fn (string $name): string => "{$name}_temp_path $dir/$name;";
        $paths = implode("\n    ", array_map($temp, ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']));
        return <<<CONF
        # Written at each start by the sandbox's serve command; not meant to be edited.
        daemon off;
        master_process on;
        worker_processes 1;
        pid $dir/nginx.pid;
        error_log $dir/nginx-error.log warn;

        events {
            worker_connections 1024;
        }

        http {
            access_log off;
            $paths
            client_max_body_size 64m;
            client_body_buffer_size 1m;
            keepalive_timeout 75s;
            keepalive_requests $keepaliveRequests;

            server {
                listen $listen ssl http2;
                ssl_certificate {$cert['cert']};
                ssl_certificate_key {$cert['key']};
                ssl_protocols TLSv1.2 TLSv1.3;
                ssl_session_cache shared:sandbox:1m;
                ssl_session_timeout 1h;

                location / {
                    proxy_pass http://$backend;
                    proxy_http_version 1.1;
                    # Faults must reach the client as the backend sent them: no buffering.
                    proxy_buffering off;
                    proxy_read_timeout 660s;
                    proxy_send_timeout 660s;
                    proxy_set_header Host \$http_host;
                    proxy_set_header Connection "";
                    proxy_set_header X-Real-IP \$remote_addr;
                    proxy_set_header X-Sandbox-Connection \$connection;
                    proxy_set_header X-Sandbox-Connection-Requests \$connection_requests;
                    proxy_set_header X-Sandbox-Protocol \$server_protocol;
                    proxy_set_header X-Sandbox-Tls-Reused \$ssl_session_reused;
                    proxy_set_header X-Sandbox-Proxy-Key $proxyKey;
                    proxy_hide_header Host;
                    proxy_hide_header X-Powered-By;
                }
            }
        }

        CONF;
    }

    /**
     * The --sites listener: one TLS server whose certificate is looked up per handshake from the SNI
     * name (nginx 1.15.9+ takes variables there). A name without a file fails the handshake, as a
     * server without a certificate for it would; a name that is not a plain DNS name maps to no file.
     */
    public static function sites(string $dir, string $listen, string $sitesDir): string
    {
        $temp = static fn (string $name): string => "{$name}_temp_path $dir/sites-$name;";
        $paths = implode("\n    ", array_map($temp, ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']));
        return <<<CONF
        # Written at each start by the sandbox's serve command (--sites); not meant to be edited.
        daemon off;
        master_process on;
        worker_processes 1;
        pid $dir/nginx-sites.pid;
        error_log $dir/nginx-sites-error.log crit;

        events {
            worker_connections 1024;
        }

        http {
            access_log off;
            $paths

            map \$ssl_server_name \$sandbox_site {
                "~^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)\$" \$1;
                default "-";
            }

            server {
                listen $listen ssl;
                ssl_certificate $sitesDir/\$sandbox_site.pem;
                ssl_certificate_key $sitesDir/\$sandbox_site.pem;
                ssl_protocols TLSv1.2 TLSv1.3;

                location / {
                    default_type text/plain;
                    return 200 "RunCloud sandbox: \$ssl_server_name\\n";
                }
            }
        }

        CONF;
    }
}
