package dev.mastra4j.spring.boot.web;

import dev.mastra4j.server.http.HttpRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * A servlet request seen through {@link HttpRequest}. The path is the request URI as sent (still percent-encoded),
 * less the servlet context path and the Mastra base path, so the pipeline decodes it exactly once.
 */
public final class ServletHttpRequest implements HttpRequest {

    private final HttpServletRequest request;
    private final String rawPath;

    /**
     * @param rawPath the raw path Mastra sees, for example {@code /api/agents} (see {@link MastraPaths#rawApiPath})
     */
    public ServletHttpRequest(HttpServletRequest request, String rawPath) {
        this.request = request;
        this.rawPath = rawPath;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String rawQuery() {
        String query = request.getQueryString();
        return query == null ? "" : query;
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
    }

    @Override
    public InputStream body() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(request.getRemoteAddr());
    }
}
