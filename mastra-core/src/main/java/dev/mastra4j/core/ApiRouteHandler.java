package dev.mastra4j.core;

/**
 * Answers a request to a custom {@link ApiRoute}: Mastra's {@code handler(c)}.
 *
 * <p>Failures are mapped like those of the built-in routes: a {@link dev.mastra4j.core.error.MastraException} with a
 * 4xx status becomes that status with {@code {"error": message}} (an
 * {@link dev.mastra4j.core.error.InvalidRequestException} a 400 with its {@code issues}); anything else, including a
 * null answer, is a 500 {@code {"error": "Internal server error", "requestId": ...}}, logged with its cause and
 * never sent with a stack trace.
 */
@FunctionalInterface
public interface ApiRouteHandler {

    ApiResponse handle(ApiRouteContext context) throws Exception;
}
