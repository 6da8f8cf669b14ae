<?php
// The steady state's profile: where the instructions of one API call go, function by function.
//
//   php bench/cpu-profile.php SHORT.out LONG.out CALLS [LINES]
//
// SHORT.out and LONG.out are callgrind files of one client doing N1 and N2 flows (bench/cpu.sh with
// CPU_KEEP), CALLS the API calls the long run made more than the short one (cpu.sh's calls/flow times
// N2 - N1). Start-up costs the same in both runs, so the difference of each function's cost is what the
// extra calls cost; divided by CALLS it is the cost per call. Prints the LINES (default 40) largest, by
// inclusive cost (the function and what it calls) and by exclusive cost (the function's own instructions).

declare(strict_types=1);

[, $short, $long, $calls] = $argv + [null, null, null, null];
$lines = (int) ($argv[4] ?? 40);
if ($short === null || $long === null || (int) $calls <= 0) {
    fwrite(STDERR, "usage: php cpu-profile.php SHORT.out LONG.out CALLS [LINES]\n");
    exit(2);
}

/** @return array<string,int> Ir by "file:function" as callgrind_annotate prints them */
function costs(string $file, bool $inclusive): array
{
    $cmd = 'callgrind_annotate --threshold=100 --auto=no --inclusive=' . ($inclusive ? 'yes' : 'no') . ' ' . escapeshellarg($file) . ' 2>/dev/null';
    $out = [];
    $started = false;
    foreach (explode("\n", (string) shell_exec($cmd)) as $line) {
        if (str_contains($line, 'file:function')) {
            $started = true;
            continue;
        }
        if ($started && preg_match('/^\s*([\d,]+)\s+\([^)]*\)\s+(.*)$/', $line, $m)) {
            // Inclusive listings name a function twice (with and without its object); keep the largest.
            $name = preg_replace('/ \[[^\]]*\]$/', '', $m[2]);
            $out[$name] = max($out[$name] ?? 0, (int) str_replace(',', '', $m[1]));
        }
    }
    return $out;
}

foreach ([true => 'inclusive', false => 'exclusive'] as $inclusive => $label) {
    $a = costs($short, (bool) $inclusive);
    $b = costs($long, (bool) $inclusive);
    $diff = [];
    foreach ($b as $name => $ir) {
        $d = ($ir - ($a[$name] ?? 0)) / (int) $calls;
        if ($d >= 50) {
            $diff[$name] = $d;
        }
    }
    arsort($diff);
    printf("--- %s Ir per call\n", $label);
    foreach (array_slice($diff, 0, $lines, true) as $name => $d) {
        printf("%10s  %s\n", number_format($d), mb_strimwidth($name, 0, 150, '...'));
    }
}
