package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.model.ModelErrors;
import dev.mastra4j.core.model.ModelProviderException;
import dev.mastra4j.core.model.ModelTimeoutException;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import dev.mastra4j.core.tool.ToolExecutionException;
import dev.mastra4j.core.util.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One execution of the tool loop: model call, tools, model call, ... until a final answer or the step limit. */
final class AgentRun {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mastra-run-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Agent agent;
    private final List<Message> messages;
    private final Map<String, Tool> activeTools;
    private final List<ToolSpecification> toolSpecs;
    private final dev.langchain4j.model.chat.request.ToolChoice firstToolChoice;
    private final int maxSteps;
    private final ModelSettings settings;
    private final String instructions;
    private final RequestContext requestContext;
    private final Duration timeout;
    private final boolean streaming;
    private final String runId = Ids.uuid();
    private final String messageId = Ids.uuid();
    private final List<FutureTask<?>> runningTools = new ArrayList<>();

    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile StreamingHandle streamingHandle;

    /*
     * Interrupting the producer is how cancel() stops a blocking model call or tool wait. When the producer is also the
     * thread that writes chunks to a client (StreamRun), an interrupt that lands during a socket write would close the
     * client's socket, so it is deferred until the sink call returns. Guarded by interruptLock.
     */
    private final Object interruptLock = new Object();
    private Thread producer;
    private boolean producerInSink;
    private boolean interruptDeferred;
    private boolean interruptDelivered;

    /** Checks the options against the agent; throws {@link InvalidRequestException} before anything runs. */
    AgentRun(Agent agent, List<Message> messages, AgentOptions options, boolean streaming) {
        this.agent = agent;
        if (messages == null || messages.isEmpty()) {
            throw InvalidRequestException.of("messages", "At least one message is required");
        }
        this.messages = List.copyOf(messages);
        AgentOptions o = options == null ? AgentOptions.DEFAULTS : options;
        this.maxSteps = o.maxSteps() == null ? agent.defaultMaxSteps() : o.maxSteps();
        this.settings = o.modelSettings() == null ? ModelSettings.DEFAULTS : o.modelSettings();
        this.instructions = o.instructions() != null ? o.instructions() : agent.instructions();
        this.requestContext = o.requestContext() == null ? new RequestContext() : o.requestContext();
        this.timeout = o.timeout();
        this.streaming = streaming;

        Map<String, Tool> tools = new LinkedHashMap<>();
        List<Issue> issues = new ArrayList<>();
        if (o.activeTools() == null) {
            tools.putAll(agent.tools());
        } else {
            for (int i = 0; i < o.activeTools().size(); i++) {
                String id = o.activeTools().get(i);
                Tool tool = agent.tools().get(id);
                if (tool == null) {
                    issues.add(new Issue("activeTools[" + i + "]", "Agent " + agent.id() + " has no tool '" + id + "'"));
                } else {
                    tools.put(id, tool);
                }
            }
        }
        ToolChoice choice = o.toolChoice() == null ? ToolChoice.AUTO : o.toolChoice();
        dev.langchain4j.model.chat.request.ToolChoice lcChoice = null;
        switch (choice) {
            case ToolChoice.None none -> tools.clear();
            case ToolChoice.Required required -> lcChoice = dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
            case ToolChoice.Specific specific -> {
                Tool tool = tools.get(specific.toolName());
                if (tool == null) {
                    issues.add(new Issue("toolChoice.toolName", "Agent " + agent.id() + " has no active tool '"
                            + specific.toolName() + "'"));
                }
                tools.clear();
                if (tool != null) {
                    tools.put(tool.id(), tool);
                }
                lcChoice = dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
            }
            case ToolChoice.Auto auto -> {
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidRequestException(issues);
        }
        this.activeTools = Map.copyOf(tools);
        this.toolSpecs = tools.values().stream().map(ToolSpecs::of).toList();
        this.firstToolChoice = tools.isEmpty() ? null : lcChoice;
    }

    String runId() {
        return runId;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Abandons the run: cancels the model stream, interrupts the blocking call and the tools. Idempotent. */
    void cancel() {
        cancelled = true;
        StreamingHandle handle = streamingHandle;
        if (handle != null) {
            handle.cancel();
        }
        synchronized (interruptLock) {
            if (producer != null) {
                if (producerInSink) {
                    interruptDeferred = true;
                } else {
                    producer.interrupt();
                    interruptDelivered = true;
                }
            }
        }
        synchronized (runningTools) {
            runningTools.forEach(task -> task.cancel(true));
        }
    }

    /** Marks the start of a sink call; on the producer thread, cancel() then defers its interrupt. */
    void enterSink() {
        Thread current = Thread.currentThread();
        synchronized (interruptLock) {
            if (current == producer) {
                producerInSink = true;
            }
        }
    }

    /** Marks the end of a sink call; delivers an interrupt that cancel() deferred meanwhile. */
    void exitSink() {
        Thread current = Thread.currentThread();
        synchronized (interruptLock) {
            if (current == producer) {
                producerInSink = false;
                if (interruptDeferred) {
                    interruptDeferred = false;
                    interruptDelivered = true;
                    current.interrupt();
                }
            }
        }
    }

    /**
     * Runs the loop on the calling thread, handing chunks to {@code sink}. An interrupt that cancel() delivered is
     * cleared before returning; one from anyone else is kept when {@code keepForeignInterrupt} (the caller's own
     * thread), and cleared otherwise (a pooled run thread).
     */
    GenerateResult execute(Consumer<StreamChunk> sink, boolean keepForeignInterrupt) throws Exception {
        synchronized (interruptLock) {
            producer = Thread.currentThread();
        }
        ScheduledFuture<?> watchdog = timeout == null ? null : WATCHDOG.schedule(() -> {
            timedOut = true;
            cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return loop(sink);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            boolean delivered;
            synchronized (interruptLock) {
                producer = null;
                producerInSink = false;
                interruptDeferred = false;
                delivered = interruptDelivered;
            }
            // After the lock no cancel() can interrupt this thread any more, so the flag is settled here.
            boolean interrupted = Thread.interrupted();
            if (interrupted && keepForeignInterrupt && !delivered) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private GenerateResult loop(Consumer<StreamChunk> sink) throws Exception {
        ResolvedModel model = agent.model();
        List<ChatMessage> history = new ArrayList<>();
        if (instructions != null && !instructions.isBlank()) {
            history.add(SystemMessage.from(instructions));
        }
        for (Message message : messages) {
            history.add(switch (message.role()) {
                case Message.SYSTEM -> SystemMessage.from(message.content());
                case Message.ASSISTANT -> AiMessage.from(message.content());
                default -> UserMessage.from(message.content());
            });
        }

        sink.accept(new StreamChunk.Start(runId, agent.id(), messageId));
        List<StepResult> steps = new ArrayList<>();
        List<ToolCall> allCalls = new ArrayList<>();
        List<ToolResult> allResults = new ArrayList<>();
        Usage total = Usage.ZERO;

        for (int step = 1; ; step++) {
            checkCancelled();
            sink.accept(new StreamChunk.StepStart(messageId));
            Instant startedAt = Instant.now();
            ChatRequest request = request(history, step);
            String textId = "text-" + step;
            ChatResponse response = streaming && model.streaming() != null
                    ? streamCall(model, request, textId, sink)
                    : blockingCall(model, request, textId, sink);
            checkCancelled();

            AiMessage ai = response.aiMessage();
            String text = ai.text() == null ? "" : ai.text();
            List<ToolCall> calls = new ArrayList<>();
            if (ai.hasToolExecutionRequests()) {
                for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
                    ToolCall call = new ToolCall(r.id() == null ? "call_" + Ids.uuid() : r.id(), r.name(),
                            parseArgs(r.arguments()));
                    calls.add(call);
                    sink.accept(new StreamChunk.ToolCallChunk(call));
                }
            }
            List<ToolResult> results = calls.isEmpty() ? List.of() : runTools(calls);
            for (ToolResult result : results) {
                sink.accept(new StreamChunk.ToolResultChunk(result));
            }
            checkCancelled();

            Usage usage = usage(response.tokenUsage());
            total = total.plus(usage);
            FinishReason reason = finishReason(response, !calls.isEmpty());
            ResponseInfo info = new ResponseInfo(response.id() == null ? "resp-" + Ids.uuid() : response.id(),
                    response.modelName() == null ? model.modelId() : response.modelName(), startedAt);
            StepResult stepResult = new StepResult(text, calls, results, reason, usage, info);
            steps.add(stepResult);
            allCalls.addAll(calls);
            allResults.addAll(results);
            boolean continues = !calls.isEmpty() && step < maxSteps;
            sink.accept(new StreamChunk.StepFinish(reason, usage, continues, text, messageId, stepResult));
            if (!continues) {
                GenerateResult result = new GenerateResult(text, reason, total, allCalls, allResults, steps, info, runId);
                sink.accept(new StreamChunk.Finish(reason, total, text, messageId, result));
                return result;
            }
            history.add(rebuiltAiMessage(ai, calls));
            for (ToolResult result : results) {
                history.add(ToolExecutionResultMessage.from(result.toolCallId(), result.toolName(),
                        result.result().isTextual() ? result.result().asText() : result.result().toString()));
            }
        }
    }

    private ChatRequest request(List<ChatMessage> history, int step) {
        ChatRequest.Builder request = ChatRequest.builder().messages(List.copyOf(history));
        if (!toolSpecs.isEmpty()) {
            request.toolSpecifications(toolSpecs);
            // A forced tool call applies to the first step only, so that the model can answer with the result.
            if (step == 1 && firstToolChoice != null) {
                request.toolChoice(firstToolChoice);
            }
        }
        if (settings.temperature() != null) {
            request.temperature(settings.temperature());
        }
        if (settings.maxOutputTokens() != null) {
            request.maxOutputTokens(settings.maxOutputTokens());
        }
        if (settings.topP() != null) {
            request.topP(settings.topP());
        }
        return request.build();
    }

    private ChatResponse blockingCall(ResolvedModel model, ChatRequest request, String textId,
                                      Consumer<StreamChunk> sink) {
        ChatResponse response;
        if (model.chat() != null) {
            try {
                response = model.chat().chat(request);
            } catch (RuntimeException e) {
                checkCancelled();
                throw ModelErrors.translate(e);
            }
        } else {
            response = streamCall(model, request, textId, chunk -> {
            });
        }
        String text = response.aiMessage().text();
        if (text != null && !text.isEmpty()) {
            sink.accept(new StreamChunk.TextStart(textId));
            sink.accept(new StreamChunk.TextDelta(textId, text));
            sink.accept(new StreamChunk.TextEnd(textId));
        }
        return response;
    }

    private ChatResponse streamCall(ResolvedModel model, ChatRequest request, String textId,
                                    Consumer<StreamChunk> sink) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        // Orders the text chunks of one call; the text itself is not kept here (the model's response carries it).
        Object streamed = new Object();
        boolean[] started = {false};
        model.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                remember(context.streamingHandle());
                if (!cancelled) {
                    deliver(partial.text());
                }
            }

            @Override
            public void onPartialResponse(String text) {
                deliver(text);
            }

            // Tool-call and thinking events carry the handle too; a run that streams no text must still be cancellable.
            @Override
            public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
                remember(context.streamingHandle());
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                remember(context.streamingHandle());
            }

            private void remember(StreamingHandle handle) {
                streamingHandle = handle;
                if (cancelled) {
                    handle.cancel();
                }
            }

            private void deliver(String text) {
                if (text == null || text.isEmpty() || done.isDone()) {
                    return;
                }
                try {
                    synchronized (streamed) {
                        if (!started[0]) {
                            started[0] = true;
                            sink.accept(new StreamChunk.TextStart(textId));
                        }
                        sink.accept(new StreamChunk.TextDelta(textId, text));
                    }
                } catch (RuntimeException e) {
                    // The reader went away: stop reading from the provider.
                    StreamingHandle handle = streamingHandle;
                    if (handle != null) {
                        handle.cancel();
                    }
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                ModelProviderException cutOff = ModelErrors.endedEarly(model, response);
                if (cutOff != null) {
                    done.completeExceptionally(cutOff);
                    return;
                }
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response;
        try {
            response = done.get();
        } catch (InterruptedException e) {
            StreamingHandle handle = streamingHandle;
            if (handle != null) {
                handle.cancel();
            }
            Thread.currentThread().interrupt();
            throw cancelledOrTimedOut();
        } catch (ExecutionException e) {
            checkCancelled();
            if (e.getCause() instanceof RunCancelledException cancelledRun) {
                throw cancelledRun;
            }
            throw ModelErrors.translate(e.getCause());
        }
        synchronized (streamed) {
            String text = response.aiMessage().text();
            if (!started[0] && text != null && !text.isEmpty()) {
                // Some providers deliver the text only in the final response.
                sink.accept(new StreamChunk.TextStart(textId));
                sink.accept(new StreamChunk.TextDelta(textId, text));
                started[0] = true;
            }
            if (started[0]) {
                sink.accept(new StreamChunk.TextEnd(textId));
            }
        }
        return response;
    }

    private List<ToolResult> runTools(List<ToolCall> calls) {
        List<FutureTask<ToolResult>> tasks = new ArrayList<>();
        List<Long> deadlines = new ArrayList<>();
        for (ToolCall call : calls) {
            FutureTask<ToolResult> task = new FutureTask<>(() -> runTool(call));
            tasks.add(task);
            Tool tool = activeTools.get(call.toolName());
            Duration limit = tool == null ? agent.toolTimeout() : tool.timeout().orElse(agent.toolTimeout());
            deadlines.add(System.nanoTime() + limit.toNanos());
            synchronized (runningTools) {
                runningTools.add(task);
            }
            if (cancelled) {
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
            } catch (TimeoutException e) {
                task.cancel(true);
                Tool tool = activeTools.get(call.toolName());
                Duration limit = tool == null ? agent.toolTimeout() : tool.timeout().orElse(agent.toolTimeout());
                results.add(error(call, "Tool " + call.toolName() + " timed out after " + format(limit), null));
            } catch (InterruptedException e) {
                tasks.forEach(t -> t.cancel(true));
                Thread.currentThread().interrupt();
                throw cancelledOrTimedOut();
            } catch (java.util.concurrent.CancellationException e) {
                throw cancelledOrTimedOut();
            } catch (ExecutionException e) {
                results.add(error(call, "Tool " + call.toolName() + " failed: "
                        + ToolExecutionException.describe(e.getCause()), null));
            }
        }
        synchronized (runningTools) {
            runningTools.removeAll(tasks);
        }
        return results;
    }

    private ToolResult runTool(ToolCall call) {
        Tool tool = activeTools.get(call.toolName());
        if (tool == null) {
            return error(call, "Tool " + call.toolName() + " not found", null);
        }
        if (!call.args().isObject()) {
            return error(call, "Tool " + call.toolName() + " needs a JSON object as arguments", null);
        }
        ToolContext context = new ToolContext(requestContext, agent.id(), runId, call.toolCallId(), this::isCancelled);
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

    /** The assistant message as sent back to the model, with the ids we settled on. */
    private static AiMessage rebuiltAiMessage(AiMessage ai, List<ToolCall> calls) {
        List<ToolExecutionRequest> requests = calls.stream()
                .map(c -> ToolExecutionRequest.builder().id(c.toolCallId()).name(c.toolName())
                        .arguments(c.args().isTextual() ? c.args().asText() : c.args().toString()).build())
                .toList();
        return ai.text() == null || ai.text().isEmpty() ? AiMessage.from(requests) : AiMessage.from(ai.text(), requests);
    }

    private static JsonNode parseArgs(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            // Strict: "{...} trailing" is not JSON, so it must not run the tool with whatever prefix parses.
            return STRICT_JSON.readTree(arguments);
        } catch (Exception e) {
            return TextNode.valueOf(arguments);
        }
    }

    private static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        long total = usage.totalTokenCount() == null ? in + out : usage.totalTokenCount();
        return new Usage(in, out, total);
    }

    private static FinishReason finishReason(ChatResponse response, boolean hasToolCalls) {
        if (hasToolCalls) {
            return FinishReason.TOOL_CALLS;
        }
        if (response.finishReason() == null) {
            return FinishReason.STOP;
        }
        return switch (response.finishReason()) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private void checkCancelled() {
        if (cancelled) {
            throw cancelledOrTimedOut();
        }
    }

    private MastraException cancelledOrTimedOut() {
        if (timedOut) {
            return new ModelTimeoutException("the run took longer than " + format(timeout), null);
        }
        return new RunCancelledException();
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** What a failed run reports: our exceptions as they are, anything else as an internal error (logged). */
    static MastraException toMastraException(Throwable failure, AgentRun run) {
        if (failure instanceof MastraException mastra) {
            return mastra;
        }
        if (run.timedOut) {
            return run.cancelledOrTimedOut();
        }
        if (run.cancelled) {
            return new RunCancelledException();
        }
        LOG.error("Run {} of agent {} failed", run.runId, LogSafe.text(run.agent.id()), LogSafe.throwable(failure));
        return new MastraException(500, "Internal server error", failure);
    }
}
