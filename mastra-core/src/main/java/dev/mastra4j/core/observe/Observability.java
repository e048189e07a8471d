package dev.mastra4j.core.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The meters and spans one server records: a Micrometer registry and an OpenTelemetry instance. The server binds it
 * to each request's OpenTelemetry {@link Context} ({@link #storeIn}); an agent run takes it from there
 * ({@link #current()}) when it is created, so runs started by a request are observed and runs started elsewhere are
 * not, unless the caller binds one itself:
 * {@code try (Scope s = observability.storeIn(Context.current()).makeCurrent()) { agent.generate(...); }}.
 *
 * <p>Metric names (tags only from bounded sets): {@value #AGENT_RUNS} (agent, outcome), {@value #TOOL_CALLS} (tool,
 * outcome), {@value #OPERATION_DURATION} and {@value #TOKEN_USAGE} (the OpenTelemetry GenAI client metrics). Spans:
 * {@code invoke_agent <agent>}, {@code chat <model>}, {@code execute_tool <tool>}.
 *
 * <p>Cost when off: with the no-op OpenTelemetry no span is built, and with a registry that records nothing (the
 * global registry with no registry added) no meter is looked up.
 */
public final class Observability {

    public static final String AGENT_RUNS = "mastra.agent.runs";
    public static final String TOOL_CALLS = "mastra.tool.calls";
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

    /** SLF4J MDC keys the server sets for every log line of a request. */
    public static final String MDC_REQUEST_ID = "requestId";

    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";

    /** Records nothing. */
    public static final Observability OFF = new Observability(null, OpenTelemetry.noop(), false);

    private static final ContextKey<Observability> KEY = ContextKey.named("mastra4j-observability");
    private static final String INSTRUMENTATION = "dev.mastra4j";

    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private final boolean tracing;
    private final Tracer tracer;
    private final boolean captureMessageContent;

    private Observability(MeterRegistry registry, OpenTelemetry openTelemetry, boolean captureMessageContent) {
        this.registry = registry;
        this.openTelemetry = openTelemetry;
        this.tracing = openTelemetry != OpenTelemetry.noop();
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.captureMessageContent = captureMessageContent;
    }

    /** Records into {@code options}' registry and OpenTelemetry. */
    public static Observability of(ObservabilityOptions options) {
        return of(options.meterRegistry(), options.openTelemetry(), options.captureMessageContent());
    }

    /** {@code registry} null = no meters; {@code openTelemetry} null = no spans. */
    public static Observability of(MeterRegistry registry, OpenTelemetry openTelemetry, boolean captureMessageContent) {
        return new Observability(
                registry, openTelemetry == null ? OpenTelemetry.noop() : openTelemetry, captureMessageContent);
    }

    /** The one bound to the calling thread's OpenTelemetry context, else {@link #OFF}. */
    public static Observability current() {
        Observability bound = Context.current().get(KEY);
        return bound == null ? OFF : bound;
    }

    /** {@code context} with this bound to it. */
    public Context storeIn(Context context) {
        return context.with(KEY, this);
    }

    /** The registry meters go to, or null when none would record anything (so callers skip the lookup). */
    public MeterRegistry meters() {
        MeterRegistry meters = registry;
        if (meters instanceof CompositeMeterRegistry composite
                && composite.getRegistries().isEmpty()) {
            return null;
        }
        return meters;
    }

    /** Whether spans are recorded (an OpenTelemetry other than the no-op one). */
    public boolean tracing() {
        return tracing;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The propagator for incoming {@code traceparent} headers (W3C trace context unless the SDK says otherwise). */
    public TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Whether prompt and answer text go onto model-call spans. */
    public boolean captureMessageContent() {
        return captureMessageContent;
    }

    /** Whether anything at all is recorded. */
    public boolean isOff() {
        return !tracing && meters() == null;
    }
}
