<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/** An answer; $cutAt makes it a broken one (headers promise the whole body, fewer bytes are sent). */
final class Response
{
    public const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE;

    /** @var array<string,string> */
    public array $headers;

    /** Bytes of the body actually sent before the connection is closed; null sends it all. */
    public ?int $cutAt = null;

    public function __construct(public int $status, public string $body = '', array $headers = [])
    {
        $this->headers = $headers;
    }

    public static function json(int $status, mixed $data, array $headers = []): self
    {
        return new self($status, json_encode($data, self::JSON_FLAGS | JSON_THROW_ON_ERROR), $headers + [
            'Content-Type' => 'application/json',
            'Cache-Control' => 'no-cache, private',
        ]);
    }

    public static function message(int $status, string $message, array $headers = []): self
    {
        return self::json($status, ['message' => $message], $headers);
    }

    /** Laravel's validation answer: a fixed message and the errors by field. */
    public static function invalid(array $errors): self
    {
        return self::json(422, ['message' => 'The given data was invalid.', 'errors' => $errors]);
    }

    public static function emptyObject(): self
    {
        return self::json(200, new \stdClass());
    }

    public function withHeaders(array $headers): self
    {
        $this->headers = $headers + $this->headers;
        return $this;
    }

    /** Sends the answer through php -S; a cut answer then ends, and php -S closes the connection. */
    public function emit(bool $withBody): void
    {
        http_response_code($this->status);
        header_remove('X-Powered-By');
        foreach ($this->headers as $name => $value) {
            header($name . ': ' . $value);
        }
        header('Content-Length: ' . strlen($this->body));
        if ($this->cutAt !== null) {
            echo substr($this->body, 0, $this->cutAt);
            flush();
            return;
        }
        if ($withBody) {
            echo $this->body;
        }
    }
}
