package dev.mastra4j.core.model;

import dev.langchain4j.model.chat.response.StreamingHandle;

/**
 * The simplest {@link StreamingHandle}: a flag that an in-process streaming model polls between tokens. The offline
 * stand-in uses it, and so can any stub model in tests or benchmarks.
 */
public final class CancelFlag implements StreamingHandle {

    private volatile boolean cancelled;

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
