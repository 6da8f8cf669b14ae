<?php

declare(strict_types=1);

namespace RunCloudSandbox\Api;

use RunCloudSandbox\Auth;
use RunCloudSandbox\Faults;
use RunCloudSandbox\Http\Input;
use RunCloudSandbox\Http\Request;
use RunCloudSandbox\Store;

/** What an API handler may use, and the faults it used up (for the journal). */
final class Context
{
    /** @var list<string> */
    public array $faults = [];

    private ?Input $input = null;

    public function __construct(
        public readonly Store $store,
        public readonly Request $request,
        public readonly array $config,
        public readonly string $version,
        public readonly Auth $auth,
    ) {
    }

    /** The parsed body; a body that is not JSON becomes a 422 here. */
    public function input(): Input
    {
        return $this->input ??= Input::fromRequest($this->request);
    }

    /** Uses up a pending semantic fault of $type matching this request, if one is queued. */
    public function fault(string $type): ?array
    {
        $fault = Faults::take($this->store, $this->request, [$type]);
        if ($fault !== null) {
            $this->faults[] = $type;
        }
        return $fault;
    }
}
