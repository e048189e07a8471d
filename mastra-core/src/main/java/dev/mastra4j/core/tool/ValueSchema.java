package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.mastra4j.core.error.Issue;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON Schema for a value, compiled once: from a record (with {@link Description}s, as tool schemas are made) or
 * given as JSON. What an agent's structured output is checked against.
 */
public final class ValueSchema {

    private static final Set<String> TYPES =
            Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    private final JsonNode schema;
    private final JsonSchema validator;

    private ValueSchema(JsonNode schema) {
        this.schema = schema;
        this.validator = JsonSchemas.compile(schema);
    }

    /** The schema of {@code type}, as {@link Tool.Builder#inputSchema(Class)} makes it. */
    public static ValueSchema of(Class<?> type) {
        return new ValueSchema(JsonSchemas.generate(Objects.requireNonNull(type, "type")));
    }

    /**
     * A schema given as JSON.
     *
     * @throws IllegalArgumentException when {@code schema} is not a JSON Schema object (the message says why, for a
     *                                  client)
     */
    public static ValueSchema of(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("Invalid input: expected object, received "
                    + (schema == null || schema.isNull()
                            ? "null"
                            : schema.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode type = schema.get("type");
        if (type != null && !(type.isTextual() && TYPES.contains(type.asText())) && !isTypeList(type)) {
            throw new IllegalArgumentException("Invalid JSON Schema: unknown type " + type);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
            throw new IllegalArgumentException("Invalid JSON Schema: properties must be an object");
        }
        JsonNode required = schema.get("required");
        if (required != null && !required.isArray()) {
            throw new IllegalArgumentException("Invalid JSON Schema: required must be an array");
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        // Clients (client-js, zod-to-json-schema) name draft-07; the keywords used here read the same in 2020-12,
        // which the validator speaks, and naming another draft would make it refuse the schema.
        copy.remove("$schema");
        try {
            return new ValueSchema(copy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid JSON Schema", e);
        }
    }

    private static boolean isTypeList(JsonNode type) {
        if (!type.isArray() || type.isEmpty()) {
            return false;
        }
        for (JsonNode t : type) {
            if (!t.isTextual() || !TYPES.contains(t.asText())) {
                return false;
            }
        }
        return true;
    }

    /** The schema as JSON (a copy is not made: do not change it). */
    public JsonNode json() {
        return schema;
    }

    /** The ways {@code value} does not fit, each with its path; empty when it fits. */
    public List<Issue> validate(JsonNode value) {
        return JsonSchemas.validate(validator, value).issues();
    }
}
