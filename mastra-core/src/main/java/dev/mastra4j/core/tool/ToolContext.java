package dev.mastra4j.core.tool;

import dev.mastra4j.core.context.RequestContext;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a running tool can see: the request's context (e.g. the authenticated user), who called it, and whether the
 * run was cancelled. Long-running tools should check {@link #isCancelled()} (or react to thread interruption).
 */
public final class ToolContext {

    private final RequestContext requestContext;
    private final String agentId;
    private final String runId;
    private final String toolCallId;
    private final BooleanSupplier cancelled;

    public ToolContext(
            RequestContext requestContext, String agentId, String runId, String toolCallId, BooleanSupplier cancelled) {
        this.requestContext = Objects.requireNonNull(requestContext, "requestContext");
        this.agentId = agentId;
        this.runId = runId;
        this.toolCallId = toolCallId;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** A context for calling a tool directly (not from an agent run), e.g. {@code POST /api/tools/{id}/execute}. */
    public static ToolContext of(RequestContext requestContext) {
        return new ToolContext(requestContext, null, null, null, null);
    }

    public RequestContext requestContext() {
        return requestContext;
    }

    /** True once the run that called this tool was cancelled (client gone, stream closed, run timed out). */
    public boolean isCancelled() {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** The calling agent's id; null when called directly. */
    public String agentId() {
        return agentId;
    }

    /** The calling run's id; null when called directly. */
    public String runId() {
        return runId;
    }

    /** The model's id for this call; null when called directly. */
    public String toolCallId() {
        return toolCallId;
    }
}
