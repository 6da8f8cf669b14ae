<?php
// The extension: RunCloud\Client (load it with -d extension=PATH/runcloud.so).
// Besides the two flows it runs the bulk flows that only it has (against the sandbox):
//   onebyone  addDomain() for each of --n names, one after another
//   bulk      addDomains() of --n names in one call (concurrent adds)
//   sync      syncDomains() to --n names in one call
// For bulk and sync, --n is the number of names and the call is made once (no warm-up).

declare(strict_types=1);

require_once __DIR__ . '/common.php';

function bench_ext_client(array $opt): RunCloud\Client
{
    $options = ['base_url' => $opt['base'], 'user_agent' => 'runcloud-bench'];
    if ($opt['ca'] !== '') {
        $options['ca_info'] = $opt['ca'];
    }
    if (isset($opt['concurrency'])) {
        $options['concurrency'] = (int) $opt['concurrency'];
    }
    return new RunCloud\Client($opt['token'], 1, 1, $options);
}

if (bench_is_main(__FILE__)) {
    try {
        if (!class_exists(RunCloud\Client::class)) {
            throw new RuntimeException('the runcloud extension is not loaded');
        }
        $opt = bench_options($argv);
        $client = bench_ext_client($opt);
        $n = max(1, (int) $opt['n']);
        $names = static fn (int $from, int $count) => array_map(
            static fn (int $i) => bench_name($opt['name'], $i), range($from, $from + $count - 1));
        switch ($opt['flow']) {
            case 'add':
                $one = static function (int $i) use ($client, $opt): void {
                    $client->addDomain(bench_name($opt['name'], $i));
                    if (!$client->redeploySsl()) {
                        throw new RuntimeException('redeploySsl found no certificate');
                    }
                };
                break;
            case 'remove':
                $one = static function (int $i) use ($client, $opt): void {
                    if (!$client->removeDomain(bench_name($opt['name'], $i))) {
                        throw new RuntimeException('domain not found: ' . bench_name($opt['name'], $i));
                    }
                };
                break;
            case 'onebyone':
                $one = static fn (int $i) => $client->addDomain(bench_name($opt['name'], $i));
                break;
            case 'bulk':
            case 'sync':
                $all = $names(0, $n);
                $method = $opt['flow'] === 'bulk' ? 'addDomains' : 'syncDomains';
                $opt['n'] = '1';
                $opt['warmup'] = '0';
                $one = static function () use ($client, $method, $all): void {
                    $result = $client->$method($all);
                    if ($result->failed !== []) {
                        $first = reset($result->failed);
                        throw new RuntimeException(count($result->failed) . " of the names failed, e.g. "
                            . key($result->failed) . ': ' . get_class($first) . ': ' . $first->getMessage());
                    }
                    if (count($result->added) + count($result->unchanged) !== count($all)) {
                        throw new RuntimeException(count($result->added) . ' added and ' . count($result->unchanged)
                            . ' unchanged, of ' . count($all) . ' names');
                    }
                };
                break;
            default:
                throw new InvalidArgumentException("unknown flow {$opt['flow']}");
        }
        // The extension counts no calls itself: they are counted at the server.
        bench_measure('ext', $opt, $one, static fn () => null);
    } catch (Throwable $e) {
        fwrite(STDERR, 'ext: ' . get_class($e) . ': ' . $e->getMessage() . "\n");
        exit(1);
    }
}
