package io.mmkit.core.store;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema: the statements that take a database from {@code version - 1} to
 * {@code version}. Applied once, inside the same transaction that records it in
 * {@code schema_version}. A released migration is never edited; a change is a new migration.
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, was " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }
}
