<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/** A resource in the path does not exist (or is not under its parent): 404 with a message. */
final class NotFound extends HttpException
{
    public function response(): Response
    {
        return Response::message(404, $this->getMessage());
    }
}
