package dev.mastra4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One routed request and its response, as a handler sees it. By the time a handler runs, the path is normalised,
 * auth has passed, the route matched, and a POST body has been read within the size limit.
 */
public final class Exchange {

    private final String requestId;
    private final HttpRequest request;
    private final HttpResponse response;
    private final String path;
    private final Map<String, String> params;
    private final byte[] body;
    private final RequestContext requestContext;
    private final String resourceId;
    private final OpenStreams openStreams;
    private JsonNode json;

    /** Undoes a registration; closing twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    Exchange(
            String requestId,
            HttpRequest request,
            HttpResponse response,
            String path,
            Map<String, String> params,
            byte[] body,
            RequestContext requestContext,
            String resourceId,
            OpenStreams openStreams) {
        this.requestId = requestId;
        this.request = request;
        this.response = response;
        this.path = path;
        this.params = params;
        this.body = body;
        this.requestContext = requestContext;
        this.resourceId = resourceId;
        this.openStreams = openStreams;
    }

    /** The request as the auth layer sees it: same normalised path, headers and cookies. */
    public dev.mastra4j.auth.AuthRequest authRequest() {
        return new NormalizedAuthRequest(request, path);
    }

    /** The id sent back in {@code X-Request-Id} and used in logs. */
    public String requestId() {
        return requestId;
    }

    public String method() {
        return request.method();
    }

    /** The normalised path. */
    public String path() {
        return path;
    }

    /** A path parameter of the matched route, already decoded. */
    public String pathParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route has no parameter " + name);
        }
        return value;
    }

    /** Every path parameter of the matched route, decoded. */
    public Map<String, String> pathParams() {
        return params;
    }

    public Query query() {
        return Query.parse(request.rawQuery());
    }

    public List<String> headers(String name) {
        return request.headers(name);
    }

    public Optional<String> header(String name) {
        List<String> values = request.headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The JSON body of a POST; missing for other methods.
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException for a body that is not JSON (issue on {@code body})
     */
    public JsonNode jsonBody() {
        if (json == null) {
            json = body == null ? MissingNode.getInstance() : JsonBody.parse(body);
        }
        return json;
    }

    /** Whether the request carried a body with at least one byte (only ever read for POST, PUT and PATCH). */
    public boolean hasBody() {
        return body != null && body.length > 0;
    }

    /**
     * Values set by the server for this request: the authenticated user under {@link RequestContext#USER_KEY}.
     * Handlers merge the client's {@code requestContext} under these.
     */
    public RequestContext requestContext() {
        return requestContext;
    }

    public Optional<Object> user() {
        return requestContext.user();
    }

    /** The memory resource the auth provider assigned to this user; it overrides what a client sends. */
    public Optional<String> resourceId() {
        return Optional.ofNullable(resourceId);
    }

    public void json(int status, JsonNode value) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise a response", e);
        }
        response.status(status);
        response.header("Content-Type", "application/json");
        response.send(bytes);
    }

    /**
     * Sends a complete response: {@code status}, {@code headers}, and {@code body} as {@code contentType} (null for
     * no body).
     */
    public void send(int status, String contentType, byte[] body, Map<String, String> headers) {
        response.status(status);
        headers.forEach(response::header);
        if (contentType != null) {
            response.header("Content-Type", contentType);
        }
        response.send(body);
    }

    public void text(int status, String text) {
        response.status(status);
        response.header("Content-Type", "text/plain; charset=UTF-8");
        response.send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Commits a 200 {@code text/event-stream} response with caching and proxy buffering off; the stream holds at most
     * {@code maxBufferedBytes} of output while its client does not read.
     */
    public SseStream openEventStream(int maxBufferedBytes) {
        response.status(200);
        response.header("Content-Type", "text/event-stream");
        response.header("Cache-Control", "no-cache");
        response.header("X-Accel-Buffering", "no");
        return new SseStream(response.openStream(), maxBufferedBytes);
    }

    /**
     * For a response that may run longer than a stop waits ({@code shutdownTimeout}): {@code ender} is called, on
     * another thread, shortly before that time runs out, and must make this response finish promptly and cleanly.
     * Close the registration when the response is done.
     */
    public Registration onServerStop(Runnable ender) {
        return openStreams.register(ender);
    }

    public boolean isCommitted() {
        return response.isCommitted();
    }
}
