package dev.mastra4j.spring.boot.security;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.server.http.InvalidPathException;
import dev.mastra4j.server.http.PathNormalizer;
import dev.mastra4j.server.http.Query;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the auth pipeline sees of a request to one of the application's own endpoints: its normalised path (as
 * Mastra's server normalises), headers, cookies and peer address.
 */
final class ServletAuthRequest implements AuthRequest {

    private final HttpServletRequest request;
    private final String path;

    private ServletAuthRequest(HttpServletRequest request, String path) {
        this.request = request;
        this.path = path;
    }

    /** The request with its path normalised, or empty when the path cannot be normalised. */
    static Optional<AuthRequest> of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        try {
            return Optional.of(new ServletAuthRequest(request, PathNormalizer.normalize(uri.isEmpty() ? "/" : uri)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Query.parse(request.getQueryString()).first(name);
    }

    @Override
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(request.getRemoteAddr());
    }
}
