package dev.mastra4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mastra4j.core.ApiResponse;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.ApiRouteContext;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.Route;
import dev.mastra4j.server.http.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The custom routes of {@link dev.mastra4j.core.ServerOptions#apiRoutes()} as router routes: {@code :name} becomes
 * {@code {name}}, {@code ALL} one route per method, and each handler gets an {@link ApiRouteContext} over its
 * {@link Exchange}. A custom route that could match a request meant for a built-in route is refused when the router
 * is built.
 */
final class CustomRoutes {

    static final String SUMMARY = "Custom route";

    private CustomRoutes() {}

    /**
     * Adds {@code mastra}'s custom routes after {@code builtIn}, and returns which router route came from which
     * custom route.
     *
     * @throws IllegalStateException when a custom route overlaps a built-in one
     */
    static Map<Route, ApiRoute> register(Mastra mastra, List<Route> builtIn, Router.Builder router) {
        Map<Route, ApiRoute> added = new LinkedHashMap<>();
        for (ApiRoute custom : mastra.serverOptions().apiRoutes()) {
            String template = template(custom);
            for (String method : custom.methods()) {
                Route route = new Route(method, template, SUMMARY, ex -> handle(mastra, custom, ex));
                for (Route existing : builtIn) {
                    if (existing.method().equals(method) && overlaps(existing.segments(), route.segments())) {
                        throw new IllegalStateException("Custom API route " + method + " " + custom.path()
                                + " conflicts with the built-in route " + existing.method() + " "
                                + existing.template());
                    }
                }
                router.route(route);
                added.put(route, custom);
            }
        }
        return added;
    }

    /** The router template of a custom route: its path, in the same {@code :name} syntax. */
    static String template(ApiRoute route) {
        return "/" + String.join("/", route.segments());
    }

    private static boolean overlaps(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (!Route.isParameter(x) && !Route.isParameter(y) && !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static void handle(Mastra mastra, ApiRoute route, Exchange ex) throws Exception {
        ApiResponse response = route.handler().handle(new Context(mastra, route, ex));
        if (response == null) {
            throw new IllegalStateException(
                    "The handler of custom route " + route.method() + " " + route.path() + " returned null");
        }
        ex.send(response.status(), response.contentType(), response.body(), response.headers());
    }

    /** The handler's view of one exchange. */
    private record Context(Mastra mastra, ApiRoute route, Exchange ex) implements ApiRouteContext {

        @Override
        public String method() {
            return ex.method().toUpperCase(Locale.ROOT);
        }

        @Override
        public String path() {
            return ex.path();
        }

        @Override
        public String param(String name) {
            return ex.pathParam(name);
        }

        @Override
        public Map<String, String> params() {
            return ex.pathParams();
        }

        @Override
        public Optional<String> query(String name) {
            return ex.query().first(name);
        }

        @Override
        public List<String> queries(String name) {
            return ex.query().all(name);
        }

        @Override
        public Optional<String> header(String name) {
            return ex.header(name);
        }

        @Override
        public List<String> headers(String name) {
            return ex.headers(name);
        }

        @Override
        public JsonNode json() {
            return ex.hasBody() ? ex.jsonBody() : MissingNode.getInstance();
        }

        @Override
        public <T> T json(Class<T> type) {
            JsonNode body = json();
            if (body.isMissingNode()) {
                throw InvalidRequestException.of("body", "Request body is empty; expected JSON");
            }
            try {
                return Json.MAPPER.treeToValue(body, type);
            } catch (Exception e) {
                // Jackson's message may quote the input; the issue names the type only.
                throw InvalidRequestException.of("body", "Expected JSON that fits " + type.getSimpleName());
            }
        }

        @Override
        public RequestContext requestContext() {
            return ex.requestContext();
        }

        @Override
        public String requestId() {
            return ex.requestId();
        }

        @Override
        public String toString() {
            return "ApiRouteContext[" + route.method() + " " + route.path() + "]";
        }
    }
}
