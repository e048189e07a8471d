package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.tool.ValueSchema;
import java.util.Objects;
import java.util.Optional;

/**
 * Mastra's {@code structuredOutput: {schema}}: the run's final answer is a JSON value of this schema, returned as
 * {@link GenerateResult#object()} (and typed by {@link GenerateResult#object(Class)}). The agent's own model is asked
 * for it on every step, with tools still offered: natively ({@code response_format: json_schema}) where the provider
 * has it, else by Mastra's JSON instruction in the system prompt. An answer that does not fit fails the run with
 * {@link StructuredOutputException}; a half-typed object is never returned.
 */
public final class StructuredOutput {

    private final ValueSchema schema;
    private final Class<?> type;

    private StructuredOutput(ValueSchema schema, Class<?> type) {
        this.schema = schema;
        this.type = type;
    }

    /** The schema of a record (with its {@code @Description}s); the object converts back to {@code type}. */
    public static StructuredOutput of(Class<?> type) {
        return new StructuredOutput(ValueSchema.of(type), Objects.requireNonNull(type, "type"));
    }

    /**
     * A schema given as JSON (what the server reads from {@code structuredOutput.schema}).
     *
     * @throws InvalidRequestException (400, field {@code structuredOutput.schema}) when it is not a JSON Schema
     */
    public static StructuredOutput of(JsonNode schema) {
        try {
            return new StructuredOutput(ValueSchema.of(schema), null);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("structuredOutput.schema", e.getMessage());
        }
    }

    /** The JSON Schema the answer must fit. */
    public JsonNode schema() {
        return schema.json();
    }

    /** The record type, when made by {@link #of(Class)}. */
    public Optional<Class<?>> type() {
        return Optional.ofNullable(type);
    }

    ValueSchema valueSchema() {
        return schema;
    }
}
