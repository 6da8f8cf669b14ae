<?php

declare(strict_types=1);

namespace RunCloudSandbox;

/** A command line the sandbox cannot act on; the CLI prints it with the usage text. */
final class UsageError extends \RuntimeException
{
}
