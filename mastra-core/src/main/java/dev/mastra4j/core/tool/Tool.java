package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonSchema;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A function an agent (or an HTTP client) can call, described by a JSON Schema. The Java form of Mastra's
 * {@code createTool({id, description, inputSchema, execute})}:
 *
 * <pre>{@code
 * record WeatherInput(@Description("City name") String location) {}
 * Tool weather = Tool.builder().id("weatherTool")
 *         .description("Current weather for a city")
 *         .inputSchema(WeatherInput.class)
 *         .execute((input, ctx) -> service.current(input.location()))
 *         .build();
 * }</pre>
 *
 * <p>Input is validated against the schema before the function runs, so the function only ever sees valid input.
 */
public final class Tool {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String id;
    private final String description;
    private final JsonNode inputSchema;
    private final JsonSchema inputValidator;
    private final JsonNode outputSchema;
    private final Class<?> inputType;
    private final ToolFunction<Object, ?> function;
    private final Duration timeout;
    private final boolean requireApproval;

    @SuppressWarnings("unchecked")
    private Tool(Builder<?> builder) {
        this.id = builder.id;
        this.description = builder.description == null ? "" : builder.description;
        this.inputSchema = builder.inputSchema.deepCopy();
        this.inputValidator = JsonSchemas.compile(inputSchema);
        this.outputSchema = builder.outputSchema == null ? null : builder.outputSchema.deepCopy();
        this.inputType = builder.inputType;
        this.function = (ToolFunction<Object, ?>)
                Objects.requireNonNull(builder.function, "Tool " + builder.id + " needs execute(...)");
        this.timeout = builder.timeout;
        this.requireApproval = builder.requireApproval;
    }

    /**
     * Starts a tool; {@link Builder#id(String)} and {@link Builder#execute} are required. Every builder of mastra4j has
     * this one form, {@code X.builder().id(...)...build()}, as Mastra's {@code createTool({id, ...})} and
     * {@code new Agent({id, ...})} take the id as one option among the others.
     */
    public static <I> Builder<I> builder() {
        return new Builder<>();
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The input JSON Schema (a copy). */
    public JsonNode inputSchema() {
        return inputSchema.deepCopy();
    }

    /** The output JSON Schema (a copy), if one was declared. */
    public Optional<JsonNode> outputSchema() {
        return Optional.ofNullable(outputSchema).map(JsonNode::deepCopy);
    }

    /** This tool's own time limit, if set; otherwise the calling agent's applies. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether an agent's call of this tool waits for a person's approval (Mastra's {@code requireApproval}): the run
     * suspends before the tool runs. Direct execution ({@code POST /api/tools/:id/execute}) is not affected.
     */
    public boolean requireApproval() {
        return requireApproval;
    }

    /** The issues of {@code input} against the input schema; empty when valid. A missing input counts as {@code {}}. */
    public List<Issue> validate(JsonNode input) {
        return JsonSchemas.validate(inputValidator, normalise(input)).issues();
    }

    /**
     * Validates {@code input}, converts it to the input type and runs the tool.
     *
     * @return the tool's output as JSON (null output becomes JSON null)
     * @throws ToolValidationException if the input does not fit the schema (or the input type); the function is not
     *                                 called then
     * @throws ToolExecutionException  if the function throws
     */
    public JsonNode execute(JsonNode input, ToolContext context) {
        return run(validated(input), context);
    }

    /**
     * As {@link #execute(JsonNode, ToolContext)}, but gives up after {@code limit}: the function runs on a virtual
     * thread of its own, which is interrupted at the limit, so a tool that hangs cannot hold its caller. Input is
     * validated first, on the calling thread.
     *
     * @throws ToolTimeoutException when the function has not returned within {@code limit}
     */
    public JsonNode execute(JsonNode input, ToolContext context, Duration limit) {
        Objects.requireNonNull(limit, "limit");
        JsonNode value = validated(input);
        FutureTask<JsonNode> call = new FutureTask<>(() -> run(value, context));
        Thread.ofVirtual().name("mastra-tool-" + id).start(call);
        try {
            return call.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ToolTimeoutException(id, limit);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolExecutionException(id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ToolExecutionException(id, e.getCause());
        }
    }

    private JsonNode validated(JsonNode input) {
        JsonNode value = normalise(input);
        SchemaIssues.Report report = JsonSchemas.validate(inputValidator, value);
        if (!report.isEmpty()) {
            throw new ToolValidationException(id, value, report.issues(), report.schemaIssues());
        }
        return value;
    }

    /** Converts valid input to the input type and calls the function. */
    private JsonNode run(JsonNode value, ToolContext context) {
        Object converted;
        try {
            converted = inputType == JsonNode.class ? value : Json.MAPPER.treeToValue(value, inputType);
        } catch (Exception e) {
            // The schema accepted it but Jackson could not bind it (e.g. a number out of range for an int).
            String message = "Input does not fit " + inputType.getSimpleName() + ": "
                    + ToolExecutionException.describe(e).lines().findFirst().orElse("");
            throw new ToolValidationException(
                    id, value, List.of(new Issue("", message)), List.of(new SchemaIssue(List.of(), message)));
        }
        Object output;
        try {
            output = function.apply(converted, context);
        } catch (InvalidRequestException | ToolExecutionException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolExecutionException(id, e);
        } catch (Exception e) {
            throw new ToolExecutionException(id, e);
        }
        return output == null ? NullNode.getInstance() : Json.MAPPER.valueToTree(output);
    }

    private static JsonNode normalise(JsonNode input) {
        return input == null || input.isMissingNode() || input.isNull() ? Json.MAPPER.createObjectNode() : input;
    }

    @Override
    public String toString() {
        return "Tool[" + id + "]";
    }

    public static final class Builder<I> {
        private String id;
        private String description;
        private JsonNode inputSchema;
        private Class<?> inputType;
        private JsonNode outputSchema;
        private ToolFunction<? super I, ?> function;
        private Duration timeout;
        private boolean requireApproval;

        private Builder() {}

        /**
         * The tool's id, which is also the name the model calls it by: 1..64 letters, digits, {@code _} or {@code -},
         * since model providers only accept such function names. Checked here, so a bad id fails at once.
         *
         * @throws IllegalArgumentException for any other id
         */
        public Builder<I> id(String id) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("A tool id must be 1..64 of A-Z a-z 0-9 _ -, was '" + id + "'");
            }
            this.id = id;
            return this;
        }

        public Builder<I> description(String description) {
            this.description = description;
            return this;
        }

        /** The input is a {@code type} (usually a record), whose schema is generated (see {@link Description}). */
        @SuppressWarnings("unchecked")
        public <N> Builder<N> inputSchema(Class<N> type) {
            requireNoFunctionYet();
            Builder<N> self = (Builder<N>) this;
            self.inputType = Objects.requireNonNull(type, "type");
            self.inputSchema = JsonSchemas.generate(type);
            return self;
        }

        /** The input is validated against {@code schema} and handed to the function as JSON. */
        @SuppressWarnings("unchecked")
        public Builder<JsonNode> inputSchema(JsonNode schema) {
            Objects.requireNonNull(schema, "schema");
            requireNoFunctionYet();
            if (!schema.isObject()) {
                throw new IllegalArgumentException("A tool's input schema must be a JSON object");
            }
            Builder<JsonNode> self = (Builder<JsonNode>) this;
            self.inputType = JsonNode.class;
            self.inputSchema = schema;
            return self;
        }

        private void requireNoFunctionYet() {
            if (function != null) {
                throw new IllegalStateException(
                        "Call inputSchema(...) before execute(...): the schema fixes the input type");
            }
        }

        public Builder<I> outputSchema(Class<?> type) {
            this.outputSchema = JsonSchemas.generate(type);
            return this;
        }

        public Builder<I> outputSchema(JsonNode schema) {
            this.outputSchema = schema;
            return this;
        }

        public Builder<I> execute(ToolFunction<? super I, ?> function) {
            this.function = function;
            return this;
        }

        /** Overrides the calling agent's tool time limit for this tool. */
        public Builder<I> timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * When true, a run that calls this tool suspends before it runs until a person approves or declines the call
         * (a side effect such as sending mail or paying). Default false.
         */
        public Builder<I> requireApproval(boolean requireApproval) {
            this.requireApproval = requireApproval;
            return this;
        }

        /**
         * Builds the tool from the options set so far.
         *
         * @throws IllegalArgumentException when no {@link #id(String)} was given
         */
        public Tool build() {
            if (id == null) {
                throw new IllegalArgumentException("A tool needs an id: Tool.builder().id(\"weatherTool\")");
            }
            if (inputSchema == null) {
                // Mastra allows tools without input schema: any object is accepted and passed on as JSON.
                inputSchema = Json.MAPPER.createObjectNode().put("type", "object");
                inputType = JsonNode.class;
            }
            return new Tool(this);
        }
    }
}
