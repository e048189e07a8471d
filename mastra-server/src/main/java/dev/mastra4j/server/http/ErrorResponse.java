package dev.mastra4j.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.agent.StructuredOutputException;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.model.ModelProviderException;
import dev.mastra4j.core.model.ModelTimeoutException;
import dev.mastra4j.core.tool.ToolExecutionException;
import dev.mastra4j.core.tool.ToolTimeoutException;
import dev.mastra4j.server.wire.Wire;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The JSON error answer for a failure. Bodies carry a human message and sometimes {@code issues}, {@code reason} or
 * {@code requestId}; never a stack trace, class name or upstream body.
 *
 * @param status     HTTP status
 * @param body       the JSON body
 * @param headers    extra headers
 * @param unexpected true when the cause is a bug or an unknown failure and must be logged with its stack trace
 */
public record ErrorResponse(int status, ObjectNode body, Map<String, String> headers, boolean unexpected) {

    public static final String INTERNAL = "Internal server error";

    public ErrorResponse {
        headers = Map.copyOf(headers);
    }

    public static ErrorResponse of(int status, String error) {
        return new ErrorResponse(status, Wire.error(error), Map.of(), false);
    }

    /** Maps any failure of a request to its answer. */
    public static ErrorResponse forFailure(Throwable failure, String requestId) {
        return switch (failure) {
            case HttpStatusException e -> {
                ObjectNode body = Wire.error(e.error());
                if (e.reason() != null) {
                    body.put("reason", e.reason());
                }
                yield new ErrorResponse(e.status(), body, e.headers(), false);
            }
            case InvalidRequestException e -> new ErrorResponse(400, Wire.invalidRequest(e), Map.of(), false);
            case NotFoundException e -> of(404, e.getMessage());
            // The store's message is written for clients: the store's name, no host, password, SQL or pool state.
            case StorageUnavailableException e -> of(503, e.getMessage());
            case ModelProviderException e -> of(e.status(), e.getMessage());
            case ModelTimeoutException e -> of(e.status(), e.getMessage());
            // The model's answer did not fit the structured-output schema: Mastra's message, a 502 (not its 500).
            case StructuredOutputException e -> of(e.status(), e.getMessage());
            // The message names the tool and its limit only.
            case ToolTimeoutException e -> of(504, e.getMessage());
            case ToolExecutionException e -> {
                // The tool's own message may hold internals; the log has it, the caller gets the tool's id.
                ObjectNode body = Wire.error("Tool " + e.toolId() + " failed").put("requestId", requestId);
                yield new ErrorResponse(500, body, Map.of(), true);
            }
            // A run interrupted because the server stopped before it finished.
            case CancellationException e -> of(503, RequestPipeline.SHUTTING_DOWN);
            case MastraException e
            when e.status() >= 400 && e.status() < 500 && e.status() != 499 -> of(e.status(), e.getMessage());
            default -> new ErrorResponse(500, Wire.error(INTERNAL).put("requestId", requestId), Map.of(), true);
        };
    }
}
