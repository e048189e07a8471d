package dev.mastra4j.core.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The hosted providers a model string can name: their environment variables and the LangChain4j artifact each needs.
 *
 * <p>The artifacts are optional dependencies of mastra-core: an application adds the ones it uses. Each provider's
 * types are named only in its own factory class ({@link OpenAiModels}, {@link AnthropicModels}, {@link GoogleModels}),
 * which the JVM loads the first time that provider is asked for, after {@link #requireOnClasspath} has checked that
 * its artifact is there. So an absent provider costs nothing until a model string names it, and then fails with a
 * message that names the artifact instead of a {@link NoClassDefFoundError}.
 */
enum Provider {
    OPENAI(
            "openai",
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "langchain4j-open-ai",
            "dev.langchain4j.model.openai.OpenAiChatModel"),
    ANTHROPIC(
            "anthropic",
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_BASE_URL",
            "langchain4j-anthropic",
            "dev.langchain4j.model.anthropic.AnthropicChatModel"),
    GOOGLE(
            "google",
            "GOOGLE_GENERATIVE_AI_API_KEY",
            "GOOGLE_GENERATIVE_AI_BASE_URL",
            "langchain4j-google-ai-gemini",
            "dev.langchain4j.model.googleai.GoogleAiGeminiChatModel");

    private final String prefix;
    private final String keyVariable;
    private final String baseUrlVariable;
    private final String artifactId;
    private final String modelClass;

    Provider(String prefix, String keyVariable, String baseUrlVariable, String artifactId, String modelClass) {
        this.prefix = prefix;
        this.keyVariable = keyVariable;
        this.baseUrlVariable = baseUrlVariable;
        this.artifactId = artifactId;
        this.modelClass = modelClass;
    }

    static Optional<Provider> forPrefix(String prefix) {
        for (Provider provider : values()) {
            if (provider.prefix.equals(prefix)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /** The part of a model string before the slash, e.g. {@code openai}. */
    String prefix() {
        return prefix;
    }

    String keyVariable() {
        return keyVariable;
    }

    String baseUrlVariable() {
        return baseUrlVariable;
    }

    /** Maven coordinates without the version, which comes from {@code langchain4j-bom}. */
    String artifact() {
        return "dev.langchain4j:" + artifactId;
    }

    /**
     * @throws IllegalStateException naming the artifact to add when this provider's classes are not on the classpath
     */
    void requireOnClasspath(String modelString) {
        try {
            Class.forName(modelClass, false, Provider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Model \"" + modelString + "\" needs " + artifact()
                    + " on the classpath (add it to your pom; version from langchain4j-bom)");
        }
    }

    /** Builds the model; call {@link #requireOnClasspath} first. */
    ResolvedModel create(String modelId, String apiKey, String baseUrl, Duration timeout) {
        return switch (this) {
            case OPENAI -> OpenAiModels.create(modelId, apiKey, baseUrl, timeout);
            case ANTHROPIC -> AnthropicModels.create(modelId, apiKey, baseUrl, timeout);
            case GOOGLE -> GoogleModels.create(modelId, apiKey, baseUrl, timeout);
        };
    }
}
