<?php

declare(strict_types=1);

namespace RunCloudSandbox\Http;

/**
 * Matches a method and path against route patterns such as "/servers/{server}/webapps".
 * Placeholders match positive integers only, so "/domains/abc" is simply not a route (404).
 */
final class Router
{
    /** @var list<array{string,string,string,callable}> method, regex, pattern, handler */
    private array $routes = [];

    public function add(string $method, string $pattern, callable $handler): self
    {
        $regex = '#^' . preg_replace('#\{[a-z]+\}#', '([0-9]+)', $pattern) . '$#';
        $this->routes[] = [$method, $regex, $pattern, $handler];
        return $this;
    }

    /**
     * @return array{0:'found',1:callable,2:list<int>}|array{0:'method',1:list<string>}|array{0:'none'}
     */
    public function match(string $method, string $path): array
    {
        $path = $path === '/' ? $path : rtrim($path, '/');
        // Laravel answers HEAD wherever it answers GET.
        $wanted = $method === 'HEAD' ? 'GET' : $method;
        $allowed = [];
        foreach ($this->routes as [$routeMethod, $regex, , $handler]) {
            if (!preg_match($regex, $path, $m)) {
                continue;
            }
            if ($routeMethod === $wanted) {
                return ['found', $handler, array_map('intval', array_slice($m, 1))];
            }
            $allowed[] = $routeMethod;
        }
        return $allowed === [] ? ['none'] : ['method', array_values(array_unique($allowed))];
    }

    /** The standard answers for a path that is no route, or a route without this method. */
    public static function miss(array $match, string $method, string $path): Response
    {
        if ($match[0] === 'method') {
            $allowed = $match[1];
            if (in_array('GET', $allowed, true)) {
                $allowed[] = 'HEAD';
            }
            return Response::message(405, sprintf(
                'The %s method is not supported for route %s. Supported methods: %s.',
                $method,
                ltrim($path, '/'),
                implode(', ', $allowed),
            ), ['Allow' => implode(', ', $allowed)]);
        }
        return Response::message(404, sprintf('The route %s could not be found.', ltrim($path, '/')));
    }
}
