package dev.mastra4j.core.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.mastra4j.auth.env.EnvLookup;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves Mastra model strings such as {@code openai/gpt-4o-mini} to LangChain4j models.
 *
 * <table>
 *   <caption>Providers</caption>
 *   <tr><th>prefix</th><th>artifact on the classpath</th><th>key variable</th><th>optional base URL variable</th></tr>
 *   <tr><td>{@code openai/}</td><td>{@code dev.langchain4j:langchain4j-open-ai}</td><td>{@code OPENAI_API_KEY}</td>
 *       <td>{@code OPENAI_BASE_URL} (any OpenAI-compatible server)</td></tr>
 *   <tr><td>{@code anthropic/}</td><td>{@code dev.langchain4j:langchain4j-anthropic}</td><td>{@code ANTHROPIC_API_KEY}</td>
 *       <td>{@code ANTHROPIC_BASE_URL}</td></tr>
 *   <tr><td>{@code google/}</td><td>{@code dev.langchain4j:langchain4j-google-ai-gemini}</td>
 *       <td>{@code GOOGLE_GENERATIVE_AI_API_KEY}</td><td>{@code GOOGLE_GENERATIVE_AI_BASE_URL}</td></tr>
 *   <tr><td>{@code offline/}</td><td>none</td><td>none</td><td>none: the {@link OfflineChatModel} stand-in</td></tr>
 * </table>
 *
 * <p>The provider artifacts are optional dependencies of mastra-core: add the ones you use (versions from
 * {@code langchain4j-bom}). A provider's classes are loaded only when a model string names it; a missing artifact
 * fails that resolution with a message naming it.
 *
 * <p>A LangChain4j model built by the application is described with {@link #wrap(ChatModel, StreamingChatModel)}:
 * its provider and model id are read from the model itself, as far as it tells them.
 *
 * <p>HTTP goes through the JDK client, streams on virtual threads ({@link ProviderHttpClient}). Calls are not
 * retried: a failure fails the run at once, and the caller decides.
 */
public final class ModelRouter {

    /** The per-call time limit unless one is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private ModelRouter() {}

    /** Resolves with the process environment, then {@code .env} in the working directory ({@link EnvLookup#system()}). */
    public static ResolvedModel resolve(String modelString) {
        return resolve(modelString, EnvLookup.system(), DEFAULT_TIMEOUT);
    }

    /** Resolves with exactly {@code env} (no {@code .env} file). */
    public static ResolvedModel resolve(String modelString, Map<String, String> env) {
        return resolve(modelString, env, DEFAULT_TIMEOUT);
    }

    /** Resolves with exactly {@code env} (no {@code .env} file). */
    public static ResolvedModel resolve(String modelString, Map<String, String> env, Duration timeout) {
        return resolve(modelString, EnvLookup.of(env), timeout);
    }

    /**
     * Resolves with the variables {@code env} finds; {@code EnvLookup.system()} reads them as Clerk's settings are
     * read: the process environment wins, then {@code .env} in the working directory.
     *
     * @throws IllegalArgumentException for a malformed string, an unknown provider or a missing key; the message
     *                                  names the variable to set and never contains a key
     * @throws IllegalStateException    when the provider's LangChain4j artifact is not on the classpath (the message
     *                                  names the artifact to add), or when a {@code .env} file cannot be parsed
     */
    public static ResolvedModel resolve(String modelString, EnvLookup env, Duration timeout) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(timeout, "timeout");
        if (modelString == null || modelString.isBlank()) {
            throw new IllegalArgumentException(
                    "No model given; use provider/model, e.g. openai/gpt-4o-mini or " + "offline/stand-in");
        }
        int slash = modelString.indexOf('/');
        if (slash <= 0 || slash == modelString.length() - 1) {
            throw new IllegalArgumentException("A model string looks like provider/model (e.g. openai/gpt-4o-mini), "
                    + "was '" + modelString + "'");
        }
        String provider = modelString.substring(0, slash).trim();
        String modelId = modelString.substring(slash + 1).trim();
        if (provider.equals(OfflineChatModel.PROVIDER)) {
            OfflineChatModel model = new OfflineChatModel(modelId);
            return new ResolvedModel(OfflineChatModel.PROVIDER, model.name(), model, model);
        }
        Provider hosted = Provider.forPrefix(provider)
                .orElseThrow(() -> new IllegalArgumentException("Unknown model provider '" + provider + "' in '"
                        + modelString + "'; use openai/, anthropic/, google/ or offline/"));
        hosted.requireOnClasspath(modelString);
        String key = requireKey(env, hosted.keyVariable());
        return hosted.create(modelId, key, env.get(hosted.baseUrlVariable()).orElse(null), timeout);
    }

    /**
     * Wraps models the application built itself. The provider comes from {@link ChatModel#provider()} ({@code openai},
     * {@code anthropic}, {@code google}, else the enum name in lower case with {@code -}; {@code custom} when the model
     * does not say), the model id from its default request parameters ({@code unknown} when it has none). Both are
     * informational (agent details, response metadata); a model that throws when asked still resolves.
     *
     * @param chat      blocking view; may be null when {@code streaming} is given
     * @param streaming streaming view; may be null when {@code chat} is given
     * @throws IllegalArgumentException when both are null
     */
    public static ResolvedModel wrap(ChatModel chat, StreamingChatModel streaming) {
        if (chat instanceof OfflineChatModel offline) {
            return new ResolvedModel(OfflineChatModel.PROVIDER, offline.name(), chat, streaming);
        }
        if (chat == null && streaming == null) {
            throw new IllegalArgumentException("A model needs a ChatModel or a StreamingChatModel");
        }
        return new ResolvedModel(providerOf(chat, streaming), modelIdOf(chat, streaming), chat, streaming);
    }

    private static String providerOf(ChatModel chat, StreamingChatModel streaming) {
        ModelProvider provider;
        try {
            provider = chat != null ? chat.provider() : streaming.provider();
        } catch (RuntimeException e) {
            provider = null;
        }
        if (provider == null) {
            return "custom";
        }
        return switch (provider) {
            case OPEN_AI -> "openai";
            case ANTHROPIC -> "anthropic";
            case GOOGLE_AI_GEMINI -> "google";
            case OTHER -> "custom";
            default -> provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    private static String modelIdOf(ChatModel chat, StreamingChatModel streaming) {
        try {
            ChatRequestParameters parameters =
                    chat != null ? chat.defaultRequestParameters() : streaming.defaultRequestParameters();
            if (parameters != null && parameters.modelName() != null) {
                return parameters.modelName();
            }
        } catch (RuntimeException e) {
            // Some models do not implement defaultRequestParameters(); the id is informational only.
        }
        return "unknown";
    }

    private static String requireKey(EnvLookup env, String variable) {
        return env.get(variable)
                .orElseThrow(() -> new IllegalArgumentException(variable + " is not set; set it "
                        + "(in the environment or in .env) or use offline/stand-in (a stand-in that is not an LLM)"));
    }
}
