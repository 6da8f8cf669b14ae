<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/**
 * A request body read as fields, with the handful of Laravel validation rules the API needs.
 * Rules record errors instead of throwing, so one answer lists every bad field, as Laravel does.
 */
final class Input
{
    /** @var array<string,list<string>> */
    private array $errors = [];

    /** @param array<string,mixed> $data */
    public function __construct(private readonly array $data)
    {
    }

    /** JSON (what clients send) or a form body (which v2 also took); anything else is a 422. */
    public static function fromRequest(Request $request): self
    {
        return new self(self::decode($request->rawBody, (string) $request->header('content-type')));
    }

    /** @return array<string,mixed> */
    public static function decode(string $raw, string $contentType): array
    {
        if (trim($raw) === '') {
            return [];
        }
        if (str_starts_with(strtolower($contentType), 'application/x-www-form-urlencoded')) {
            parse_str($raw, $fields);
            return $fields;
        }
        $data = json_decode($raw, true);
        $isObject = is_array($data) && ($data === [] || !array_is_list($data));
        if (json_last_error() !== JSON_ERROR_NONE || !$isObject) {
            throw new BadInput(['body' => ['The request body must be a JSON object.']]);
        }
        return $data;
    }

    public function has(string $key): bool
    {
        return array_key_exists($key, $this->data) && $this->data[$key] !== null;
    }

    public function raw(string $key): mixed
    {
        return $this->data[$key] ?? null;
    }

    public function string(string $key, bool $required = false): ?string
    {
        if (!$this->has($key)) {
            return $this->missing($key, $required);
        }
        $value = $this->data[$key];
        if (!is_string($value) || trim($value) === '') {
            return $this->fail($key, is_string($value) ? "The $key field is required." : "The $key must be a string.");
        }
        return trim($value);
    }

    /** Laravel's "boolean" rule: true, false, 1, 0, "1", "0" (and "true"/"false" from forms). */
    public function bool(string $key, ?bool $default = null, bool $required = false): ?bool
    {
        if (!$this->has($key)) {
            return $required ? $this->missing($key, true) : $default;
        }
        $value = $this->data[$key];
        $map = ['1' => true, '0' => false, 'true' => true, 'false' => false];
        $text = is_bool($value) ? ($value ? '1' : '0') : (is_scalar($value) ? strtolower((string) $value) : '');
        if (!array_key_exists($text, $map)) {
            return $this->fail($key, "The $key field must be true or false.");
        }
        return $map[$text];
    }

    /** @param list<string> $allowed */
    public function choice(string $key, array $allowed, ?string $default = null, bool $required = false): ?string
    {
        if (!$this->has($key)) {
            return $required ? $this->missing($key, true) : $default;
        }
        $value = $this->data[$key];
        if (!is_string($value) || !in_array($value, $allowed, true)) {
            return $this->fail($key, "The selected $key is invalid.");
        }
        return $value;
    }

    public function integer(string $key, bool $required = false): ?int
    {
        if (!$this->has($key)) {
            return $this->missing($key, $required);
        }
        $value = $this->data[$key];
        if (is_int($value) || (is_string($value) && preg_match('/^-?[0-9]+$/', $value))) {
            return (int) $value;
        }
        return $this->fail($key, "The $key must be an integer.");
    }

    public function fail(string $key, string $message): null
    {
        $this->errors[$key][] = $message;
        return null;
    }

    /** Throws the collected errors, if any. */
    public function check(): void
    {
        if ($this->errors !== []) {
            throw new BadInput($this->errors);
        }
    }

    private function missing(string $key, bool $required): null
    {
        return $required ? $this->fail($key, "The $key field is required.") : null;
    }
}
