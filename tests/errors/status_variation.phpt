--TEST--
Every non-2xx answer becomes the exception for its status, with JSON, HTML and empty bodies
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client(['retries' => 0]);
$bodies = [
    'json' => ['{"message":"Nope.","errors":{"name":["The name has already been taken.","Second."],"www":"Bad."}}', 'application/json'],
    'html' => ["<html><head><title>x</title></head><body>\n<h1>Bad   Gateway</h1><p>nginx</p></body></html>", 'text/html'],
    'empty' => ['', 'text/plain'],
];
foreach ([400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503] as $status) {
    foreach ($bodies as $kind => [$body, $type]) {
        $sb->fault(['path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => $status, 'body' => $body,
                    'content_type' => $type, 'headers' => $status === 429 ? ['Retry-After' => '7'] : []]);
        try {
            $c->listDomains();
            echo "$status $kind: no exception\n";
        } catch (RunCloud\ApiException $e) {
            echo "$status $kind: ", get_class($e), ' ', $e->getCode(), '=', $e->getStatusCode(), ' ', $e->getMessage(),
                 $kind === 'json' ? ' ' . json_encode($e->getErrors()) : '',
                 $e instanceof RunCloud\RateLimitException ? ' retry-after=' . var_export($e->getRetryAfter(), true) : '', "\n";
        }
    }
}
?>
--EXPECT--
400 json: RunCloud\ServerException 400=400 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 400: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
400 html: RunCloud\ServerException 400=400 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 400: x Bad Gateway nginx
400 empty: RunCloud\ServerException 400=400 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 400: (empty answer)
401 json: RunCloud\AuthenticationException 401=401 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 401: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
401 html: RunCloud\AuthenticationException 401=401 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 401: x Bad Gateway nginx
401 empty: RunCloud\AuthenticationException 401=401 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 401: (empty answer)
403 json: RunCloud\AuthenticationException 403=403 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 403: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
403 html: RunCloud\AuthenticationException 403=403 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 403: x Bad Gateway nginx
403 empty: RunCloud\AuthenticationException 403=403 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 403: (empty answer)
404 json: RunCloud\NotFoundException 404=404 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 404: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
404 html: RunCloud\NotFoundException 404=404 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 404: x Bad Gateway nginx
404 empty: RunCloud\NotFoundException 404=404 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 404: (empty answer)
409 json: RunCloud\ServerException 409=409 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 409: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
409 html: RunCloud\ServerException 409=409 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 409: x Bad Gateway nginx
409 empty: RunCloud\ServerException 409=409 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 409: (empty answer)
418 json: RunCloud\ServerException 418=418 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 418: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
418 html: RunCloud\ServerException 418=418 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 418: x Bad Gateway nginx
418 empty: RunCloud\ServerException 418=418 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 418: (empty answer)
422 json: RunCloud\ValidationException 422=422 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 422: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
422 html: RunCloud\ValidationException 422=422 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 422: x Bad Gateway nginx
422 empty: RunCloud\ValidationException 422=422 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 422: (empty answer)
429 json: RunCloud\RateLimitException 429=429 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 429: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]} retry-after=7
429 html: RunCloud\RateLimitException 429=429 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 429: x Bad Gateway nginx retry-after=7
429 empty: RunCloud\RateLimitException 429=429 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 429: (empty answer) retry-after=7
500 json: RunCloud\ServerException 500=500 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 500: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
500 html: RunCloud\ServerException 500=500 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 500: x Bad Gateway nginx
500 empty: RunCloud\ServerException 500=500 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 500: (empty answer)
502 json: RunCloud\ServerException 502=502 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 502: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
502 html: RunCloud\ServerException 502=502 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 502: x Bad Gateway nginx
502 empty: RunCloud\ServerException 502=502 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 502: (empty answer)
503 json: RunCloud\ServerException 503=503 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 503: Nope. (name: The name has already been taken.) {"name":["The name has already been taken.","Second."],"www":["Bad."]}
503 html: RunCloud\ServerException 503=503 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 503: x Bad Gateway nginx
503 empty: RunCloud\ServerException 503=503 RunCloud API GET /servers/1/webapps/10/domains?page=1&perPage=40 failed with HTTP 503: (empty answer)
