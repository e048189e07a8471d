package dev.mastra4j.core.model;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;

/**
 * Builds {@code openai/…} models. The only class that names langchain4j-open-ai's types, so that artifact is needed
 * only when such a model is asked for ({@link Provider#OPENAI} checks for it first).
 */
final class OpenAiModels {

    private OpenAiModels() {}

    static ResolvedModel create(String modelId, String apiKey, String baseUrl, Duration timeout) {
        var chat = OpenAiChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .maxRetries(0)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        var streaming = OpenAiStreamingChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel(Provider.OPENAI.prefix(), modelId, chat.build(), streaming.build());
    }
}
