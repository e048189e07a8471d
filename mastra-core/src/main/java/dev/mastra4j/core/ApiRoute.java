package dev.mastra4j.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route of your own next to Mastra's, the Java form of Mastra's
 * {@code registerApiRoute(path, {method, handler, requiresAuth})} in {@code server.apiRoutes}:
 *
 * <pre>{@code
 * Mastra.builder().agent(weatherAgent).server(s -> s
 *         .auth(clerk)
 *         .apiRoute("/custom/items/:id", "POST", ctx -> ApiResponse.json(Map.of(
 *                 "id", ctx.param("id"), "body", ctx.json(), "user", ctx.user().isPresent())))
 *         .apiRoute(ApiRoute.publicRoute("/status", "GET", ctx -> ApiResponse.text(200, "ok"))))
 *     .build().start();
 * }</pre>
 *
 * <p>A custom route goes through the same request pipeline as the built-in ones: path normalisation, CORS, auth,
 * body limit and media type, error mapping. It is protected by the auth provider unless it is public
 * ({@code requiresAuth} false, as Mastra's option); a protected route sees the authenticated user in
 * {@link ApiRouteContext#requestContext()}. With no auth provider every route is open, as in Mastra.
 *
 * <p>Path rules, checked here: it starts with {@code /}; it is not {@code /api} and does not start with
 * {@code /api/} (reserved for Mastra's routes, as Mastra 1.x refuses it); segments are literals of
 * {@code A-Z a-z 0-9 . _ ~ -} (not {@code .} or {@code ..}) or parameters {@code :name}
 * ({@code name}: a letter or {@code _}, then letters, digits or {@code _}; unique within the path); no empty
 * segment and no trailing {@code /} (the root {@code /} itself is allowed). A parameter matches one non-empty,
 * percent-decoded segment. Methods: {@code GET}, {@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH}, or
 * {@code ALL} for all five.
 *
 * @param path         the path, with {@code :name} parameters as in Mastra (Hono)
 * @param method       one of {@link #METHODS} (case-insensitive; stored upper-case)
 * @param handler      what answers the request
 * @param requiresAuth true (the default of {@link #of}) to put the route behind the auth provider
 */
public record ApiRoute(String path, String method, ApiRouteHandler handler, boolean requiresAuth) {

    /** The methods a custom route may have; {@code ALL} stands for the other five. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "ALL");
    /** The prefix of Mastra's own routes, which custom routes must stay out of. */
    public static final String API_PREFIX = "/api";

    private static final List<String> ALL = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z_][A-Za-z0-9_]*");

    public ApiRoute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Invalid options for route \"" + path + "\": method must be one of "
                    + "GET, POST, PUT, DELETE, PATCH, ALL, was " + method);
        }
        checkPath(path);
    }

    /** A protected route: behind the auth provider, as Mastra's default ({@code requiresAuth: true}). */
    public static ApiRoute of(String path, String method, ApiRouteHandler handler) {
        return new ApiRoute(path, method, handler, true);
    }

    /** A public route ({@code requiresAuth: false}): never asks for credentials and sees no user. */
    public static ApiRoute publicRoute(String path, String method, ApiRouteHandler handler) {
        return new ApiRoute(path, method, handler, false);
    }

    /** The methods this route answers: {@link #method()}, or all five for {@code ALL}. */
    public List<String> methods() {
        return method.equals("ALL") ? ALL : List.of(method);
    }

    /** The path's segments, parameters included ({@code :id}); empty for the root. */
    public List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /**
     * Whether some request could match both this route and {@code other}: a shared method and a path that both
     * accept (same number of segments, each pair equal or one of them a parameter).
     */
    public boolean overlaps(ApiRoute other) {
        if (methods().stream().noneMatch(other.methods()::contains)) {
            return false;
        }
        List<String> mine = segments();
        List<String> theirs = other.segments();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            String a = mine.get(i);
            String b = theirs.get(i);
            if (!a.startsWith(":") && !b.startsWith(":") && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private static void checkPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Custom API route \"" + path + "\" must start with \"/\"");
        }
        if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
            throw new IllegalArgumentException("Custom API route \"" + path + "\" must not start with \"" + API_PREFIX
                    + "\" — that path is reserved for built-in Mastra routes. Choose a different path (e.g. \""
                    + path.replaceFirst(API_PREFIX, "/custom") + "\").");
        }
        if (path.equals("/")) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (PARAMETER.matcher(segment).matches()) {
                if (!names.add(segment)) {
                    throw new IllegalArgumentException(
                            "Custom API route \"" + path + "\" repeats the parameter " + segment);
                }
            } else if (!LITERAL.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Custom API route \"" + path + "\" has an invalid segment \""
                        + segment + "\" (literals: A-Z a-z 0-9 . _ ~ -; parameters: :name; no empty segments)");
            }
        }
    }
}
