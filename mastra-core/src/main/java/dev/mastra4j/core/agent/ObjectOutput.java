package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.model.ResolvedModel;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The structured output of one run: how the model is asked for it (natively, or by Mastra's JSON instruction), the
 * partial {@code object} chunks while its text streams, and the checked final object ({@code object-result}).
 */
final class ObjectOutput {

    /** Providers whose LangChain4j models send {@code response_format: json_schema}. */
    private static final Set<String> NATIVE_PROVIDERS = Set.of("openai", "offline");

    private static final ObjectReader STRICT_JSON =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final StructuredOutput output;
    private final boolean nativeFormat;
    private final StringBuilder text = new StringBuilder();
    private JsonNode lastPartial;

    private ObjectOutput(StructuredOutput output, boolean nativeFormat) {
        this.output = output;
        this.nativeFormat = nativeFormat;
    }

    /** Null when the run has no structured output. */
    static ObjectOutput of(RunPlan plan) {
        return plan.structuredOutput() == null
                ? null
                : new ObjectOutput(plan.structuredOutput(), isNative(plan.model()));
    }

    /** Whether {@code model} takes a JSON-schema response format (else the schema goes into the system prompt). */
    static boolean isNative(ResolvedModel model) {
        if (NATIVE_PROVIDERS.contains(model.provider())) {
            return true;
        }
        Set<Capability> capabilities = model.chat() != null
                ? model.chat().supportedCapabilities()
                : model.streaming().supportedCapabilities();
        return capabilities != null && capabilities.contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** Mastra's instruction for models without a native JSON format ({@code jsonPromptInjection}). */
    static String instruction(StructuredOutput output) {
        return "Return your response as JSON matching this schema:\n\n" + output.schema()
                + "\n\nReturn only valid JSON. Do not include markdown or explanatory text.";
    }

    /** The response format every step of a native run sends. */
    static ResponseFormat responseFormat(StructuredOutput output) {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("response")
                        .rootElement(ToolSpecs.element(output.schema()))
                        .build())
                .build();
    }

    boolean nativeFormat() {
        return nativeFormat;
    }

    /**
     * {@code sink} with a partial {@code object} chunk before each text delta that changes what the text parses to, as
     * Mastra streams it.
     */
    Consumer<StreamChunk> partials(Consumer<StreamChunk> sink) {
        return chunk -> {
            if (chunk instanceof StreamChunk.TextStart) {
                text.setLength(0);
                lastPartial = null;
            } else if (chunk instanceof StreamChunk.TextDelta delta) {
                text.append(delta.text());
                JsonNode partial = PartialJson.parse(text.toString());
                if (partial != null && (partial.isObject() || partial.isArray()) && !partial.equals(lastPartial)) {
                    lastPartial = partial;
                    sink.accept(new StreamChunk.ObjectChunk(partial));
                }
            }
            sink.accept(chunk);
        };
    }

    /**
     * The final answer as a checked object, handed to {@code sink} as {@code object-result}.
     *
     * @throws StructuredOutputException when it is not JSON or does not fit the schema
     */
    JsonNode result(String answer, Consumer<StreamChunk> sink) {
        String json = withoutFences(Objects.requireNonNullElse(answer, ""));
        JsonNode object;
        try {
            object = STRICT_JSON.readTree(json);
        } catch (Exception e) {
            object = null;
        }
        if (object == null || object.isMissingNode()) {
            throw new StructuredOutputException(List.of(new Issue("", "must be valid JSON")), cut(answer));
        }
        List<Issue> issues = output.valueSchema().validate(object);
        if (!issues.isEmpty()) {
            throw new StructuredOutputException(issues, cut(answer));
        }
        sink.accept(new StreamChunk.ObjectResult(object));
        return object;
    }

    private static String withoutFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (newline > 0 && end > newline) {
                return t.substring(newline + 1, end).strip();
            }
        }
        return t;
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
