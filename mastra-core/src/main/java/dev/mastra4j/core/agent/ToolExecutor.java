package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.observe.RunObservation;
import dev.mastra4j.core.observe.ToolCallObservation;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import dev.mastra4j.core.tool.ToolExecutionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tool calls of one model step, as LangChain4j's {@code AiServices} hands tool work to a
 * {@code ToolExecutor}: each call on a virtual thread of its own, all at once, each within its time limit (the tool's
 * own, else the agent's), results in the order of the calls.
 *
 * <p>Contract: every call gets a {@link ToolResult}; a call that fails (unknown tool, arguments that are not an object
 * or do not fit the schema, an exception, the time limit) gets an error result {@code {"error": ..., "issues"?: [...]}}
 * with {@code isError}, so the model can read it and go on. Only cancelling the run makes {@link #execute} throw
 * ({@link RunCancellation#failure()}); {@link #cancel()} interrupts the running calls, whose tools also see
 * {@code ToolContext.isCancelled()}.
 */
final class ToolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);

    private final Map<String, Tool> tools;
    private final Duration defaultLimit;
    private final RequestContext requestContext;
    private final String agentId;
    private final String runId;
    private final RunCancellation cancellation;
    private final List<FutureTask<?>> running = new ArrayList<>();
    private RunObservation observation = RunObservation.NONE;

    /**
     * @param tools        the tools the model may call, by id
     * @param defaultLimit the time limit for a tool that sets none (the agent's {@code toolTimeout})
     */
    ToolExecutor(
            Map<String, Tool> tools,
            Duration defaultLimit,
            RequestContext requestContext,
            String agentId,
            String runId,
            RunCancellation cancellation) {
        this.tools = tools;
        this.defaultLimit = defaultLimit;
        this.requestContext = requestContext;
        this.agentId = agentId;
        this.runId = runId;
        this.cancellation = cancellation;
    }

    /** Where the calls are recorded (before the first {@link #execute}). */
    void observe(RunObservation observation) {
        this.observation = observation;
    }

    /** Runs {@code calls} concurrently and waits for each within its limit; see the class comment. */
    List<ToolResult> execute(List<ToolCall> calls) {
        List<ToolCallObservation> observed = new ArrayList<>();
        try {
            return execute(calls, observed);
        } finally {
            // A call not ended below was abandoned with the run.
            observed.forEach(call -> call.end(RunObservation.CANCELLED));
        }
    }

    private List<ToolResult> execute(List<ToolCall> calls, List<ToolCallObservation> observed) {
        List<FutureTask<ToolResult>> tasks = new ArrayList<>();
        List<Duration> limits = new ArrayList<>();
        List<Long> deadlines = new ArrayList<>();
        for (ToolCall call : calls) {
            ToolCallObservation observedCall =
                    this.observation.toolCall(call.toolName(), call.toolCallId(), tools.containsKey(call.toolName()));
            observed.add(observedCall);
            FutureTask<ToolResult> task = new FutureTask<>(observedCall.wrap(() -> run(call)));
            tasks.add(task);
            Duration limit = limitFor(call);
            limits.add(limit);
            deadlines.add(System.nanoTime() + limit.toNanos());
            synchronized (running) {
                running.add(task);
            }
            if (cancellation.isCancelled()) {
                task.cancel(true);
            }
            Thread.ofVirtual().name("mastra-tool-" + call.toolName()).start(task);
        }
        List<ToolResult> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            FutureTask<ToolResult> task = tasks.get(i);
            try {
                long wait = Math.max(0, deadlines.get(i) - System.nanoTime());
                results.add(task.get(wait, TimeUnit.NANOSECONDS));
                observed.get(i).end(results.getLast().isError());
            } catch (TimeoutException e) {
                observed.get(i).end(RunObservation.TIMEOUT);
                task.cancel(true);
                results.add(error(
                        call,
                        "Tool " + call.toolName() + " timed out after " + RunCancellation.format(limits.get(i)),
                        null));
            } catch (InterruptedException e) {
                tasks.forEach(t -> t.cancel(true));
                Thread.currentThread().interrupt();
                throw cancellation.failure();
            } catch (CancellationException e) {
                throw cancellation.failure();
            } catch (ExecutionException e) {
                observed.get(i).end(RunObservation.ERROR);
                results.add(error(
                        call,
                        "Tool " + call.toolName() + " failed: " + ToolExecutionException.describe(e.getCause()),
                        null));
            }
        }
        synchronized (running) {
            running.removeAll(tasks);
        }
        return results;
    }

    /** Interrupts the running calls. Idempotent; calls started later are cancelled as they start. */
    void cancel() {
        synchronized (running) {
            running.forEach(task -> task.cancel(true));
        }
    }

    /** The call's time limit: its tool's own, else the default (also for a tool that does not exist). */
    private Duration limitFor(ToolCall call) {
        Tool tool = tools.get(call.toolName());
        return tool == null ? defaultLimit : tool.timeout().orElse(defaultLimit);
    }

    private ToolResult run(ToolCall call) {
        Tool tool = tools.get(call.toolName());
        if (tool == null) {
            return error(call, "Tool " + call.toolName() + " not found", null);
        }
        if (!call.args().isObject()) {
            return error(call, "Tool " + call.toolName() + " needs a JSON object as arguments", null);
        }
        ToolContext context =
                new ToolContext(requestContext, agentId, runId, call.toolCallId(), cancellation::isCancelled);
        try {
            JsonNode output = tool.execute(call.args(), context);
            return new ToolResult(call.toolCallId(), call.toolName(), call.args(), output, false);
        } catch (InvalidRequestException e) {
            return error(call, "Invalid arguments for tool " + call.toolName(), e.issues());
        } catch (ToolExecutionException e) {
            return error(call, ToolExecutionException.describe(e.getCause()), null);
        } catch (RuntimeException e) {
            LOG.warn("Tool {} failed in run {}", LogSafe.text(call.toolName()), runId, LogSafe.throwable(e));
            return error(call, ToolExecutionException.describe(e), null);
        }
    }

    private static ToolResult error(ToolCall call, String message, List<Issue> issues) {
        ObjectNode result = Json.MAPPER.createObjectNode().put("error", message);
        if (issues != null) {
            ArrayNode list = result.putArray("issues");
            issues.forEach(issue -> list.addObject().put("field", issue.field()).put("message", issue.message()));
        }
        return new ToolResult(call.toolCallId(), call.toolName(), call.args(), result, true);
    }
}
