package dev.mastra4j.core.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import java.time.Duration;

/**
 * Builds {@code anthropic/…} models. The only class that names langchain4j-anthropic's types, so that artifact is
 * needed only when such a model is asked for ({@link Provider#ANTHROPIC} checks for it first).
 */
final class AnthropicModels {

    private AnthropicModels() {}

    static ResolvedModel create(String modelId, String apiKey, String baseUrl, Duration timeout) {
        var chat = AnthropicChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .maxRetries(0)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        var streaming = AnthropicStreamingChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel(Provider.ANTHROPIC.prefix(), modelId, chat.build(), streaming.build());
    }
}
