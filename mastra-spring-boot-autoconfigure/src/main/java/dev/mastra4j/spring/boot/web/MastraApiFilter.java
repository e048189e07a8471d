package dev.mastra4j.spring.boot.web;

import dev.mastra4j.server.http.RequestPipeline;
import dev.mastra4j.server.http.RouteMatch;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the Mastra API inside a servlet application: a request for a Mastra path ({@link MastraPaths}) goes through
 * mastra4j's engine-neutral {@link RequestPipeline} (auth, routing, bodies, streams, error answers, exactly as the
 * standalone server) and goes no further; every other request continues down the chain to the application.
 *
 * <p>Registered ahead of Spring Security's filter chain, so the application's security rules neither see nor change
 * Mastra's requests: Mastra protects its own routes with its own auth settings. A stream is written to the
 * container's output stream frame by frame on the request's thread (a virtual thread with
 * {@code spring.threads.virtual.enabled=true}).
 */
public final class MastraApiFilter extends OncePerRequestFilter {

    private final RequestPipeline pipeline;
    private final MastraPaths paths;
    private final boolean ownsApiPaths;

    /**
     * @param ownsApiPaths true: every Mastra path is answered by Mastra; false: only those Mastra routes, the rest go
     *                     on to the application
     */
    public MastraApiFilter(RequestPipeline pipeline, MastraPaths paths, boolean ownsApiPaths) {
        this.pipeline = pipeline;
        this.paths = paths;
        this.ownsApiPaths = ownsApiPaths;
    }

    /** The pipeline requests go through (for draining on stop). */
    public RequestPipeline pipeline() {
        return pipeline;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> rawPath = paths.rawApiPath(request);
        if (rawPath.isEmpty() || (!ownsApiPaths && !routed(request.getMethod(), rawPath.get()))) {
            chain.doFilter(request, response);
            return;
        }
        pipeline.handle(new ServletHttpRequest(request, rawPath.get()), new ServletHttpResponse(response));
    }

    private boolean routed(String method, String rawPath) {
        return MastraPaths.normalized(rawPath)
                .map(path -> !(pipeline.router().match(method, path) instanceof RouteMatch.NotFound))
                .orElse(true);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
