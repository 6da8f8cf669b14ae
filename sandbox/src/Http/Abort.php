<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/** Ends a request with a ready-made answer, e.g. 422 {"message":"DNS of ... does not point ..."}. */
final class Abort extends HttpException
{
    public function __construct(private readonly Response $answer)
    {
        parent::__construct('HTTP ' . $answer->status);
    }

    public static function message(int $status, string $message): self
    {
        return new self(Response::message($status, $message));
    }

    public function response(): Response
    {
        return $this->answer;
    }
}
