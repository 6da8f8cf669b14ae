<?php

declare(strict_types=1);

namespace RunCloudSandbox\Model;

use RunCloudSandbox\Store;

/** The insert-or-update that seeding servers and web apps shares. */
final class Rows
{
    /**
     * A new row takes every field's default unless given; an existing row (same id) changes only the
     * fields given.
     * @param array<string,array{string,mixed}> $map field => [column, default]
     * @param array<string,mixed> $fields field => value
     * @param array<string,mixed> $onInsert extra columns of a new row
     */
    public static function upsert(Store $store, string $table, array $map, ?int $id, array $fields, array $onInsert): int
    {
        $values = [];
        foreach ($fields as $field => $value) {
            $values[$map[$field][0]] = is_bool($value) ? (int) $value : $value;
        }
        if ($id !== null && $store->value("SELECT 1 FROM $table WHERE id = ?", [$id]) !== null) {
            foreach ($values as $column => $value) {
                $store->run("UPDATE $table SET $column = ? WHERE id = ?", [$value, $id]);
            }
            return $id;
        }
        foreach ($map as [$column, $default]) {
            $values[$column] ??= is_bool($default) ? (int) $default : $default;
        }
        $values = ['id' => $id] + $values + $onInsert;
        $columns = implode(', ', array_keys($values));
        $marks = implode(', ', array_fill(0, count($values), '?'));
        $store->run("INSERT INTO $table ($columns) VALUES ($marks)", array_values($values));
        return $store->lastId();
    }
}
