package dev.mastra4j.core.agent;

/** Sampling settings for one call; null fields keep the model's defaults. */
public record ModelSettings(Double temperature, Integer maxOutputTokens, Double topP) {

    public static final ModelSettings DEFAULTS = new ModelSettings(null, null, null);
}
