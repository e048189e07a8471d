package dev.mastra4j.server.helidon;

import dev.mastra4j.core.util.Ids;
import dev.mastra4j.server.http.ErrorResponse;
import dev.mastra4j.server.http.RequestPipeline;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the errors Helidon raises itself, before a request reaches the pipeline (a malformed request line or
 * header, for example), in the server's JSON shape with an {@code X-Request-Id}, instead of Helidon's plain-text
 * pages. Helidon's own message is neither sent nor logged: it can quote the request. A failure Helidon raises before
 * it has read a request line is the client's malformed input, and is answered 400. Helidon answers headers larger than
 * the limit with 400; here they get 431.
 */
final class JsonDirectHandler implements DirectHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonDirectHandler.class);
    /** Helidon 4.5's message when the header block is larger than {@code maxHeadersSize}; it answers 400 for it. */
    static final String HEADER_SIZE_EXCEEDED = "Header size exceeded";

    static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    static DirectHandlers all() {
        JsonDirectHandler handler = new JsonDirectHandler();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders responseHeaders,
            String message) {
        String requestId = Ids.uuid();
        if (eventType == EventType.INTERNAL_ERROR && request == TransportRequest.empty()) {
            // Helidon failed before it had a request line: its parser throws something other than a "bad request"
            // for some malformed lines (a method with a character outside the token set). No request reached the
            // server; the client sent bytes that are not HTTP. Answered 400, which also keeps Helidon from logging
            // a stack trace, as it does for every 500 it sends.
            LOG.debug("Request {}: malformed request line; answered 400", requestId);
            status = Status.BAD_REQUEST_400;
        } else if (eventType == EventType.BAD_REQUEST && HEADER_SIZE_EXCEEDED.equals(message)) {
            LOG.debug("Request {}: headers larger than the limit; answered 431", requestId);
            status = HEADERS_TOO_LARGE;
        } else if (status.code() < 500) {
            LOG.debug("Request {}: refused by the HTTP parser ({})", requestId, status.code());
        }
        int code = status.code();
        String error = switch (code) {
            case 400 -> "Bad request";
            case 403 -> "Access denied";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 414 -> "URI too long";
            case 431 -> "Request headers too large";
            case 500 -> ErrorResponse.INTERNAL;
            case 505 -> "HTTP version not supported";
            default -> status.reasonPhrase();
        };
        StringBuilder body = new StringBuilder("{\"error\":\"").append(error).append('"');
        if (code >= 500) {
            body.append(",\"requestId\":\"").append(requestId).append('"');
        }
        body.append('}');
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create(RequestPipeline.REQUEST_ID_HEADER), requestId)
                .keepAlive(eventType.keepAlive())
                .entity(body.toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
