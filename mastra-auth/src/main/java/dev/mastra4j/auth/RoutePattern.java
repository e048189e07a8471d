package dev.mastra4j.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A path pattern with an optional set of methods. Forms: an exact path ({@code /api}), a prefix ending in
 * {@code *} ({@code /api/*}, which also matches {@code /api} itself), a path with {@code :param} segments
 * ({@code /api/agents/:id}), or a regular expression. Matching is case-sensitive and runs on the normalised path.
 */
public final class RoutePattern {

    private final String description;
    private final Matcher matcher;
    private final Set<String> methods;

    @FunctionalInterface
    private interface Matcher {
        boolean matches(String path);
    }

    private RoutePattern(String description, Matcher matcher, Set<String> methods) {
        this.description = description;
        this.matcher = matcher;
        this.methods = methods;
    }

    /** An exact path, a {@code prefix*} or a {@code :param} path; no methods means every method. */
    public static RoutePattern of(String pattern, String... methods) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("A route pattern must start with '/': " + pattern);
        }
        Set<String> methodSet = methodSet(methods);
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            String bare =
                    prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
            return new RoutePattern(pattern, path -> path.startsWith(prefix) || path.equals(bare), methodSet);
        }
        if (pattern.contains("/:")) {
            String[] segments = pattern.substring(1).split("/", -1);
            return new RoutePattern(pattern, path -> matchesSegments(segments, path), methodSet);
        }
        return new RoutePattern(pattern, pattern::equals, methodSet);
    }

    /** A regular expression that must match the whole normalised path. */
    public static RoutePattern regex(Pattern regex, String... methods) {
        return new RoutePattern(
                "regex:" + regex.pattern(), path -> regex.matcher(path).matches(), methodSet(methods));
    }

    public boolean matches(String method, String path) {
        return (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT))) && matcher.matches(path);
    }

    public Set<String> methods() {
        return methods;
    }

    private static boolean matchesSegments(String[] segments, String path) {
        if (!path.startsWith("/")) {
            return false;
        }
        String[] actual = path.substring(1).split("/", -1);
        if (actual.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            boolean param = segments[i].startsWith(":");
            if (param ? actual[i].isEmpty() : !segments[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> methodSet(String... methods) {
        return Arrays.stream(methods).map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return methods.isEmpty() ? description : methods + " " + description;
    }
}
