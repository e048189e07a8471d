package dev.mastra4j.core.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * One tool call: an {@code execute_tool <tool>} span (child of the run's span) and the
 * {@value Observability#TOOL_CALLS} timer. Started and ended by the thread that waits for the call; the tool itself
 * runs inside {@link #wrap}, which carries the run's context and MDC (request and trace id) to the tool's thread.
 */
public final class ToolCallObservation {

    /** The {@code tool} tag of a tool the run does not have. */
    public static final String UNKNOWN_TOOL = "unknown";

    private final RunObservation run;
    private final String tag;
    private final long startNanos = System.nanoTime();
    private final Span span;
    private final Context context;
    private final AtomicBoolean ended = new AtomicBoolean();

    ToolCallObservation(RunObservation run, String toolName, String toolCallId, boolean known) {
        this.run = run;
        this.tag = known ? toolName : UNKNOWN_TOOL;
        Observability observability = run.observability();
        if (observability.tracing()) {
            span = observability
                    .tracer()
                    .spanBuilder(GenAi.EXECUTE_TOOL + " " + tag)
                    .setParent(run.context())
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(GenAi.OPERATION_KEY, GenAi.EXECUTE_TOOL)
                    .setAttribute(GenAi.TOOL_NAME_KEY, tag)
                    .setAttribute(GenAi.TOOL_CALL_ID_KEY, toolCallId == null ? "" : toolCallId)
                    .setAttribute(GenAi.TOOL_TYPE_KEY, "function")
                    .startSpan();
            context = run.context().with(span);
        } else {
            span = Span.getInvalid();
            context = run.context();
        }
    }

    /** {@code work} as it should run on the tool's thread: with the call's context and the run's MDC. */
    public <T> Callable<T> wrap(Callable<T> work) {
        Map<String, String> mdc = run.mdc();
        return () -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try (Scope ignored = context.makeCurrent()) {
                return work.call();
            } finally {
                if (mdc != null) {
                    MDC.clear();
                }
            }
        };
    }

    /** The call finished with a result; {@code isError}: an error result (failed, invalid arguments, timed out). */
    public void end(boolean isError) {
        end(isError ? RunObservation.ERROR : RunObservation.SUCCESS);
    }

    /** Ends the call with {@code outcome} (the run's outcome values); only the first end counts. */
    public void end(String outcome) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            MeterRegistry meters = run.observability().meters();
            if (meters != null) {
                Timer.builder(Observability.TOOL_CALLS)
                        .description("Tool calls, by tool and outcome")
                        .tag("tool", tag)
                        .tag("outcome", outcome)
                        .register(meters)
                        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
            if (span.getSpanContext().isValid()) {
                if (!RunObservation.SUCCESS.equals(outcome)) {
                    span.setAttribute(GenAi.ERROR_TYPE_KEY, outcome);
                    span.setStatus(StatusCode.ERROR, outcome);
                }
                span.end();
            }
        } catch (RuntimeException e) {
            // Observation never fails a run.
        }
    }
}
