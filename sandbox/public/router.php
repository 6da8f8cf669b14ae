<?php

declare(strict_types=1);

// Front controller for php -S: every request, whatever its path, is answered by the sandbox.
require dirname(__DIR__) . '/src/autoload.php';

RunCloudSandbox\App::run();
