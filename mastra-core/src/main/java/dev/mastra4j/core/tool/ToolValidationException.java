package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * Tool input that does not fit the tool's input schema; the tool did not run. Still an
 * {@link InvalidRequestException} with the flat {@link #issues()}, so code that treats it as a bad request keeps
 * working; {@link #validationError()} is the object Mastra 1.x returns in its place (the HTTP execute routes answer
 * {@code 200} with it, as Mastra does):
 *
 * <pre>{@code
 * {"error": true,
 *  "message": "Tool input validation failed for weatherTool. Please fix the following errors and try again:\n
 *              - location: Invalid input: expected string, received number\n\nProvided arguments: {...}",
 *  "validationErrors": {"errors": [], "fields": {"location": {"errors": ["Invalid input: ..."], "fields": {}}}}}
 * }</pre>
 *
 * <p>{@code validationErrors} nests as Mastra's {@code buildFormattedErrors} does: an issue at the input itself goes
 * into the top {@code errors}, any other into {@code fields.<segment>...errors} along its path (array indexes as
 * strings). The wording follows zod 4 (see {@code SchemaIssues}); the provided arguments are cut after 200
 * characters and keys that look secret are redacted.
 */
public final class ToolValidationException extends InvalidRequestException {

    private final String toolId;
    private final transient ObjectNode validationError;

    ToolValidationException(String toolId, JsonNode input, List<Issue> issues, List<SchemaIssue> schemaIssues) {
        super(issues);
        this.toolId = Objects.requireNonNull(toolId, "toolId");
        this.validationError = build(toolId, input, schemaIssues);
    }

    /** The tool whose input failed. */
    public String toolId() {
        return toolId;
    }

    /** Mastra's validation error object, {@code {"error": true, "message": ..., "validationErrors": ...}} (a copy). */
    public ObjectNode validationError() {
        return validationError.deepCopy();
    }

    private static ObjectNode build(String toolId, JsonNode input, List<SchemaIssue> issues) {
        StringBuilder message = new StringBuilder("Tool input validation failed for ")
                .append(toolId)
                .append(". Please fix the following errors and try again:");
        ObjectNode formatted = emptyErrors();
        for (SchemaIssue issue : issues) {
            message.append("\n- ").append(issue.dottedPath()).append(": ").append(issue.message());
            ObjectNode at = formatted;
            for (Object segment : issue.path()) {
                ObjectNode fields = (ObjectNode) at.get("fields");
                String key = String.valueOf(segment);
                if (!fields.has(key)) {
                    fields.set(key, emptyErrors());
                }
                at = (ObjectNode) fields.get(key);
            }
            ((ArrayNode) at.get("errors")).add(issue.message());
        }
        message.append("\n\nProvided arguments: ").append(ProvidedArguments.of(input));
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("error", true);
        error.put("message", message.toString());
        error.set("validationErrors", formatted);
        return error;
    }

    private static ObjectNode emptyErrors() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putArray("errors");
        node.putObject("fields");
        return node;
    }
}
