package dev.mastra4j.core.error;

import java.util.Objects;

/** One problem with a request: the field it concerns (a JSON path such as {@code messages[1].role}) and what is wrong. */
public record Issue(String field, String message) {

    public Issue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
