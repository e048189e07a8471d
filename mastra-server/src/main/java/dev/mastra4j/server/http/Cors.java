package dev.mastra4j.server.http;

import dev.mastra4j.core.CorsOptions;
import java.util.List;
import java.util.Locale;

/**
 * CORS for the API. A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 * answered before authentication, with headers only; every other response gets the allow-origin headers so a
 * browser can read it, error responses included.
 */
final class Cors {

    private final CorsOptions options;

    Cors(CorsOptions options) {
        this.options = options;
    }

    static boolean isPreflight(HttpRequest request) {
        return "OPTIONS".equals(request.method().toUpperCase(Locale.ROOT))
                && !request.headers("Origin").isEmpty()
                && !request.headers("Access-Control-Request-Method").isEmpty();
    }

    /** Headers for any response to a request from {@code origin} (null when the request has none). */
    void applyTo(HttpRequest request, HttpResponse response) {
        String origin = first(request.headers("Origin"));
        response.header("Vary", "Origin");
        if (!options.allowsOrigin(origin)) {
            return;
        }
        response.header("Access-Control-Allow-Origin", allowOriginValue(origin));
        if (options.allowCredentials()) {
            response.header("Access-Control-Allow-Credentials", "true");
        }
        response.header("Access-Control-Expose-Headers", "X-Request-Id");
    }

    /** 204 with the preflight headers; an origin that is not allowed gets no allow headers, so the browser refuses. */
    void answerPreflight(HttpRequest request, HttpResponse response) {
        String origin = first(request.headers("Origin"));
        response.header("Vary", "Origin");
        if (options.allowsOrigin(origin)) {
            response.header("Access-Control-Allow-Origin", allowOriginValue(origin));
            response.header("Access-Control-Allow-Methods", String.join(", ", options.allowedMethods()));
            response.header("Access-Control-Allow-Headers", String.join(", ", options.allowedHeaders()));
            if (options.allowCredentials()) {
                response.header("Access-Control-Allow-Credentials", "true");
            }
            if (options.maxAge() != null) {
                response.header(
                        "Access-Control-Max-Age", Long.toString(options.maxAge().toSeconds()));
            }
        }
        response.status(204);
        response.send(new byte[0]);
    }

    /** {@code *} for a wildcard (which {@link CorsOptions} never combines with credentials), else the listed origin. */
    private String allowOriginValue(String origin) {
        return options.allowedOrigins().contains("*") ? "*" : origin;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
