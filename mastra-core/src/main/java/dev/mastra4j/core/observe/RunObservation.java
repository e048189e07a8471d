package dev.mastra4j.core.observe;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * What one agent run records: the {@code invoke_agent} span and the {@value Observability#AGENT_RUNS} timer, and
 * the model and tool calls inside it. Created where the run is created ({@link #capture}), which takes the
 * {@link Observability}, the OpenTelemetry context (the request's span) and the SLF4J MDC (request and trace id) of
 * the calling thread, so that a run executed on another thread still carries them.
 *
 * <p>Contract: {@link #begin} once on the thread that executes the run, {@link #end} once there afterwards; model and
 * tool calls in between. Every method is cheap when nothing is recorded, and none throws.
 */
public final class RunObservation {

    /** Outcomes, the values of the {@code outcome} tag. */
    public static final String SUCCESS = "success";

    public static final String ERROR = "error";
    public static final String CANCELLED = "cancelled";
    public static final String TIMEOUT = "timeout";

    /** Records nothing and carries no MDC: for parts of a run used on their own. */
    public static final RunObservation NONE =
            new RunObservation(Observability.OFF, Context.root(), null, "", "", "none", "");

    private final Observability observability;
    private final Context parent;
    private final Map<String, String> mdc;
    private final Thread creator;
    private final String agentId;
    private final String agentName;
    private final String provider;
    private final String model;
    private long startNanos;
    private Span span = Span.getInvalid();
    private Context context;
    private boolean mdcSet;
    private Throwable failure;
    private long inputTokens;
    private long outputTokens;

    private RunObservation(
            Observability observability,
            Context parent,
            Map<String, String> mdc,
            String agentId,
            String agentName,
            String provider,
            String model) {
        this.observability = observability;
        this.parent = parent;
        this.context = parent;
        this.mdc = mdc;
        this.creator = Thread.currentThread();
        this.agentId = agentId;
        this.agentName = agentName;
        this.provider = GenAi.provider(provider);
        this.model = model;
    }

    /** Takes the calling thread's observability, context and MDC for a run of the given agent and model. */
    public static RunObservation capture(String agentId, String agentName, String provider, String modelId) {
        return new RunObservation(
                Observability.current(),
                Context.current(),
                MDC.getCopyOfContextMap(),
                agentId,
                agentName,
                provider,
                modelId);
    }

    /** Starts the run's span; on a thread other than the creator's, also puts the creator's MDC in place. */
    public void begin() {
        startNanos = System.nanoTime();
        if (mdc != null && Thread.currentThread() != creator) {
            MDC.setContextMap(mdc);
            mdcSet = true;
        }
        if (observability.tracing()) {
            span = observability
                    .tracer()
                    .spanBuilder(GenAi.INVOKE_AGENT + " " + agentName)
                    .setParent(parent)
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(GenAi.OPERATION_KEY, GenAi.INVOKE_AGENT)
                    .setAttribute(GenAi.AGENT_ID_KEY, agentId)
                    .setAttribute(GenAi.AGENT_NAME_KEY, agentName)
                    .setAttribute(GenAi.PROVIDER_KEY, provider)
                    .setAttribute(GenAi.SYSTEM_KEY, provider)
                    .setAttribute(GenAi.REQUEST_MODEL_KEY, model)
                    .startSpan();
            context = parent.with(span);
        }
    }

    /** The failure a run ends with (recorded on the span at {@link #end}). */
    public void failed(Throwable failure) {
        this.failure = failure;
    }

    /**
     * Ends the run with {@code outcome} ({@link #SUCCESS}, {@link #ERROR}, {@link #CANCELLED} or {@link #TIMEOUT}):
     * records the timer, ends the span with the run's token totals, and takes back an MDC that {@link #begin} set.
     */
    public void end(String outcome) {
        try {
            MeterRegistry meters = observability.meters();
            if (meters != null) {
                Timer.builder(Observability.AGENT_RUNS)
                        .description("Agent runs, by agent and outcome")
                        .tag("agent", agentId)
                        .tag("outcome", outcome)
                        .register(meters)
                        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
            if (span.getSpanContext().isValid()) {
                span.setAttribute(GenAi.INPUT_TOKENS_KEY, inputTokens);
                span.setAttribute(GenAi.OUTPUT_TOKENS_KEY, outputTokens);
                if (!SUCCESS.equals(outcome)) {
                    span.setAttribute(GenAi.ERROR_TYPE_KEY, failure == null ? outcome : GenAi.errorType(failure));
                    span.setStatus(StatusCode.ERROR, outcome);
                }
                span.end();
            }
        } catch (RuntimeException e) {
            // Observation never fails a run.
        } finally {
            if (mdcSet) {
                MDC.clear();
                mdcSet = false;
            }
        }
    }

    /** Starts a model call of this run (a {@code chat <model>} span when tracing). */
    public ModelCallObservation modelCall(ChatRequest request) {
        if (observability.isOff()) {
            return ModelCallObservation.NONE;
        }
        return new ModelCallObservation(this, request);
    }

    /**
     * Starts a tool call of this run, on the thread that waits for it. {@code known}: whether the tool is one of
     * the run's (the {@code tool} tag of an unknown one is {@code unknown}, so a model cannot grow the tag set).
     */
    public ToolCallObservation toolCall(String toolName, String toolCallId, boolean known) {
        return new ToolCallObservation(this, toolName, toolCallId, known);
    }

    synchronized void addTokens(long input, long output) {
        inputTokens += input;
        outputTokens += output;
    }

    Observability observability() {
        return observability;
    }

    Context context() {
        return context;
    }

    Map<String, String> mdc() {
        return mdc;
    }

    String provider() {
        return provider;
    }

    String model() {
        return model;
    }
}
