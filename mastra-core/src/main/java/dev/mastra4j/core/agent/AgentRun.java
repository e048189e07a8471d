package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.observe.RunObservation;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.util.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of the tool loop: model call, tools, model call, ... until a final answer or the step limit, with
 * every chunk handed to a sink as it is produced. The loop itself is here; its parts are classes of their own:
 * {@link RunPlan} (options resolved before anything runs), {@link ModelStep} (one model call, blocking or streamed),
 * {@link ToolExecutor} (the tool calls of a step, with time limits), {@link ChatMessages} (the LangChain4j mapping),
 * {@link ProducerInterrupts} (how cancelling reaches the running thread) and {@link RunMemory} (earlier conversation
 * in, new messages out).
 *
 * <p>Contract: {@link #execute} runs once, on the calling thread; {@link #cancel()} may be called from any thread, and
 * makes {@link #execute} throw {@link RunCancellation#failure()} (a 504 when the run's own time limit was reached).
 */
final class AgentRun {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mastra-run-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final RunPlan plan;
    private final RunMemory memory;
    private final String runId;
    /** For a run resumed after a tool approval, where it stopped; null for a new run. */
    private final SuspendedState resumed;

    private final String messageId = Ids.uuid();
    private final RunCancellation cancellation;
    private final ProducerInterrupts interrupts = new ProducerInterrupts();
    private final ModelStep model;
    private final ToolExecutor tools;
    private final RunObservation observation;
    /** The finished steps and the text of the step in progress: what an unfinished run leaves for memory. */
    private final List<StepResult> steps = new ArrayList<>();

    private final StringBuilder partialText = new StringBuilder();

    /** What the model reads for a declined tool call (Mastra's text). */
    static final String DENIED = "Tool call was not approved by the user";

    /**
     * Checks the options against the agent; throws {@link InvalidRequestException} before anything runs. Also opens the call's memory ({@link ThreadMemory#open}): a thread of another resource (403) or an unreachable
     * store (503) fails here, on the caller's thread, before any model call.
     */
    AgentRun(Agent agent, List<Message> messages, AgentOptions options, boolean streaming) {
        this(agent, messages, options, streaming, ThreadMemory.open(agent, options));
    }

    private AgentRun(Agent agent, List<Message> messages, AgentOptions options, boolean streaming, RunMemory memory) {
        this(
                RunPlan.of(
                        agent,
                        messages,
                        options,
                        streaming,
                        memory instanceof ThreadMemory thread ? thread.tools() : List.of()),
                memory);
    }

    AgentRun(RunPlan plan, RunMemory memory) {
        this(plan, memory, Ids.uuid(), null);
    }

    /**
     * A run that goes on from {@code resumed} (a decision has been recorded in it) under its old {@code runId}: its
     * stream starts at the suspended step's tool results, with no {@code start} chunk.
     */
    static AgentRun resume(
            Agent agent, String runId, SuspendedState resumed, RequestContext context, boolean streaming) {
        // The run's thread is opened again (and checked again), so that the finished turn is saved to it.
        RunMemory memory = ThreadMemory.open(
                agent,
                AgentOptions.builder()
                        .memory(resumed.memory())
                        .requestContext(context)
                        .build());
        List<Tool> memoryTools = memory instanceof ThreadMemory thread ? thread.tools() : List.of();
        return new AgentRun(RunPlan.resumed(agent, resumed, context, streaming, memoryTools), memory, runId, resumed);
    }

    private AgentRun(RunPlan plan, RunMemory memory, String runId, SuspendedState resumed) {
        this.plan = plan;
        this.memory = memory;
        this.runId = runId;
        this.resumed = resumed;
        this.cancellation = new RunCancellation(plan.timeout());
        this.model = new ModelStep(plan.model(), cancellation);
        this.tools = new ToolExecutor(
                plan.tools(),
                plan.agent().toolTimeout(),
                plan.requestContext(),
                plan.agent().id(),
                runId,
                cancellation);
        this.observation = RunObservation.capture(
                plan.agent().id(),
                plan.agent().name(),
                plan.agent().provider(),
                plan.agent().modelId());
        model.observe(observation);
        tools.observe(observation);
    }

    String runId() {
        return runId;
    }

    boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /** Abandons the run: cancels the model stream, interrupts the blocking call and the tools. Idempotent. */
    void cancel() {
        cancellation.cancel();
        model.cancel();
        interrupts.interrupt();
        tools.cancel();
    }

    /** Marks the start of a sink call; on the producer thread, cancel() then defers its interrupt. */
    void enterSink() {
        interrupts.enterSink();
    }

    /** Marks the end of a sink call; delivers an interrupt that cancel() deferred meanwhile. */
    void exitSink() {
        interrupts.exitSink();
    }

    /**
     * Runs the loop on the calling thread, handing chunks to {@code sink}. An interrupt that cancel() delivered is
     * cleared before returning; one from anyone else is kept when {@code keepForeignInterrupt} (the caller's own
     * thread), and cleared otherwise (a pooled run thread).
     */
    GenerateResult execute(Consumer<StreamChunk> sink, boolean keepForeignInterrupt) throws Exception {
        interrupts.bind();
        ScheduledFuture<?> watchdog = plan.timeout() == null
                ? null
                : WATCHDOG.schedule(
                        () -> {
                            cancellation.timeOut();
                            cancel();
                        },
                        plan.timeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        boolean finished = false;
        observation.begin();
        try {
            GenerateResult result = loop(sink);
            finished = true;
            return result;
        } catch (Throwable failure) {
            observation.failed(failure);
            throw failure;
        } finally {
            observation.end(outcome(finished));
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            interrupts.unbind(keepForeignInterrupt);
            if (!finished) {
                rememberUnfinished();
            }
        }
    }

    private String outcome(boolean finished) {
        if (finished) {
            return RunObservation.SUCCESS;
        }
        return cancellation.isTimedOut()
                ? RunObservation.TIMEOUT
                : cancellation.isCancelled() ? RunObservation.CANCELLED : RunObservation.ERROR;
    }

    /** Hands an unfinished run to memory, with any interrupt held back meanwhile so that a store can do its work. */
    private void rememberUnfinished() {
        if (memory == RunMemory.NONE) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            String partial;
            List<StepResult> done;
            synchronized (partialText) {
                partial = partialText.toString();
                done = List.copyOf(steps);
            }
            memory.rememberUnfinished(plan, done, partial, !cancellation.isCancelled());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private GenerateResult loop(Consumer<StreamChunk> downstream) {
        // Only a run with memory keeps its streamed text, for an unfinished run's partial answer.
        Consumer<StreamChunk> sink = memory == RunMemory.NONE
                ? downstream
                : chunk -> {
                    downstream.accept(chunk);
                    if (chunk instanceof StreamChunk.TextDelta delta) {
                        synchronized (partialText) {
                            partialText.append(delta.text());
                        }
                    }
                };
        ObjectOutput objects = ObjectOutput.of(plan);
        if (objects != null) {
            sink = objects.partials(sink);
        }
        ResolvedModel resolved = plan.model();
        List<ChatMessage> history;
        Usage total;
        int first;
        if (resumed == null) {
            List<Message> conversation = new ArrayList<>(memory.recall(plan));
            conversation.addAll(plan.messages());
            history = ChatMessages.conversation(plan.instructions(), conversation);
            sink.accept(new StreamChunk.Start(runId, plan.agent().id(), messageId));
            total = Usage.ZERO;
            first = 1;
        } else {
            history = resumed.historyMessages();
            total = resumed.total();
            first = resumed.step();
        }
        List<ToolCall> allCalls = new ArrayList<>();
        List<ToolResult> allResults = new ArrayList<>();

        for (int step = first; ; step++) {
            cancellation.check();
            String text;
            List<ToolCall> calls;
            Usage usage;
            FinishReason reason;
            ResponseInfo info;
            Map<String, Boolean> decisions;
            if (resumed != null && step == first) {
                text = resumed.stepText();
                calls = resumed.calls();
                usage = resumed.stepUsage();
                reason = resumed.stepReason();
                info = resumed.stepResponse();
                decisions = resumed.decisions();
            } else {
                sink.accept(new StreamChunk.StepStart(messageId));
                Instant startedAt = Instant.now();
                ChatResponse response = model.call(plan.request(history, step), "text-" + step, plan.streaming(), sink);
                cancellation.check();
                AiMessage ai = response.aiMessage();
                text = ai.text() == null ? "" : ai.text();
                calls = ChatMessages.toolCalls(ai);
                for (ToolCall call : calls) {
                    sink.accept(new StreamChunk.ToolCallChunk(call));
                }
                usage = ChatMessages.usage(response.tokenUsage());
                total = total.plus(usage);
                reason = ChatMessages.finishReason(response, !calls.isEmpty());
                info = ChatMessages.responseInfo(response, resolved.modelId(), startedAt);
                decisions = Map.of();
                if (!calls.isEmpty()) {
                    history.add(ChatMessages.assistant(ai, calls));
                }
            }
            ToolCall waiting = undecided(calls, decisions);
            if (waiting != null) {
                SuspendedState state = new SuspendedState(
                        SuspendedState.historyJson(history),
                        calls,
                        decisions,
                        step,
                        plan.maxSteps(),
                        List.copyOf(plan.tools().keySet()),
                        plan.requireToolApproval(),
                        plan.settings(),
                        plan.timeout() == null ? null : plan.timeout().toMillis(),
                        text,
                        usage,
                        reason,
                        info,
                        total,
                        plan.messages(),
                        plan.memory());
                allCalls.addAll(calls);
                return suspend(sink, waiting, state, allCalls, allResults, total, info);
            }
            List<ToolResult> results = calls.isEmpty() ? List.of() : runTools(calls, decisions, sink);
            cancellation.check();

            StepResult stepResult = new StepResult(text, calls, results, reason, usage, info);
            synchronized (partialText) {
                steps.add(stepResult);
                partialText.setLength(0);
                partialText.trimToSize();
            }
            allCalls.addAll(calls);
            allResults.addAll(results);
            boolean continues = !calls.isEmpty() && step < plan.maxSteps();
            JsonNode object = !continues && objects != null ? objects.result(text, sink) : null;
            sink.accept(new StreamChunk.StepFinish(reason, usage, continues, text, messageId, stepResult));
            if (!continues) {
                GenerateResult result = new GenerateResult(
                        text, reason, total, allCalls, allResults, steps, info, runId, null, object, null);
                result = memory.remember(plan, result);
                sink.accept(new StreamChunk.Finish(reason, total, text, messageId, result));
                return result;
            }
            for (ToolResult result : results) {
                history.add(ChatMessages.toolResult(result));
            }
        }
    }

    /** The first call that needs a person's decision and has none yet; null when every call may go ahead. */
    private ToolCall undecided(List<ToolCall> calls, Map<String, Boolean> decisions) {
        for (ToolCall call : calls) {
            if (plan.needsApproval(call.toolName()) && !decisions.containsKey(call.toolCallId())) {
                return call;
            }
        }
        return null;
    }

    /**
     * Runs the step's calls that may run (approved, or needing no approval) and answers the declined ones with
     * {@link #DENIED} without running them; results in the order of the calls.
     */
    private List<ToolResult> runTools(
            List<ToolCall> calls, Map<String, Boolean> decisions, Consumer<StreamChunk> sink) {
        List<ToolCall> allowed = calls.stream()
                .filter(call -> !Boolean.FALSE.equals(decisions.get(call.toolCallId())))
                .toList();
        List<ToolResult> ran = allowed.isEmpty() ? List.of() : tools.execute(allowed);
        List<ToolResult> results = new ArrayList<>();
        int next = 0;
        for (ToolCall call : calls) {
            if (Boolean.FALSE.equals(decisions.get(call.toolCallId()))) {
                sink.accept(new StreamChunk.ToolOutputDenied(call, DENIED));
                results.add(new ToolResult(
                        call.toolCallId(),
                        call.toolName(),
                        call.args(),
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(DENIED),
                        false));
            } else {
                ToolResult result = ran.get(next++);
                sink.accept(new StreamChunk.ToolResultChunk(result));
                results.add(result);
            }
        }
        return results;
    }

    /**
     * Keeps the run for a decision on {@code waiting} and ends it: the stream's last chunk is
     * {@link StreamChunk.ToolCallApproval}, and the result says {@link FinishReason#SUSPENDED}.
     */
    private GenerateResult suspend(
            Consumer<StreamChunk> sink,
            ToolCall waiting,
            SuspendedState state,
            List<ToolCall> allCalls,
            List<ToolResult> allResults,
            Usage total,
            ResponseInfo info) {
        plan.agent()
                .suspendedRuns()
                .suspend(
                        runId,
                        plan.agent().id(),
                        SuspendedRuns.owner(plan.requestContext()),
                        waiting.toolCallId(),
                        state.toJson());
        ToolApprovalRequest request = ToolApprovalRequest.of(waiting);
        sink.accept(new StreamChunk.ToolCallApproval(request));
        return new GenerateResult(
                "", FinishReason.SUSPENDED, total, allCalls, allResults, steps, info, runId, null, null, request);
    }

    /** What a failed run reports: our exceptions as they are, anything else as an internal error (logged). */
    static MastraException toMastraException(Throwable failure, AgentRun run) {
        if (failure instanceof MastraException mastra) {
            return mastra;
        }
        if (run.cancellation.isTimedOut()) {
            return run.cancellation.failure();
        }
        if (run.cancellation.isCancelled()) {
            return new RunCancelledException();
        }
        LOG.error(
                "Run {} of agent {} failed", run.runId, LogSafe.text(run.agent().id()), LogSafe.throwable(failure));
        return new MastraException(500, "Internal server error", failure);
    }

    private Agent agent() {
        return plan.agent();
    }
}
