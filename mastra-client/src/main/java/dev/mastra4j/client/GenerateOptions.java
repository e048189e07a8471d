package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call options for {@link AgentClient#generate} and {@link AgentClient#stream}. Every field is optional; null
 * (or empty) means "server default" and is not sent.
 *
 * @param instructions replaces the agent's system prompt for this call
 * @param maxSteps     tool-loop limit (the server's default is 5)
 * @param requestContext values the server exposes to tools; the server's own keys (such as {@code user}) win
 * @param activeTools  ids of the tools the model may use in this call
 * @param structuredOutputSchema a JSON Schema the answer must fit (client-js {@code structuredOutput: {schema}});
 *                     the response's {@link GenerateResponse#object()} holds the object
 * @param requireToolApproval when true, every tool call waits for a person's approval (client-js
 *                     {@code requireToolApproval}): the run suspends; resume it with
 *                     {@link AgentClient#approveToolCall}/{@link AgentClient#declineToolCall}
 */
public record GenerateOptions(
        String instructions,
        Integer maxSteps,
        Map<String, Object> requestContext,
        MemoryOptions memory,
        ModelSettings modelSettings,
        ToolChoice toolChoice,
        List<String> activeTools,
        JsonNode structuredOutputSchema,
        Boolean requireToolApproval) {

    private static final GenerateOptions NONE =
            new GenerateOptions(null, null, null, null, null, null, null, null, null);

    public GenerateOptions {
        requestContext =
                requestContext == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(requestContext));
        activeTools = activeTools == null ? List.of() : List.copyOf(activeTools);
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
    }

    /** No options: the server's defaults. */
    public static GenerateOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds the set options to a request body, with Mastra's field names. */
    void writeTo(ObjectNode body) {
        if (instructions != null) {
            body.put("instructions", instructions);
        }
        if (maxSteps != null) {
            body.put("maxSteps", maxSteps);
        }
        if (!requestContext.isEmpty()) {
            body.set("requestContext", JsonFields.MAPPER.valueToTree(requestContext));
        }
        if (memory != null) {
            ObjectNode node = body.putObject("memory");
            if (memory.thread() != null) {
                node.put("thread", memory.thread());
            }
            if (memory.resource() != null) {
                node.put("resource", memory.resource());
            }
        }
        if (modelSettings != null) {
            ObjectNode node = body.putObject("modelSettings");
            if (modelSettings.temperature() != null) {
                node.put("temperature", modelSettings.temperature());
            }
            if (modelSettings.maxOutputTokens() != null) {
                node.put("maxOutputTokens", modelSettings.maxOutputTokens());
            }
            if (modelSettings.topP() != null) {
                node.put("topP", modelSettings.topP());
            }
        }
        if (toolChoice != null) {
            switch (toolChoice) {
                case ToolChoice.Auto auto -> body.put("toolChoice", "auto");
                case ToolChoice.None none -> body.put("toolChoice", "none");
                case ToolChoice.Required required -> body.put("toolChoice", "required");
                case ToolChoice.Named named ->
                    body.putObject("toolChoice").put("type", "tool").put("toolName", named.toolName());
            }
        }
        if (!activeTools.isEmpty()) {
            activeTools.forEach(body.putArray("activeTools")::add);
        }
        if (structuredOutputSchema != null) {
            body.putObject("structuredOutput").set("schema", structuredOutputSchema);
        }
        if (requireToolApproval != null) {
            body.put("requireToolApproval", requireToolApproval);
        }
    }

    public static final class Builder {
        private String instructions;
        private Integer maxSteps;
        private final Map<String, Object> requestContext = new LinkedHashMap<>();
        private MemoryOptions memory;
        private ModelSettings modelSettings;
        private ToolChoice toolChoice;
        private List<String> activeTools;
        private JsonNode structuredOutputSchema;
        private Boolean requireToolApproval;

        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder maxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        /** Adds one request-context entry; the value is sent as JSON. */
        public Builder requestContext(String key, Object value) {
            requestContext.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        public Builder requestContext(Map<String, ?> values) {
            requestContext.putAll(values);
            return this;
        }

        public Builder memory(String thread, String resource) {
            this.memory = new MemoryOptions(thread, resource);
            return this;
        }

        public Builder memory(MemoryOptions memory) {
            this.memory = memory;
            return this;
        }

        public Builder modelSettings(ModelSettings modelSettings) {
            this.modelSettings = modelSettings;
            return this;
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder activeTools(List<String> toolIds) {
            this.activeTools = toolIds;
            return this;
        }

        public Builder activeTools(String... toolIds) {
            return activeTools(List.of(toolIds));
        }

        /** The JSON Schema the answer must fit; read the result with {@link GenerateResponse#object()}. */
        public Builder structuredOutput(JsonNode schema) {
            this.structuredOutputSchema = schema;
            return this;
        }

        /** Whether every tool call of the run waits for a person's approval. */
        public Builder requireToolApproval(boolean requireToolApproval) {
            this.requireToolApproval = requireToolApproval;
            return this;
        }

        public GenerateOptions build() {
            return new GenerateOptions(
                    instructions,
                    maxSteps,
                    requestContext,
                    memory,
                    modelSettings,
                    toolChoice,
                    activeTools,
                    structuredOutputSchema,
                    requireToolApproval);
        }
    }
}
