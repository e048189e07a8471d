package dev.mastra4j.core.storage;

import java.util.Objects;

/**
 * The order of a listing: Mastra's {@code orderBy: {field, direction}}. Ties are broken by id, so that pages never
 * overlap or skip a row.
 */
public record OrderBy(Field field, Direction direction) {

    /** Threads newest first: Mastra's default for thread listings. */
    public static final OrderBy NEWEST_FIRST = new OrderBy(Field.CREATED_AT, Direction.DESC);

    /** Messages oldest first: Mastra's default for message listings. */
    public static final OrderBy OLDEST_FIRST = new OrderBy(Field.CREATED_AT, Direction.ASC);

    public OrderBy {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    /** The columns a listing may be ordered by; {@link #wireName()} is the name in Mastra's wire and tables. */
    public enum Field {
        CREATED_AT("createdAt"),
        UPDATED_AT("updatedAt");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Ascending or descending. */
    public enum Direction {
        ASC,
        DESC
    }
}
