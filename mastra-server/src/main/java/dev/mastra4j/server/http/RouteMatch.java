package dev.mastra4j.server.http;

import java.util.Map;
import java.util.Set;

/** What the {@link Router} found for a method and normalised path. */
public sealed interface RouteMatch {

    /** A route fits; {@code params} holds its decoded path parameters. */
    record Found(Route route, Map<String, String> params) implements RouteMatch {
        public Found {
            params = Map.copyOf(params);
        }
    }

    /** The path is known but not with this method; {@code allowed} goes into the {@code Allow} header. */
    record MethodNotAllowed(Set<String> allowed) implements RouteMatch {
        public MethodNotAllowed {
            allowed = Set.copyOf(allowed);
        }
    }

    /** No route has this path. */
    record NotFound() implements RouteMatch {}
}
