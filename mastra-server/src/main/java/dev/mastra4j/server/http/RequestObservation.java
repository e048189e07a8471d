package dev.mastra4j.server.http;

import dev.mastra4j.core.observe.Observability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.MDC;

/**
 * What one request records besides its timer: the request id and trace id in the SLF4J MDC of the handling thread,
 * the server span (continuing the caller's W3C {@code traceparent}), and the {@link Observability} bound to the
 * request's OpenTelemetry context, where agent runs find it. {@link #start} and {@link #close} run on the same thread, and the
 * caller makes {@link #context()} current in between.
 */
final class RequestObservation implements AutoCloseable {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("mastra.request.id");

    private static final TextMapGetter<HttpRequest> HEADERS = new TextMapGetter<>() {
        // Required by the interface (deprecated there); extraction never lists the keys.
        @Override
        @SuppressWarnings("deprecation")
        public Iterable<String> keys(HttpRequest carrier) {
            return List.of();
        }

        @Override
        public String get(HttpRequest carrier, String key) {
            if (carrier == null) {
                return null;
            }
            List<String> values = carrier.headers(key);
            return values.isEmpty() ? null : values.getFirst();
        }
    };

    private final Span span;
    private final Context context;
    private final String method;

    private RequestObservation(Span span, Context context, String method) {
        this.span = span;
        this.context = context;
        this.method = method;
    }

    /** Starts observing {@code request} on the calling thread; close it when the request is done. */
    static RequestObservation start(Observability observability, HttpRequest request, String requestId) {
        MDC.put(Observability.MDC_REQUEST_ID, requestId);
        String method = method(request.method());
        if (observability.isOff()) {
            // No spans: the caller's trace id (if any) still goes into the logs.
            SpanContext caller = Span.fromContext(
                            W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS))
                    .getSpanContext();
            if (caller.isValid()) {
                MDC.put(Observability.MDC_TRACE_ID, caller.getTraceId());
            }
            return new RequestObservation(Span.getInvalid(), Context.current(), method);
        }
        Context parent = observability.tracing()
                ? observability.propagator().extract(Context.root(), request, HEADERS)
                : Context.root();
        Span span = Span.getInvalid();
        if (observability.tracing()) {
            span = observability
                    .tracer()
                    .spanBuilder(method)
                    .setParent(parent)
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute(METHOD, method)
                    .setAttribute(PATH, request.rawPath())
                    .setAttribute(REQUEST_ID, requestId)
                    .startSpan();
            SpanContext context = span.getSpanContext();
            if (context.isValid()) {
                MDC.put(Observability.MDC_TRACE_ID, context.getTraceId());
                MDC.put(Observability.MDC_SPAN_ID, context.getSpanId());
            }
        }
        return new RequestObservation(span, observability.storeIn(parent.with(span)), method);
    }

    /** The request's context (its span, the observability): make it current around the handler. */
    Context context() {
        return context;
    }

    /** The route (its OpenAPI form) and status the request ended with. */
    void finish(String route, int status) {
        if (span.getSpanContext().isValid()) {
            String template = Route.openApiPath(route);
            span.updateName(method + " " + template);
            span.setAttribute(ROUTE, template);
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** Clears the MDC of the handling thread. */
    @Override
    public void close() {
        MDC.remove(Observability.MDC_REQUEST_ID);
        MDC.remove(Observability.MDC_TRACE_ID);
        MDC.remove(Observability.MDC_SPAN_ID);
    }

    private static String method(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return METHODS.contains(upper) ? upper : "_OTHER";
    }
}
