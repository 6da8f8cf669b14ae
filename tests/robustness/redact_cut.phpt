--TEST--
Issue 10 cases 7 and 15: credentials are redacted before messages are cut or stripped, as whole values, percent-encoded or JSON-escaped, in getErrors() keys too; a short credential mangles nothing
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$leaks = function (string $text, string $secret): bool {
    for ($i = 0; $i + 6 <= strlen($secret); $i++) if (str_contains($text, substr($secret, $i, 6))) return true;
    return false;
};
$check = function (string $token, string $body, int $status = 400) use ($sb, $leaks) {
    $log = '';
    // Faults are answered before the credential is checked: any token reaches them.
    $c = new RunCloud\Client($token, RC_SERVER, RC_APP, ['base_url' => $sb->url(), 'retries' => 0,
        'logger' => function ($l, $m, $ctx) use (&$log) { $log .= $m . json_encode($ctx); }]);
    $sb->fault(['path' => '/ping', 'count' => 1, 'type' => 'status', 'status' => $status, 'body' => $body]);
    try { $c->ping(); } catch (RunCloud\ApiException $e) {
        $all = $e->getMessage() . json_encode($e->getErrors()) . $log . print_r($e->getErrors(), true);
        echo $leaks($all, $token) ? 'LEAK: ' . $all : 'no fragment of the credential', "\n";
        return $e;
    }
};
// 190 characters of padding, then the token: the excerpt is cut after the redaction, never through it.
$check(RC_TOKEN, '<html><body>' . str_repeat('p', 190) . RC_TOKEN . '</body></html>');
// A token with < and >: the tag stripper never sees it.
$check('abc<def>ghi-5f2a9c', '<p>echo: abc<def>ghi-5f2a9c</p>');
// Percent-encoded and JSON-escaped echoes.
$check('7|Vq3xZ/9kPw2mL8rT', '<p>GET /x?token=7%7CVq3xZ%2F9kPw2mL8rT and 7%7cVq3xZ%2f9kPw2mL8rT</p>');
$check('7|Vq3xZ/9kPw2mL8rT', '{"message":"bad token 7|Vq3xZ\/9kPw2mL8rT"}');
// As a key of RunCloud's field errors.
$e = $check(RC_TOKEN, json_encode(['message' => 'The given data was invalid.', 'errors' => [RC_TOKEN => ['bad'], 'name' => [RC_TOKEN]]]), 422);
echo json_encode(array_keys($e->getErrors())), "\n";
// A one-character credential: nothing is redacted by substring, so messages stay readable.
$e = $check('t', '{"message":"Couldn\'t connect to the database"}', 500);
echo $e->getMessage(), "\n";
?>
--EXPECT--
no fragment of the credential
no fragment of the credential
no fragment of the credential
no fragment of the credential
no fragment of the credential
["[redacted]","name"]
no fragment of the credential
RunCloud API GET /ping failed with HTTP 500: Couldn't connect to the database
