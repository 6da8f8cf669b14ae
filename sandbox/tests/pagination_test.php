<?php

declare(strict_types=1);

// The list envelope: page, perPage (default 20, max 40), links, search, and a 10,000-domain web app.
require __DIR__ . '/lib/harness.php';

$sb = Sandbox::start(['--seed=demo']);
$seeded = $sb->adminOk('POST', '/seed', [
    'config' => ['rate_limit' => 100000],
    'servers' => [['id' => 1, 'webapps' => [
        ['id' => 5, 'name' => 'empty'],
        ['id' => 6, 'name' => 'forty', 'primary' => 'forty.test', 'bulk' => ['count' => 39, 'pattern' => 'n%d.forty.test']],
        ['id' => 9, 'name' => 'odd', 'primary' => 'odd.test', 'domains' => ['axb.odd.test', 'Mixed.ODD.test']],
    ]]],
]);

function page(Sandbox $sb, int $app, string $query): array
{
    $reply = $sb->api('GET', "/servers/1/webapps/$app/domains$query");
    status(200, $reply, $query);
    return $reply->json();
}

test('an empty web app lists no data, one page and empty links {}', function () use ($sb) {
    $reply = $sb->api('GET', '/servers/1/webapps/5/domains');
    $json = $reply->json();
    same([], $json['data']);
    same(['total' => 0, 'count' => 0, 'per_page' => 20, 'current_page' => 1, 'total_pages' => 1, 'links' => []], $json['meta']['pagination']);
    check(str_contains($reply->body, '"links":{}'), 'links is an object, not a list: ' . $reply->body);
});

test('default perPage is 20: 40 domains make exactly two full pages', function () use ($sb) {
    $first = page($sb, 6, '');
    same(['total' => 40, 'count' => 20, 'per_page' => 20, 'current_page' => 1, 'total_pages' => 2],
        array_diff_key($first['meta']['pagination'], ['links' => 0]));
    same(['next' => $sb->url('/api/v3/servers/1/webapps/6/domains?page=2&perPage=20')], $first['meta']['pagination']['links']);
    $second = page($sb, 6, '?page=2');
    same(20, $second['meta']['pagination']['count']);
    same(['previous' => $sb->url('/api/v3/servers/1/webapps/6/domains?page=1&perPage=20')], $second['meta']['pagination']['links']);
    same([], array_intersect(array_column($first['data'], 'id'), array_column($second['data'], 'id')), 'pages do not overlap');
});

test('perPage=40 fits 40 domains on one page with no links', function () use ($sb) {
    $json = page($sb, 6, '?perPage=40');
    same([40, 40, 1], [$json['meta']['pagination']['count'], $json['meta']['pagination']['per_page'], $json['meta']['pagination']['total_pages']]);
    same([], $json['meta']['pagination']['links']);
});

test('perPage above 40 is clamped to 40', function () use ($sb) {
    foreach (['41', '100', '100000'] as $n) {
        $json = page($sb, 1, "?perPage=$n");
        same(40, $json['meta']['pagination']['per_page'], "perPage=$n");
    }
    same(40, count(page($sb, 6, '?perPage=1000')['data']));
});

test('invalid page and perPage fall back to 1 and 20', function () use ($sb) {
    foreach (['?page=0', '?page=-2', '?page=abc', '?perPage=0', '?perPage=-1', '?perPage=x', '?page=&perPage='] as $q) {
        $p = page($sb, 6, $q)['meta']['pagination'];
        same([1, 20], [$p['current_page'], $p['per_page']], $q);
    }
});

test('a page past the end has data [] and keeps the totals', function () use ($sb) {
    $json = page($sb, 6, '?page=3');
    same([], $json['data']);
    same(['total' => 40, 'count' => 0, 'per_page' => 20, 'current_page' => 3, 'total_pages' => 2],
        array_diff_key($json['meta']['pagination'], ['links' => 0]));
    check(!isset($json['meta']['pagination']['links']['next']), 'no next past the end');
});

test('an uneven split: perPage=7 over 40 gives 6 pages, the last with 5', function () use ($sb) {
    $last = page($sb, 6, '?perPage=7&page=6')['meta']['pagination'];
    same([6, 5], [$last['total_pages'], $last['count']]);
});

test('following next links walks every domain once, in id order', function () use ($sb) {
    $url = $sb->url('/api/v3/servers/1/webapps/6/domains?perPage=9');
    $ids = [];
    for ($guard = 0; $url !== null && $guard < 10; $guard++) {
        $json = http('GET', $url, ['Authorization: Bearer demo-token'])->json();
        $ids = array_merge($ids, array_column($json['data'], 'id'));
        $url = $json['meta']['pagination']['links']['next'] ?? null;
    }
    same(40, count($ids));
    $sorted = $ids;
    sort($sorted);
    same($sorted, $ids);
    same(40, count(array_unique($ids)));
});

test('search is a case-insensitive substring of the name, and links keep it', function () use ($sb) {
    same(['mixed.odd.test'], array_column(page($sb, 9, '?search=MIXED')['data'], 'name'));
    same(11, page($sb, 6, '?search=N1')['meta']['pagination']['total'], 'n1 and n10..n19');
    $json = page($sb, 6, '?search=forty&perPage=5');
    same(40, $json['meta']['pagination']['total']);
    same($sb->url('/api/v3/servers/1/webapps/6/domains?page=2&perPage=5&search=forty'), $json['meta']['pagination']['links']['next']);
    same(0, page($sb, 6, '?search=nomatch')['meta']['pagination']['total']);
});

test('search treats % and _ literally (they would match everything in SQL LIKE)', function () use ($sb) {
    same(['axb.odd.test'], array_column(page($sb, 9, '?search=axb')['data'], 'name'));
    foreach (['a_b', '%', '_', 'a%b'] as $term) {
        same(0, page($sb, 9, '?search=' . rawurlencode($term))['meta']['pagination']['total'], $term);
    }
});

test('10,000 domains seed in a few seconds and list fast, with and without search', function () use ($sb) {
    $started = microtime(true);
    $result = $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [
        ['id' => 8, 'name' => 'big', 'primary' => 'big.test', 'bulk' => ['count' => 10000, 'pattern' => 'site-%d.big.test']],
    ]]]]);
    $seconds = microtime(true) - $started;
    same(10001, $result['domains']);
    check($seconds < 5, "seeding took {$seconds}s");
    $started = microtime(true);
    $hit = page($sb, 8, '?search=site-9999.');
    $middle = page($sb, 8, '?page=250&perPage=40');
    $elapsed = microtime(true) - $started;
    same(['site-9999.big.test'], array_column($hit['data'], 'name'));
    same([10001, 251, 40], [$middle['meta']['pagination']['total'], $middle['meta']['pagination']['total_pages'], $middle['meta']['pagination']['count']]);
    check($elapsed < 2.0, "two lists took {$elapsed}s");
});

test('seeding the same bulk again adds nothing', function () use ($sb) {
    $result = $sb->adminOk('POST', '/seed', ['servers' => [['id' => 1, 'webapps' => [
        ['id' => 8, 'bulk' => ['count' => 100, 'pattern' => 'site-%d.big.test']],
    ]]]]);
    same(0, $result['domains']);
});

run_tests('pagination');
