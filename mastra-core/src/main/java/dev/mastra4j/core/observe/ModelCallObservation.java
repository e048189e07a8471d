package dev.mastra4j.core.observe;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One model call: a {@code chat <model>} client span (GenAI attributes: provider, request and response model,
 * finish reasons, token usage; message text only when {@code captureMessageContent}), the
 * {@value Observability#OPERATION_DURATION} timer and the {@value Observability#TOKEN_USAGE} summary (one per token
 * type). End it once, with {@link #end} or {@link #fail}.
 */
public final class ModelCallObservation {

    /** Records nothing. */
    static final ModelCallObservation NONE = new ModelCallObservation();

    private static final String NO_ERROR = "none";

    private final RunObservation run;
    private final long startNanos;
    private final Span span;

    private ModelCallObservation() {
        this.run = null;
        this.startNanos = 0;
        this.span = Span.getInvalid();
    }

    ModelCallObservation(RunObservation run, ChatRequest request) {
        this.run = run;
        this.startNanos = System.nanoTime();
        Observability observability = run.observability();
        if (observability.tracing()) {
            span = observability
                    .tracer()
                    .spanBuilder(GenAi.CHAT + " " + run.model())
                    .setParent(run.context())
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(GenAi.OPERATION_KEY, GenAi.CHAT)
                    .setAttribute(GenAi.PROVIDER_KEY, run.provider())
                    .setAttribute(GenAi.SYSTEM_KEY, run.provider())
                    .setAttribute(GenAi.REQUEST_MODEL_KEY, run.model())
                    .startSpan();
            if (observability.captureMessageContent()) {
                span.setAttribute(GenAi.INPUT_MESSAGES_KEY, MessageContent.input(request.messages()));
            }
        } else {
            span = Span.getInvalid();
        }
    }

    /** The call answered. */
    public void end(ChatResponse response) {
        if (run == null) {
            return;
        }
        try {
            TokenUsage usage = response.tokenUsage();
            long input = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            long output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            run.addTokens(input, output);
            MeterRegistry meters = run.observability().meters();
            if (meters != null) {
                duration(meters, NO_ERROR);
                tokens(meters, "input", input);
                tokens(meters, "output", output);
            }
            if (span.getSpanContext().isValid()) {
                if (response.modelName() != null) {
                    span.setAttribute(GenAi.RESPONSE_MODEL_KEY, response.modelName());
                }
                if (response.id() != null) {
                    span.setAttribute(GenAi.RESPONSE_ID_KEY, response.id());
                }
                if (response.finishReason() != null) {
                    span.setAttribute(GenAi.FINISH_REASONS_KEY, List.of(GenAi.finishReason(response.finishReason())));
                }
                span.setAttribute(GenAi.INPUT_TOKENS_KEY, input);
                span.setAttribute(GenAi.OUTPUT_TOKENS_KEY, output);
                if (run.observability().captureMessageContent()) {
                    span.setAttribute(GenAi.OUTPUT_MESSAGES_KEY, MessageContent.output(response.aiMessage()));
                }
                span.end();
            }
        } catch (RuntimeException e) {
            // Observation never fails a run.
        }
    }

    /** The call failed (or was cancelled). */
    public void fail(Throwable failure) {
        if (run == null) {
            return;
        }
        try {
            String type = GenAi.errorType(failure);
            MeterRegistry meters = run.observability().meters();
            if (meters != null) {
                duration(meters, type);
            }
            if (span.getSpanContext().isValid()) {
                span.setAttribute(GenAi.ERROR_TYPE_KEY, type);
                span.setStatus(StatusCode.ERROR, type);
                span.end();
            }
        } catch (RuntimeException e) {
            // Observation never fails a run.
        }
    }

    private void duration(MeterRegistry meters, String errorType) {
        Timer.builder(Observability.OPERATION_DURATION)
                .description("GenAI operation duration")
                .tag(GenAi.OPERATION, GenAi.CHAT)
                .tag(GenAi.PROVIDER, run.provider())
                .tag(GenAi.SYSTEM, run.provider())
                .tag(GenAi.REQUEST_MODEL, run.model())
                .tag(GenAi.ERROR_TYPE, errorType)
                .register(meters)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private void tokens(MeterRegistry meters, String type, long count) {
        DistributionSummary.builder(Observability.TOKEN_USAGE)
                .description("Tokens used per GenAI operation")
                .tag(GenAi.OPERATION, GenAi.CHAT)
                .tag(GenAi.PROVIDER, run.provider())
                .tag(GenAi.SYSTEM, run.provider())
                .tag(GenAi.REQUEST_MODEL, run.model())
                .tag(GenAi.TOKEN_TYPE, type)
                .register(meters)
                .record((double) count);
    }
}
