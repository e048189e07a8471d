package dev.mastra4j.core.model;

import java.util.Objects;

/**
 * One entry of an agent's model list, Mastra's {@code ModelWithRetries}: {@code model: [{model, maxRetries}, ...]}.
 * The first enabled entry answers; on a provider failure (5xx, 429, timeout, connection) it is retried
 * {@code maxRetries} times, then the next entry is tried. Give either a model string (resolved by the agent's builder
 * with its environment) or a resolved model.
 *
 * @param modelString e.g. {@code openai/gpt-4o-mini}, or null when {@code model} is given
 * @param model       a resolved model, or null when {@code modelString} is given
 * @param maxRetries  retries of this model after its first failure (0..10)
 * @param enabled     whether the entry takes part
 */
public record ModelWithRetries(String modelString, ResolvedModel model, int maxRetries, boolean enabled) {

    public ModelWithRetries {
        if ((modelString == null) == (model == null)) {
            throw new IllegalArgumentException("Give a model string or a resolved model");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0..10");
        }
    }

    public static ModelWithRetries of(String modelString, int maxRetries) {
        return new ModelWithRetries(Objects.requireNonNull(modelString, "modelString"), null, maxRetries, true);
    }

    public static ModelWithRetries of(ResolvedModel model, int maxRetries) {
        return new ModelWithRetries(null, Objects.requireNonNull(model, "model"), maxRetries, true);
    }

    /** This entry with its model resolved. */
    public ModelWithRetries resolved(ResolvedModel resolved) {
        return new ModelWithRetries(null, resolved, maxRetries, enabled);
    }

    public ModelWithRetries disabled() {
        return new ModelWithRetries(modelString, model, maxRetries, false);
    }
}
