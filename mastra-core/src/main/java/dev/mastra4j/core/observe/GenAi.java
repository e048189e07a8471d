package dev.mastra4j.core.observe;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;

/** OpenTelemetry GenAI semantic-convention names, and how our provider names map onto theirs. */
final class GenAi {

    static final String OPERATION = "gen_ai.operation.name";
    static final String PROVIDER = "gen_ai.provider.name";
    static final String SYSTEM = "gen_ai.system";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String TOKEN_TYPE = "gen_ai.token.type";
    static final String ERROR_TYPE = "error.type";

    static final AttributeKey<String> OPERATION_KEY = AttributeKey.stringKey(OPERATION);
    static final AttributeKey<String> PROVIDER_KEY = AttributeKey.stringKey(PROVIDER);
    static final AttributeKey<String> SYSTEM_KEY = AttributeKey.stringKey(SYSTEM);
    static final AttributeKey<String> REQUEST_MODEL_KEY = AttributeKey.stringKey(REQUEST_MODEL);
    static final AttributeKey<String> RESPONSE_MODEL_KEY = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID_KEY = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> FINISH_REASONS_KEY =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS_KEY = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS_KEY = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> AGENT_ID_KEY = AttributeKey.stringKey("gen_ai.agent.id");
    static final AttributeKey<String> AGENT_NAME_KEY = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> TOOL_NAME_KEY = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID_KEY = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> TOOL_TYPE_KEY = AttributeKey.stringKey("gen_ai.tool.type");
    static final AttributeKey<String> ERROR_TYPE_KEY = AttributeKey.stringKey(ERROR_TYPE);
    static final AttributeKey<String> INPUT_MESSAGES_KEY = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES_KEY = AttributeKey.stringKey("gen_ai.output.messages");

    static final String CHAT = "chat";
    static final String INVOKE_AGENT = "invoke_agent";
    static final String EXECUTE_TOOL = "execute_tool";

    private GenAi() {}

    /** The semantic-convention provider name for one of our provider prefixes. */
    static String provider(String ours) {
        return switch (ours.toLowerCase(Locale.ROOT)) {
            case "google", "gemini" -> "gcp.gemini";
            default -> ours.toLowerCase(Locale.ROOT);
        };
    }

    /** The semantic-convention finish reason for a LangChain4j one. */
    static String finishReason(dev.langchain4j.model.output.FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A short, bounded error type: the exception's simple class name. */
    static String errorType(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        return name.isEmpty() ? "_OTHER" : name;
    }
}
