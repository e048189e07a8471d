package dev.mastra4j.core.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves Mastra model strings such as {@code openai/gpt-4o-mini} to LangChain4j models.
 *
 * <table>
 *   <caption>Providers</caption>
 *   <tr><th>prefix</th><th>key variable</th><th>optional base URL variable</th></tr>
 *   <tr><td>{@code openai/}</td><td>{@code OPENAI_API_KEY}</td><td>{@code OPENAI_BASE_URL} (any OpenAI-compatible server)</td></tr>
 *   <tr><td>{@code anthropic/}</td><td>{@code ANTHROPIC_API_KEY}</td><td>{@code ANTHROPIC_BASE_URL}</td></tr>
 *   <tr><td>{@code google/}</td><td>{@code GOOGLE_GENERATIVE_AI_API_KEY}</td><td>{@code GOOGLE_GENERATIVE_AI_BASE_URL}</td></tr>
 *   <tr><td>{@code offline/}</td><td>none</td><td>none: the {@link OfflineChatModel} stand-in</td></tr>
 * </table>
 *
 * <p>HTTP goes through the JDK client, streams on virtual threads ({@link ProviderHttpClient}). Calls are not
 * retried: a failure fails the run at once, and the caller decides.
 */
public final class ModelRouter {

    /** The per-call time limit unless one is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ModelRouter() {
    }

    /** Resolves with the process environment. */
    public static ResolvedModel resolve(String modelString) {
        return resolve(modelString, System.getenv());
    }

    public static ResolvedModel resolve(String modelString, Map<String, String> env) {
        return resolve(modelString, env, DEFAULT_TIMEOUT);
    }

    /**
     * @throws IllegalArgumentException for a malformed string, an unknown provider or a missing key; the message
     *                                  names the variable to set and never contains a key
     */
    public static ResolvedModel resolve(String modelString, Map<String, String> env, Duration timeout) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(timeout, "timeout");
        if (modelString == null || modelString.isBlank()) {
            throw new IllegalArgumentException("No model given; use provider/model, e.g. openai/gpt-4o-mini or "
                    + "offline/stand-in");
        }
        int slash = modelString.indexOf('/');
        if (slash <= 0 || slash == modelString.length() - 1) {
            throw new IllegalArgumentException("A model string looks like provider/model (e.g. openai/gpt-4o-mini), "
                    + "was '" + modelString + "'");
        }
        String provider = modelString.substring(0, slash).trim();
        String modelId = modelString.substring(slash + 1).trim();
        return switch (provider) {
            case "openai" -> openAi(modelId, env, timeout);
            case "anthropic" -> anthropic(modelId, env, timeout);
            case "google" -> google(modelId, env, timeout);
            case OfflineChatModel.PROVIDER -> {
                OfflineChatModel model = new OfflineChatModel(modelId);
                yield new ResolvedModel(OfflineChatModel.PROVIDER, model.name(), model, model);
            }
            default -> throw new IllegalArgumentException("Unknown model provider '" + provider + "' in '" + modelString
                    + "'; use openai/, anthropic/, google/ or offline/");
        };
    }

    private static ResolvedModel openAi(String modelId, Map<String, String> env, Duration timeout) {
        String key = requireKey(env, "OPENAI_API_KEY");
        String baseUrl = optional(env, "OPENAI_BASE_URL");
        var chat = OpenAiChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout).maxRetries(0)
                .httpClientBuilder(http(baseUrl, timeout));
        var streaming = OpenAiStreamingChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout)
                .httpClientBuilder(http(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel("openai", modelId, chat.build(), streaming.build());
    }

    private static ResolvedModel anthropic(String modelId, Map<String, String> env, Duration timeout) {
        String key = requireKey(env, "ANTHROPIC_API_KEY");
        String baseUrl = optional(env, "ANTHROPIC_BASE_URL");
        var chat = AnthropicChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout).maxRetries(0)
                .httpClientBuilder(http(baseUrl, timeout));
        var streaming = AnthropicStreamingChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout)
                .httpClientBuilder(http(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel("anthropic", modelId, chat.build(), streaming.build());
    }

    private static ResolvedModel google(String modelId, Map<String, String> env, Duration timeout) {
        String key = requireKey(env, "GOOGLE_GENERATIVE_AI_API_KEY");
        String baseUrl = optional(env, "GOOGLE_GENERATIVE_AI_BASE_URL");
        var chat = GoogleAiGeminiChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout).maxRetries(0)
                .httpClientBuilder(http(baseUrl, timeout));
        var streaming = GoogleAiGeminiStreamingChatModel.builder().apiKey(key).modelName(modelId).timeout(timeout)
                .httpClientBuilder(http(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel("google", modelId, chat.build(), streaming.build());
    }

    private static ProviderHttpClient.Builder http(String baseUrl, Duration timeout) {
        HttpClient.Builder client = HttpClient.newBuilder();
        if (baseUrl != null && baseUrl.startsWith("http://")) {
            // Plain-HTTP OpenAI-compatible servers (local gateways, test stubs) rarely speak h2c.
            client.version(HttpClient.Version.HTTP_1_1);
        }
        return ProviderHttpClient.builder(client)
                .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
                .readTimeout(timeout);
    }

    private static String requireKey(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set; set it or use offline/stand-in "
                    + "(a stand-in that is not an LLM)");
        }
        return value.trim();
    }

    private static String optional(String variableValue) {
        return variableValue == null || variableValue.isBlank() ? null : variableValue.trim();
    }

    private static String optional(Map<String, String> env, String variable) {
        return optional(env.get(variable));
    }
}
