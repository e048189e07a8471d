package dev.mastra4j.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches a method and an already normalised path against a fixed list of routes. Routes are tried in the order
 * they were added; the first whose template and method fit wins.
 */
public final class Router {

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Route> routes() {
        return routes;
    }

    public RouteMatch match(String method, String normalizedPath) {
        String upper = method.toUpperCase(Locale.ROOT);
        List<String> segments = Route.split(normalizedPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = new HashMap<>();
            if (!route.matchPath(segments, params)) {
                continue;
            }
            if (route.method().equals(upper)) {
                return new RouteMatch.Found(route, params);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        public Builder get(String template, String summary, Handler handler) {
            return route(new Route("GET", template, summary, handler));
        }

        public Builder post(String template, String summary, Handler handler) {
            return route(new Route("POST", template, summary, handler));
        }

        public Builder route(Route route) {
            for (Route existing : routes) {
                if (existing.method().equals(route.method())
                        && existing.template().equals(route.template())) {
                    throw new IllegalArgumentException(
                            "Route registered twice: " + route.method() + " " + route.template());
                }
            }
            routes.add(route);
            return this;
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
