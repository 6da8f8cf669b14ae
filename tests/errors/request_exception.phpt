--TEST--
Every failure says what it is through getters: which request (method, path without the query), whether it was sent, RunCloud's own message; outcomes the client decided itself have classes of their own, never an invented status
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed(['domains' => ['a.example.com']]);
$c = $sb->client(['retries' => 0]);
$app = '/servers/' . RC_SERVER . '/webapps/' . RC_APP;
function show(Throwable $e): void {
    $line = get_class($e) . ' code=' . $e->getCode();
    if ($e instanceof RunCloud\RequestException) {
        $line .= ' ' . $e->getMethod() . ' ' . $e->getPath() . ' sent=' . var_export($e->wasSent(), true);
    }
    if ($e instanceof RunCloud\ApiException) {
        $line .= ' status=' . $e->getStatusCode() . ' api=' . json_encode($e->getApiMessage()) . ' errors=' . json_encode($e->getErrors());
    }
    if ($e instanceof RunCloud\RateLimitException) $line .= ' retryAfter=' . var_export($e->getRetryAfter(), true);
    if ($e instanceof RunCloud\DomainNotFoundException) $line .= ' domain=' . $e->getDomain();
    echo $line, ($e instanceof RunCloud\Exception ? '' : ' NOT A RunCloud\Exception'), "\n";
}
function fails(callable $fn): ?Throwable {
    try { $fn(); } catch (Throwable $e) { show($e); return $e; }
    echo "no exception\n";
    return null;
}

echo "-- RunCloud's own 404 and 422 (the sandbox's messages), through request()\n";
fails(fn() => $c->request('DELETE', "$app/domains/999999"));
fails(fn() => $c->request('POST', "$app/domains", ['name' => 'a.example.com', 'www' => false, 'redirection' => 'none', 'type' => 'alias']));
echo "-- the failed request of a listing and of a search: the path without its query\n";
$sb->fault(['path' => '/servers', 'count' => 1, 'type' => 'status', 'status' => 503, 'body' => '{"message":"Down for maintenance."}']);
fails(fn() => $c->listAll('/servers', ['search' => 'x']));
$sb->fault(['path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 500, 'body' => '<html><body>Oops</body></html>', 'content_type' => 'text/html']);
fails(fn() => $c->findDomain('b.example.com'));
echo "-- a failed add inside syncDomains: the request that failed\n";
$sb->fault(['method' => 'POST', 'path' => '/domains', 'count' => 1, 'type' => 'status', 'status' => 500, 'body' => '{"message":"Boom."}']);
$r = $c->syncDomains(['a.example.com', 'b.example.com'], ['prune' => false]);
foreach ($r->failed as $name => $e) { echo "$name: "; show($e); }
echo "-- unexpected answers: sent\n";
$sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'redirect', 'location' => 'http://127.0.0.2:9/login']);
fails(fn() => $c->ping());
$sb->fault(['path' => '/ssl/advanced', 'count' => 1, 'type' => 'status', 'status' => 200, 'body' => '<html>not json</html>']);
fails(fn() => $c->sslMode());
echo "-- transport: refused before sending, and lost after sending\n";
$gone = new RunCloud\Client(RC_TOKEN, 1, 2, ['base_url' => 'http://127.0.0.1:1/api/v3', 'retries' => 0]);
$e = fails(fn() => $gone->request('PATCH', '/servers/1/webapps/2/git/3/branch', ['branch' => 'main']));
echo 'CURLE_COULDNT_CONNECT: ', var_export($e->getCode() === 7, true), "\n";
$sb->fault(['method' => 'DELETE', 'path' => '/domains', 'count' => 1, 'type' => 'drop']);
fails(fn() => $c->request('DELETE', "$app/domains/999998"));
echo "-- basic SSL mode: refused by the client, nothing sent\n";
$sb->admin('DELETE', '/__sandbox/journal');
$e = fails(fn() => $c->installDomainSsl('a.example.com'));
var_dump($e instanceof RunCloud\RequestException);
echo implode("\n", $sb->calls()), "\n";
echo "-- a name the web app does not have\n";
$c->setSslMode(true);
$sb->admin('DELETE', '/__sandbox/journal');
fails(fn() => $c->installDomainSsl('Nowhere.Example.COM.'));
echo implode("\n", $sb->calls()), "\n";
echo "-- a Domain whose id is gone, and its name too: the 404 by id falls back to the name\n";
$d = $c->addDomain('gone.example.com');
$c->removeDomain('gone.example.com');
fails(fn() => $c->installDomainSsl($d));
echo "-- RunCloud's own 429, then a call the remembered Retry-After holds past its deadline\n";
$sb->config(['rate_limit' => 2, 'rate_window' => 50]);
$limited = $sb->client(['retries' => 0, 'timeout' => 5]);
try { $limited->ping(); $limited->ping(); $limited->ping(); echo "no 429\n"; } catch (RunCloud\RateLimitException $e) { show($e); }
$sb->admin('DELETE', '/__sandbox/journal');
$e = fails(fn() => $limited->request('POST', "$app/domains", ['name' => 'c.example.com']));
echo 'retry after: ', $e->getRetryAfter() >= 1 && $e->getRetryAfter() <= 50 ? 'the seconds still to wait' : var_export($e->getRetryAfter(), true), "\n";
echo count($sb->journal()), " requests reached RunCloud\n";
?>
--EXPECTF--
-- RunCloud's own 404 and 422 (the sandbox's messages), through request()
RunCloud\NotFoundException code=404 DELETE /servers/1/webapps/10/domains/999999 sent=true status=404 api="Domain not found." errors=[]
RunCloud\ValidationException code=422 POST /servers/1/webapps/10/domains sent=true status=422 api="The given data was invalid." errors={"name":["The name has already been taken."]}
-- the failed request of a listing and of a search: the path without its query
RunCloud\ServerException code=503 GET /servers sent=true status=503 api="Down for maintenance." errors=[]
RunCloud\ServerException code=500 GET /servers/1/webapps/10/domains sent=true status=500 api="" errors=[]
-- a failed add inside syncDomains: the request that failed
b.example.com: RunCloud\ServerException code=500 POST /servers/1/webapps/10/domains sent=true status=500 api="Boom." errors=[]
-- unexpected answers: sent
RunCloud\UnexpectedResponseException code=302 GET /ping sent=true
RunCloud\UnexpectedResponseException code=200 GET /servers/1/webapps/10/ssl/advanced sent=true
-- transport: refused before sending, and lost after sending
RunCloud\TransportException code=7 PATCH /servers/1/webapps/2/git/3/branch sent=false
CURLE_COULDNT_CONNECT: true
RunCloud\TransportException code=%d DELETE /servers/1/webapps/10/domains/999998 sent=true
-- basic SSL mode: refused by the client, nothing sent
RunCloud\SslModeException code=0
bool(false)
GET /api/v3/servers/1/webapps/10/ssl/advanced
-- a name the web app does not have
RunCloud\DomainNotFoundException code=0 domain=nowhere.example.com
GET /api/v3/servers/1/webapps/10/domains?page=1&perPage=40&search=nowhere.example.com
-- a Domain whose id is gone, and its name too: the 404 by id falls back to the name
RunCloud\DomainNotFoundException code=0 domain=gone.example.com
-- RunCloud's own 429, then a call the remembered Retry-After holds past its deadline
RunCloud\RateLimitException code=429 GET /ping sent=true status=429 api="Too Many Attempts." errors=[] retryAfter=%d
RunCloud\ThrottledException code=0 POST /servers/1/webapps/10/domains sent=false
retry after: the seconds still to wait
0 requests reached RunCloud
