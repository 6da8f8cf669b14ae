<?php

declare(strict_types=1);

// No composer in this project: map RunCloudSandbox\Foo\Bar to src/Foo/Bar.php.
spl_autoload_register(static function (string $class): void {
    $prefix = 'RunCloudSandbox\\';
    if (!str_starts_with($class, $prefix)) {
        return;
    }
    $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});

date_default_timezone_set('UTC');
