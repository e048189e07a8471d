package dev.mastra4j.core.agent;

import dev.mastra4j.core.context.RequestContext;
import java.time.Duration;
import java.util.List;

/**
 * Per-call options. Every field may be null, meaning the agent's default.
 *
 * @param instructions   replaces the agent's system prompt for this call
 * @param maxSteps       tool-loop limit (1..100)
 * @param modelSettings  sampling settings
 * @param toolChoice     whether and which tools the model may call
 * @param activeTools    ids of the tools offered; null = all of the agent's tools
 * @param requestContext values tools can read; null = a fresh empty context
 * @param memory         thread and resource of the call
 * @param timeout        limit for the whole run; null = none
 * @param structuredOutput the schema the final answer must fit ({@link GenerateResult#object()}); null = text
 * @param requireToolApproval when true, every tool call of this run waits for a person's approval (Mastra's
 *                       {@code requireToolApproval}); null or false = only tools built with {@code requireApproval}
 */
public record AgentOptions(
        String instructions,
        Integer maxSteps,
        ModelSettings modelSettings,
        ToolChoice toolChoice,
        List<String> activeTools,
        RequestContext requestContext,
        AgentMemoryOption memory,
        Duration timeout,
        StructuredOutput structuredOutput,
        Boolean requireToolApproval) {

    public static final AgentOptions DEFAULTS = builder().build();

    public AgentOptions {
        if (maxSteps != null && (maxSteps < 1 || maxSteps > 100)) {
            throw new IllegalArgumentException("maxSteps must be 1..100, was " + maxSteps);
        }
        activeTools = activeTools == null ? null : List.copyOf(activeTools);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .instructions(instructions)
                .maxSteps(maxSteps)
                .modelSettings(modelSettings)
                .toolChoice(toolChoice)
                .activeTools(activeTools)
                .requestContext(requestContext)
                .memory(memory)
                .timeout(timeout)
                .structuredOutput(structuredOutput)
                .requireToolApproval(requireToolApproval);
    }

    public static final class Builder {
        private String instructions;
        private Integer maxSteps;
        private ModelSettings modelSettings;
        private ToolChoice toolChoice;
        private List<String> activeTools;
        private RequestContext requestContext;
        private AgentMemoryOption memory;
        private Duration timeout;
        private StructuredOutput structuredOutput;
        private Boolean requireToolApproval;

        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder maxSteps(Integer maxSteps) {
            this.maxSteps = maxSteps;
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

        public Builder activeTools(List<String> activeTools) {
            this.activeTools = activeTools;
            return this;
        }

        public Builder requestContext(RequestContext requestContext) {
            this.requestContext = requestContext;
            return this;
        }

        public Builder memory(AgentMemoryOption memory) {
            this.memory = memory;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The schema the final answer must fit; see {@link StructuredOutput}. */
        public Builder structuredOutput(StructuredOutput structuredOutput) {
            this.structuredOutput = structuredOutput;
            return this;
        }

        /** The final answer as a {@code type} (a record): {@code result.object(type)}. */
        public Builder structuredOutput(Class<?> type) {
            return structuredOutput(StructuredOutput.of(type));
        }

        /**
         * Whether every tool call of the run waits for approval: the run suspends before the tool runs, and
         * {@code approveToolCall}/{@code declineToolCall} resume it.
         */
        public Builder requireToolApproval(Boolean requireToolApproval) {
            this.requireToolApproval = requireToolApproval;
            return this;
        }

        public AgentOptions build() {
            return new AgentOptions(
                    instructions,
                    maxSteps,
                    modelSettings,
                    toolChoice,
                    activeTools,
                    requestContext,
                    memory,
                    timeout,
                    structuredOutput,
                    requireToolApproval);
        }
    }
}
