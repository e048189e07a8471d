package dev.mastra4j.core.model;

import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import java.time.Duration;

/**
 * Builds {@code google/…} (Gemini) models. The only class that names langchain4j-google-ai-gemini's types, so that
 * artifact is needed only when such a model is asked for ({@link Provider#GOOGLE} checks for it first).
 */
final class GoogleModels {

    private GoogleModels() {}

    static ResolvedModel create(String modelId, String apiKey, String baseUrl, Duration timeout) {
        var chat = GoogleAiGeminiChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .maxRetries(0)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        var streaming = GoogleAiGeminiStreamingChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .httpClientBuilder(ProviderHttpClient.forBaseUrl(baseUrl, timeout));
        if (baseUrl != null) {
            chat.baseUrl(baseUrl);
            streaming.baseUrl(baseUrl);
        }
        return new ResolvedModel(Provider.GOOGLE.prefix(), modelId, chat.build(), streaming.build());
    }
}
