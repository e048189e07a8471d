package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One tool on the server, as {@code client.getTool(id)} in {@code @mastra/client-js}. Cheap; makes no call until used. */
public final class ToolClient {

    private final HttpTransport transport;
    private final String id;
    private final String path;

    ToolClient(HttpTransport transport, String id) {
        this.transport = transport;
        this.path = "/api/tools/" + HttpTransport.segment(id);
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code GET /api/tools/{id}}; an unknown id raises {@link MastraClientException} with status 404. */
    public ToolInfo details() {
        return ToolInfo.fromJson(id, transport.json("GET", path, null));
    }

    /**
     * Runs the tool on {@code input} (a record, map or {@link JsonNode}, sent as JSON) and returns its output.
     *
     * <p>Input that does not match the tool's schema is not an exception, as in {@code @mastra/client-js}: the tool
     * does not run, and the result is Mastra's validation error object, {@code {"error": true, "message": "Tool input
     * validation failed for <id>. ...", "validationErrors": {"errors": [...], "fields": {...}}}} (see
     * {@link #isValidationError(JsonNode)}). A request the server cannot read (no input) raises
     * {@link MastraClientException} with status 400 and its issues; an unknown tool, 404.
     */
    public JsonNode execute(Object input) {
        return execute(input, Map.of());
    }

    /** As {@link #execute(Object)}, with request-context values for the tool. */
    public JsonNode execute(Object input, Map<String, ?> requestContext) {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        body.set("data", JsonFields.MAPPER.valueToTree(input));
        if (requestContext != null && !requestContext.isEmpty()) {
            body.set("requestContext", JsonFields.MAPPER.valueToTree(requestContext));
        }
        return transport.json("POST", path + "/execute", body);
    }

    /**
     * Whether a result of {@link #execute} is Mastra's validation error object rather than the tool's output: an
     * object whose {@code error} is {@code true} and which has {@code validationErrors}.
     */
    public static boolean isValidationError(JsonNode result) {
        return result != null
                && result.isObject()
                && result.path("error").isBoolean()
                && result.path("error").booleanValue()
                && result.has("validationErrors");
    }
}
