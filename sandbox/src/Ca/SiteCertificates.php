<?php

declare(strict_types=1);

namespace RunCloudSandbox\Ca;

use RunCloudSandbox\Clock;
use RunCloudSandbox\Store;
use RuntimeException;

/**
 * The web apps' names as a TLS client meets them (serve --sites): for each name, the file nginx
 * presents for it by SNI, written from the model after every change. A name covered by a trusted,
 * unexpired certificate the web app serves in its mode gets a certificate for that name signed by
 * the sandbox's CA, valid for as long as the model's certificate still runs; a name whose served
 * certificate has expired gets one that has already expired; any other name (no certificate, a
 * staging one, a bare CSR, a domain that is gone) has no file, and its handshake fails.
 *
 * Certificates are real X.509, so a client that verifies the peer (with the CA in its trust store)
 * passes or fails for real. One key serves every name (a sandbox needs no key per site).
 */
final class SiteCertificates
{
    private const MANIFEST = 'manifest.json';

    /** Brings the folder in line with the model. Serialised by a lock: php -S workers run side by side. */
    public static function sync(Store $store, string $dir): void
    {
        $lock = fopen("$dir/.lock", 'c');
        if ($lock === false || !flock($lock, LOCK_EX)) {
            throw new RuntimeException("cannot lock $dir");
        }
        try {
            $now = Clock::now();
            $want = self::served($store, $now);
            foreach ($want as &$version) {
                // What the file holds: its days from now change when the clock moves, and so must it.
                $version['days'] = $version['expired'] ? 0 : max(1, (int) ceil(($version['until'] - $now) / 86400));
            }
            unset($version);
            $had = json_decode((string) @file_get_contents("$dir/" . self::MANIFEST), true);
            $had = is_array($had) ? $had : [];
            foreach ($want as $name => $version) {
                if (($had[$name] ?? null) !== $version) {
                    self::write($dir, $name, $version['days']);
                }
            }
            foreach (array_diff_key($had, $want) as $name => $_) {
                @unlink(self::file($dir, $name));
            }
            self::replace("$dir/" . self::MANIFEST, (string) json_encode($want));
        } finally {
            flock($lock, LOCK_UN);
            fclose($lock);
        }
    }

    /** What the TLS listener presents for $name (for tests and the state view): valid, expired or none. */
    public static function state(string $dir, string $name): string
    {
        $manifest = json_decode((string) @file_get_contents("$dir/" . self::MANIFEST), true);
        $entry = is_array($manifest) ? ($manifest[$name] ?? null) : null;
        return $entry === null ? 'none' : ($entry['expired'] ? 'expired' : 'valid');
    }

    /**
     * Names each web app serves a certificate for, in its current mode: name => the certificate's id,
     * its end and whether it has expired (a valid one wins when two certificates carry the name).
     * Wildcard names are left out: SNI never asks for "*.".
     * @return array<string,array{cert:int,until:int,expired:bool}>
     */
    public static function served(Store $store, int $now): array
    {
        $out = [];
        $rows = $store->all(
            'SELECT c.* FROM certificates c JOIN webapps w ON w.id = c.webapp_id
             WHERE (w.advanced_ssl = 1 AND c.domain_id IS NOT NULL) OR (w.advanced_ssl = 0 AND c.domain_id IS NULL)
             ORDER BY c.id',
        );
        foreach ($rows as $cert) {
            if ($cert['method'] === 'csr' || (int) $cert['staging'] === 1 || $cert['valid_until'] === null) {
                continue;
            }
            $until = (int) strtotime($cert['valid_until'] . ' UTC');
            $version = ['cert' => (int) $cert['id'], 'until' => $until, 'expired' => $until <= $now];
            foreach (json_decode($cert['names'], true) as $name) {
                if (!is_string($name) || str_starts_with($name, '*.') || !self::isName($name)) {
                    continue;
                }
                if (!isset($out[$name]) || $out[$name]['expired']) {
                    $out[$name] = $version;
                }
            }
        }
        ksort($out);
        return $out;
    }

    /** Makes the CA-signed files a --sites listener needs besides the CA: the one key and the config. */
    public static function prepare(string $dir, string $caCert, string $caKey): void
    {
        $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
        if ($key === false || !openssl_pkey_export($key, $pem)) {
            throw new RuntimeException('cannot make the sites key: ' . openssl_error_string());
        }
        file_put_contents("$dir/site.key", $pem);
        chmod("$dir/site.key", 0600);
        // subjectAltName comes from the environment, so one config serves every name.
        file_put_contents("$dir/openssl.cnf", "[req]\ndistinguished_name = dn\n[dn]\n[leaf]\n"
            . "subjectAltName = \${ENV::SANDBOX_SITE_SAN}\nbasicConstraints = critical,CA:FALSE\n"
            . "keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n");
        copy($caCert, "$dir/ca.pem");
        copy($caKey, "$dir/ca.key");
        chmod("$dir/ca.key", 0600);
    }

    /** The file nginx reads for $name (cert then key). */
    public static function file(string $dir, string $name): string
    {
        return "$dir/$name.pem";
    }

    /** Names nginx may look up: lower-case DNS names, nothing that could leave the folder. */
    public static function isName(string $name): bool
    {
        return preg_match('/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/', $name) === 1;
    }

    private static function write(string $dir, string $name, int $days): void
    {
        $config = ['digest_alg' => 'sha256', 'config' => "$dir/openssl.cnf", 'x509_extensions' => 'leaf'];
        $key = openssl_pkey_get_private('file://' . "$dir/site.key");
        $caKey = openssl_pkey_get_private('file://' . "$dir/ca.key");
        $ca = openssl_x509_read('file://' . "$dir/ca.pem");
        putenv('SANDBOX_SITE_SAN=DNS:' . $name);
        $csr = $key === false ? false : openssl_csr_new(['commonName' => $name], $key, $config);
        // 0 days: the certificate ends the moment it is made, so it has expired for every later check.
        $cert = $csr === false || $ca === false || $caKey === false ? false
            : openssl_csr_sign($csr, $ca, $caKey, $days, $config, random_int(1, PHP_INT_MAX));
        if ($cert === false || !openssl_x509_export($cert, $certPem) || !openssl_pkey_export($key, $keyPem)) {
            throw new RuntimeException("cannot make the certificate of $name: " . openssl_error_string());
        }
        self::replace(self::file($dir, $name), $certPem . $keyPem);
    }

    /** Written whole or not at all: nginx may read the file at any handshake. */
    private static function replace(string $file, string $content): void
    {
        $tmp = $file . '.' . bin2hex(random_bytes(4)) . '.tmp';
        file_put_contents($tmp, $content);
        chmod($tmp, 0644);
        rename($tmp, $file);
    }
}
