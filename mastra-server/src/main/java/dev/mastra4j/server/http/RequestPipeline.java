package dev.mastra4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mastra4j.auth.AuthDecision;
import dev.mastra4j.auth.AuthPipeline;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.CorsOptions;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.observe.Observability;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of every request, whatever the HTTP engine: request id, path normalisation (400), CORS preflight,
 * authentication and authorization, routing (404/405 only after auth, so unknown paths reveal nothing), media type
 * (415) and body limit (413) for bodies, the handler, and error mapping. Also tracks requests in flight so a stop
 * can drain them.
 *
 * <p>A body is only read once auth and routing accepted the request. Any answer sent while the body is still unread
 * carries {@code Connection: close}; afterwards at most {@link BodyIntake#LINGER_BYTES} of the body are read and dropped, and
 * the engine closes the connection. So an unauthenticated client declaring a gigabyte costs the server a few
 * kilobytes, and the bytes after the headers are never read as another request.
 */
public final class RequestPipeline {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /**
     * Where the resource id from {@code mapUserToResourceId} goes in the request context (Mastra's reserved key), so
     * tools and memory see the server's value; a client's {@code requestContext} cannot replace it.
     */
    public static final String RESOURCE_ID_KEY = RequestContext.RESOURCE_ID_KEY;

    public static final String SHUTTING_DOWN = "Server is shutting down";
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final Router router;
    private final AuthPipeline auth;
    private final Cors cors;
    private final BodyIntake bodies;
    private final RequestMetrics metrics;
    private final Observability observability;
    private final InFlight inFlight = new InFlight();
    private final OpenStreams openStreams = new OpenStreams();
    private volatile boolean draining;

    private RequestPipeline(Builder builder) {
        this.router = Objects.requireNonNull(builder.router, "router");
        this.auth = builder.auth;
        this.cors = builder.cors == null ? null : new Cors(builder.cors);
        this.bodies = new BodyIntake(builder.maxBodyBytes, builder.bodyTimeout);
        this.metrics = new RequestMetrics(builder.meters);
        this.observability = builder.observability;
        metrics.gaugeOpenStreams(openStreams);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Router router() {
        return router;
    }

    /** Serves one request. Never throws: every failure becomes a JSON error response (or, once streaming, is logged). */
    public void handle(HttpRequest request, HttpResponse engineResponse) {
        String requestId = RequestIds.of(request.headers(REQUEST_ID_HEADER));
        try (RequestObservation observed = RequestObservation.start(observability, request, requestId);
                Scope ignored = observed.context().makeCurrent()) {
            handle(requestId, request, engineResponse, observed);
        }
    }

    private void handle(
            String requestId, HttpRequest request, HttpResponse engineResponse, RequestObservation observed) {
        long start = System.nanoTime();
        UnreadBodyGuard body = new UnreadBodyGuard(engineResponse, request.hasBody());
        StatusRecorder response = new StatusRecorder(body);
        String[] route = {"unmatched"};
        inFlight.enter();
        try {
            response.header(REQUEST_ID_HEADER, requestId);
            if (draining) {
                throw new HttpStatusException(503, SHUTTING_DOWN, null, Map.of("Connection", "close"));
            }
            process(requestId, request, response, route, body);
        } catch (Throwable failure) {
            fail(requestId, request, response, failure);
        } finally {
            inFlight.exit();
            metrics.record(request.method(), response.status(), route[0], System.nanoTime() - start);
            observed.finish(route[0], response.status());
        }
        if (body.bodyUnread()) {
            BodyIntake.linger(request);
        }
    }

    /** From now on, new requests get 503 {@code Server is shutting down}; requests in flight go on. */
    public void beginDrain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Waits until no request is in flight, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitIdle(timeout);
    }

    /**
     * Asks every open stream to end now (an error frame saying the server is shutting down, then {@code [DONE]});
     * returns how many were asked. For the last part of a stop, so streams end before connections are closed.
     */
    public int endOpenStreams() {
        return openStreams.endAll();
    }

    public int inFlight() {
        return inFlight.count();
    }

    /** {@code WWW-Authenticate} and {@code Retry-After} of a refusal, each only when the refusal has one. */
    private static Map<String, String> rejectionHeaders(AuthDecision.Rejected rejected) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (rejected.wwwAuthenticate() != null) {
            headers.put("WWW-Authenticate", rejected.wwwAuthenticate());
        }
        if (rejected.retryAfter() != null) {
            headers.put("Retry-After", HttpStatusException.retryAfterSeconds(rejected.retryAfter()));
        }
        return headers;
    }

    /** Writes the JSON answer for a failure that happened outside {@link #handle} (e.g. inside the engine). */
    public static void writeError(HttpResponse response, ErrorResponse error, String requestId) {
        if (response.isCommitted()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(error.body());
        } catch (JsonProcessingException e) {
            bytes = "{\"error\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8);
        }
        response.status(error.status());
        if (requestId != null) {
            response.header(REQUEST_ID_HEADER, requestId);
        }
        error.headers().forEach(response::header);
        response.header("Content-Type", "application/json");
        response.send(bytes);
    }

    private void process(
            String requestId, HttpRequest request, HttpResponse response, String[] route, UnreadBodyGuard guard)
            throws Exception {
        String path;
        try {
            path = PathNormalizer.normalize(request.rawPath());
        } catch (InvalidPathException e) {
            LOG.debug("Request {}: invalid path ({})", requestId, e.getMessage());
            throw new HttpStatusException(400, "Invalid path");
        }
        if (cors != null) {
            if (Cors.isPreflight(request)) {
                cors.answerPreflight(request, response);
                return;
            }
            cors.applyTo(request, response);
        }

        RequestContext context = new RequestContext();
        String resourceId = null;
        if (auth != null) {
            switch (auth.evaluate(new NormalizedAuthRequest(request, path))) {
                case AuthDecision.Rejected r -> {
                    metrics.authFailure(r.status(), r.reason());
                    throw new HttpStatusException(r.status(), r.error(), r.reason(), rejectionHeaders(r));
                }
                case AuthDecision.Allowed allowed -> {
                    context.set(RequestContext.USER_KEY, allowed.user());
                    resourceId = allowed.resourceId();
                    if (resourceId != null) {
                        context.set(RESOURCE_ID_KEY, resourceId);
                    }
                }
                case AuthDecision.Open open -> {}
            }
        }

        RouteMatch.Found found = switch (router.match(request.method(), path)) {
            case RouteMatch.Found f -> f;
            case RouteMatch.NotFound n -> throw new HttpStatusException(404, "Not found");
            case RouteMatch.MethodNotAllowed m ->
                throw new HttpStatusException(
                        405, "Method not allowed", null, Map.of("Allow", String.join(", ", m.allowed())));
        };

        route[0] = found.route().template();
        byte[] body = null;
        if (hasBody(found.route().method())) {
            BodyIntake.requireJson(request);
            body = bodies.read(requestId, request, guard);
        }
        Exchange exchange = new Exchange(
                requestId, request, response, path, found.params(), body, context, resourceId, openStreams);
        found.route().handler().handle(exchange);
    }

    private void fail(String requestId, HttpRequest request, HttpResponse response, Throwable failure) {
        ErrorResponse error = ErrorResponse.forFailure(failure, requestId);
        if (error.unexpected()) {
            // The path only: the query may hold an apiKey.
            LOG.error(
                    "Request {} {} {} failed",
                    requestId,
                    LogSafe.text(request.method()),
                    LogSafe.text(request.rawPath()),
                    LogSafe.throwable(failure));
        } else if (failure instanceof StorageUnavailableException || (error.status() >= 500 && error.status() != 503)) {
            // A storage outage's body names the store only; the driver's words (hosts, ports, pool state) go here.
            String detail = failure instanceof StorageUnavailableException outage
                    ? " (" + LogSafe.text(outage.detail().orElse("no detail")) + ")"
                    : "";
            LOG.warn(
                    "Request {} {} {}: {} {}{}",
                    requestId,
                    LogSafe.text(request.method()),
                    LogSafe.text(request.rawPath()),
                    error.status(),
                    LogSafe.text(error.body().path("error").asText()),
                    detail);
        }
        if (response.isCommitted()) {
            LOG.debug("Request {}: response already committed; cannot send {}", requestId, error.status());
            return;
        }
        try {
            writeError(response, error, requestId);
        } catch (RuntimeException e) {
            LOG.debug("Request {}: could not send the error response ({})", requestId, LogSafe.text(e));
        }
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    public static final class Builder {
        private Router router;
        private AuthPipeline auth;
        private CorsOptions cors;
        private long maxBodyBytes = 1024 * 1024;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private MeterRegistry meters;
        private Observability observability = Observability.OFF;

        private Builder() {}

        /**
         * Spans, request and trace ids in the MDC, and the observability agent runs of a request record into (bound
         * to the request's OpenTelemetry context); default {@link Observability#OFF} (the MDC still gets the ids).
         */
        public Builder observability(Observability observability) {
            this.observability = Objects.requireNonNull(observability, "observability");
            return this;
        }

        /**
         * Records a timer {@code mastra.http.server.requests} (method, route, status) per request, the counter
         * {@code mastra.auth.failures} (reason) and the gauge {@code mastra.streams.open}; null = none.
         */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        public Builder router(Router router) {
            this.router = router;
            return this;
        }

        /** Auth for every request; null = every route open. */
        public Builder auth(AuthPipeline auth) {
            this.auth = auth;
            return this;
        }

        /** CORS settings; null = CORS off. */
        public Builder cors(CorsOptions cors) {
            this.cors = cors;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How long a request body may take to arrive in full (default 30 s); then the connection is closed. */
        public Builder bodyTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("bodyTimeout must be positive");
            }
            this.bodyTimeout = timeout;
            return this;
        }

        public RequestPipeline build() {
            return new RequestPipeline(this);
        }
    }
}
