package dev.mastra4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.context.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a custom {@link ApiRoute}, as its handler sees it (Mastra's Hono context {@code c}): the parsed
 * request and the server's {@link RequestContext}. By the time a handler runs, the path is normalised, auth has
 * passed and a body has been read within the size limit. Implemented by the server.
 */
public interface ApiRouteContext {

    /** The method, upper-case. */
    String method();

    /** The normalised, percent-decoded path. */
    String path();

    /**
     * A path parameter of the route ({@code :id} is {@code param("id")}), percent-decoded: {@code c.req.param(name)}.
     *
     * @throws IllegalArgumentException when the route has no such parameter
     */
    String param(String name);

    /** Every path parameter of the route, by name. */
    Map<String, String> params();

    /** The first value of a query parameter: {@code c.req.query(name)}. */
    Optional<String> query(String name);

    /** Every value of a query parameter, in order; empty when absent. */
    List<String> queries(String name);

    /** The first value of a header (name case-insensitive): {@code c.req.header(name)}. */
    Optional<String> header(String name);

    /** Every value of a header, in order; empty when absent. */
    List<String> headers(String name);

    /**
     * The JSON body: {@code c.req.json()}. A missing node when the request has no body (a GET, or an empty POST).
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException (400, issue on {@code body}) when the body is not JSON
     */
    JsonNode json();

    /**
     * The JSON body bound to {@code type} (a record, say); unknown properties are ignored.
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException (400) when there is no body, it is not JSON, or it does
     *         not fit {@code type}
     */
    <T> T json(Class<T> type);

    /**
     * Values the server set for this request: the authenticated user under {@link RequestContext#USER_KEY} on a
     * protected route, and the user's resource id under {@code mastra__resourceId} when the provider maps one.
     */
    RequestContext requestContext();

    /** The authenticated user; empty on a public route or with auth off. */
    default Optional<Object> user() {
        return requestContext().user();
    }

    /** The Mastra instance serving the request, for its agents and tools: {@code c.get("mastra")}. */
    Mastra mastra();

    /** The id of this request, as sent back in {@code X-Request-Id} and used in logs. */
    String requestId();
}
