package dev.mastra4j.spring.boot.web;

import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.server.http.InvalidPathException;
import dev.mastra4j.server.http.PathNormalizer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which requests of the application are Mastra's: {@code /api}, everything under {@code /api/}, and
 * {@code /health}, and the paths of custom API routes (behind the optional base path), decided on the normalised
 * path, so that any spelling of a Mastra path reaches Mastra and is checked there.
 */
public final class MastraPaths {

    private final String basePath;
    private final List<RoutePattern> customRoutes;

    /**
     * @param basePath     a prefix such as {@code /mastra}, or empty
     * @param customRoutes the paths of the Mastra instance's custom API routes
     */
    public MastraPaths(String basePath, List<RoutePattern> customRoutes) {
        this.customRoutes = List.copyOf(customRoutes);
        String base = basePath == null ? "" : basePath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.isEmpty() && !base.startsWith("/")) {
            base = "/" + base;
        }
        this.basePath = base;
    }

    /**
     * The raw path (percent-encoded, as sent) Mastra sees for {@code request}, or empty when the request is not for
     * Mastra: the request URI less the context path and the base path.
     */
    public Optional<String> rawApiPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        if (!basePath.isEmpty()) {
            if (!uri.startsWith(basePath)) {
                return Optional.empty();
            }
            uri = uri.substring(basePath.length());
        }
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return Optional.empty();
        }
        return isMastraPath(uri) ? Optional.of(uri) : Optional.empty();
    }

    /**
     * Whether a raw path is Mastra's. A path that cannot be normalised is Mastra's when it starts like one, so that
     * Mastra answers it (400 {@code Invalid path}), as the standalone server does.
     */
    boolean isMastraPath(String rawPath) {
        String path;
        try {
            path = PathNormalizer.normalize(rawPath);
        } catch (InvalidPathException e) {
            return startsLikeMastra(rawPath.toLowerCase(Locale.ROOT));
        }
        if (startsLikeMastra(path)) {
            return true;
        }
        for (RoutePattern route : customRoutes) {
            if (route.matches("GET", path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsLikeMastra(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/health") || path.startsWith("/health/");
    }

    /** The normalised path of a raw one, or empty when it cannot be normalised. */
    static Optional<String> normalized(String rawPath) {
        try {
            return Optional.of(PathNormalizer.normalize(rawPath));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
