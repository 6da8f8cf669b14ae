--TEST--
listAll(), listServers() and listWebApps() take each id once whatever its type (integer, float, big integer, string), so a page of ids seen already ends the walk; items without a comparable id are kept
--EXTENSIONS--
runcloud
--SKIPIF--
<?php if (!extension_loaded('runcloud')) die('skip runcloud extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sb = (new Sandbox())->seed();
$c = $sb->client();
// The same page every time, announcing $pages pages: a listing that repeats itself.
$repeat = function (string $path, array $ids, int $pages = 200) use ($sb) {
    $items = array_map(fn($id) => ['id' => $id, 'name' => 'n'], $ids);
    $body = json_encode(['data' => $items, 'meta' => ['pagination' => ['current_page' => 1, 'total_pages' => $pages]]]);
    $sb->fault(['path' => $path, 'count' => 200, 'type' => 'status', 'status' => 200, 'body' => $body]);
    $sb->admin('DELETE', '/__sandbox/journal');
};
$show = function (array $items) use ($sb) {
    $ids = array_map(fn($i) => is_array($i) && array_key_exists('id', $i) ? str_replace("\n", '', var_export($i['id'], true)) : 'none', $items);
    $first = array_slice(array_unique($ids), 0, 8);
    echo count($items), ' items after ', count($sb->journal()), ' requests: ', implode(' ', $first), count($ids) > count($first) ? ' ...' : '', "\n";
};
$floats = array_map(fn($n) => $n + 0.5, range(1, 40));
$repeat('/probe/float', $floats);
$show($c->listAll('/probe/float'));
// Integers past PHP's range come as strings (no digit lost), each its own id.
$sb->fault(['path' => '/probe/big', 'count' => 200, 'type' => 'status', 'status' => 200,
    'body' => '{"data":[{"id":9223372036854775809},{"id":9223372036854775810},{"id":18446744073709551616}],"meta":{"pagination":{"total_pages":200}}}']);
$sb->admin('DELETE', '/__sandbox/journal');
$big = $c->listAll('/probe/big');
$show($big);
var_dump($big[0]['id']);
$repeat('/probe/strings', array_map(fn($n) => "id-$n", range(1, 40)));
$show($c->listAll('/probe/strings'));
echo "-- an integer and its decimal string are one id; \"07\" and 7.0 are others; 0 is an id like any\n";
$sb->fault(['path' => '/probe/mixed', 'count' => 3, 'type' => 'status', 'status' => 200,
    'body' => '{"data":[{"id":7},{"id":"7"},{"id":"07"},{"id":7.0},{"id":0},{"id":0},{"id":""},{"id":""}],"meta":{"pagination":{"total_pages":3}}}']);
$sb->admin('DELETE', '/__sandbox/journal');
$show($c->listAll('/probe/mixed'));
echo "-- no id, null, a boolean or an array: kept wherever they come (the walk follows the pages)\n";
$sb->fault(['path' => '/probe/none', 'count' => 3, 'type' => 'status', 'status' => 200,
    'body' => '{"data":[{"name":"a"},{"id":null},{"id":true},{"id":{"x":1}},"text"],"meta":{"pagination":{"total_pages":3}}}']);
$sb->admin('DELETE', '/__sandbox/journal');
$show($c->listAll('/probe/none'));
echo "-- listWebApps() and listServers() the same\n";
$repeat('/webapps', array_map(fn($n) => "app-$n", range(1, 40)));
$show($c->listWebApps());
$repeat('/servers', array_map(fn($n) => 9223372036854775807 - $n, range(1, 40)));
$show(array_slice($c->listServers(), 0, 2));
echo count($sb->journal()), " requests\n";
?>
--EXPECT--
40 items after 9 requests: 1.5 2.5 3.5 4.5 5.5 6.5 7.5 8.5 ...
3 items after 9 requests: '9223372036854775809' '9223372036854775810' '18446744073709551616'
string(19) "9223372036854775809"
40 items after 9 requests: 'id-1' 'id-2' 'id-3' 'id-4' 'id-5' 'id-6' 'id-7' 'id-8' ...
-- an integer and its decimal string are one id; "07" and 7.0 are others; 0 is an id like any
5 items after 3 requests: 7 '07' 7.0 0 ''
-- no id, null, a boolean or an array: kept wherever they come (the walk follows the pages)
15 items after 3 requests: none NULL true array (  'x' => 1,) ...
-- listWebApps() and listServers() the same
40 items after 9 requests: 'app-1' 'app-2' 'app-3' 'app-4' 'app-5' 'app-6' 'app-7' 'app-8' ...
2 items after 9 requests: 9223372036854775806 9223372036854775805
9 requests
