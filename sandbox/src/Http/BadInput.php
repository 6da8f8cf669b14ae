<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/** Thrown with Laravel-style field errors; the front controller turns it into a 422. */
final class BadInput extends HttpException
{
    /** @param array<string,list<string>> $errors */
    public function __construct(public readonly array $errors, string $message = 'The given data was invalid.')
    {
        parent::__construct($message);
    }

    public function response(): Response
    {
        return Response::json(422, ['message' => $this->getMessage(), 'errors' => $this->errors]);
    }
}
