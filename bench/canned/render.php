<?php
// Renders a template of this benchmark: @NAME@ from NAME=value arguments, {{file.json}} from the canned
// answer beside this script, minified and escaped for a single-quoted nginx string.
//
//   php render.php TEMPLATE OUTPUT NAME=value...

declare(strict_types=1);

[, $template, $output] = $argv + [null, null, null];
if ($template === null || $output === null) {
    fwrite(STDERR, "usage: php render.php TEMPLATE OUTPUT NAME=value...\n");
    exit(2);
}
$text = file_get_contents($template);
foreach (array_slice($argv, 3) as $pair) {
    [$name, $value] = explode('=', $pair, 2) + [1 => ''];
    $text = str_replace('@' . $name . '@', $value, $text);
}
$text = preg_replace_callback('/\{\{([a-z0-9.-]+\.json)\}\}/', static function (array $m): string {
    $json = json_decode(file_get_contents(__DIR__ . '/' . $m[1]), false, 512, JSON_THROW_ON_ERROR);
    $min = json_encode($json, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    // nginx would expand $name inside the string; none of the answers has one, so refuse rather than escape.
    if (str_contains($min, '$')) {
        throw new RuntimeException("{$m[1]}: a \$ cannot be served verbatim by nginx's return");
    }
    return addcslashes($min, "'\\");
}, $text);
// A placeholder left outside a comment means a setting was forgotten.
if (preg_match('/^[^#;\n]*(@[A-Z_]+@)/m', $text, $left)) {
    fwrite(STDERR, "render.php: {$left[1]} was not given\n");
    exit(2);
}
file_put_contents($output, $text);
