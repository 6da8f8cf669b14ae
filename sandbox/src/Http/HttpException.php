<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

use RuntimeException;

/** An error that already knows the answer it becomes; handlers throw it, the kernel sends it. */
abstract class HttpException extends RuntimeException
{
    abstract public function response(): Response;
}
