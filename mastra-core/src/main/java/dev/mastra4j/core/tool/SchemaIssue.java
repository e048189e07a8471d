package dev.mastra4j.core.tool;

import java.util.List;
import java.util.Objects;

/**
 * One failure of tool input against its schema, as Mastra reports it (zod's issue): where it is and what is wrong.
 *
 * @param path    the place in the input, outermost first: property names ({@code String}) and array indexes
 *                ({@code Integer}); empty for the input itself (Mastra's {@code root})
 * @param message what is wrong, in zod 4's words where a JSON Schema keyword has a zod counterpart
 *                ({@code Invalid input: expected string, received number})
 */
record SchemaIssue(List<Object> path, String message) {

    SchemaIssue {
        path = List.copyOf(path);
        Objects.requireNonNull(message, "message");
    }

    /** The path as Mastra's message prints it: segments joined by {@code .}, or {@code root}. */
    String dottedPath() {
        if (path.isEmpty()) {
            return "root";
        }
        StringBuilder text = new StringBuilder();
        for (Object segment : path) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(segment);
        }
        return text.toString();
    }
}
