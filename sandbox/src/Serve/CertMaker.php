<?php

declare(strict_types=1);

namespace RunCloudSandbox\Serve;

/**
 * Makes, with the openssl command, a throw-away CA and a server certificate signed by it, so clients
 * can verify TLS for real (--cacert) instead of switching verification off.
 */
final class CertMaker
{
    private const DAYS = '30';

    /**
     * @param list<string> $names DNS names and IP addresses the certificate is for
     * @return array{ca:string,cert:string,key:string}
     */
    public static function make(string $dir, array $names): array
    {
        $openssl = Executables::find('openssl') ?? throw new \RuntimeException('openssl not found: install the openssl package.');
        $files = ['ca' => "$dir/ca.pem", 'ca_key' => "$dir/ca.key", 'cert' => "$dir/server.pem", 'key' => "$dir/server.key"];
        $curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
        Executables::run([$openssl, 'req', '-x509', ...$curve, '-keyout', $files['ca_key'], '-out', $files['ca'], '-days', self::DAYS,
            '-subj', '/CN=RunCloud Sandbox Local CA',
            '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
        Executables::run([$openssl, 'req', '-new', ...$curve, '-keyout', $files['key'], '-out', "$dir/server.csr", '-subj', '/CN=' . $names[0]]);
        file_put_contents("$dir/server.ext", implode("\n", [
            'subjectAltName=' . implode(',', array_map([self::class, 'altName'], $names)),
            'basicConstraints=critical,CA:FALSE',
            'keyUsage=critical,digitalSignature',
            'extendedKeyUsage=serverAuth',
        ]) . "\n");
        Executables::run([$openssl, 'x509', '-req', '-in', "$dir/server.csr", '-CA', $files['ca'], '-CAkey', $files['ca_key'],
            '-CAcreateserial', '-out', $files['cert'], '-days', self::DAYS, '-extfile', "$dir/server.ext"]);
        chmod($files['ca_key'], 0600);
        chmod($files['key'], 0600);
        return ['ca' => $files['ca'], 'cert' => $files['cert'], 'key' => $files['key']];
    }

    private static function altName(string $name): string
    {
        return (filter_var($name, FILTER_VALIDATE_IP) !== false ? 'IP:' : 'DNS:') . $name;
    }
}
