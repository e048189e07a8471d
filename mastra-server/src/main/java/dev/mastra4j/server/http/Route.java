package dev.mastra4j.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One method and path template, such as {@code GET /api/agents/:agentId}, with its handler. A {@code :name} segment
 * (Mastra's syntax, as in custom API routes and {@code RoutePattern}) matches any one non-empty segment of the
 * normalised path. {@link #openApiPath(String)} gives the OpenAPI form ({@code /api/agents/{agentId}}) for documents
 * and metric tags.
 *
 * @param method   upper-case method
 * @param template the path template
 * @param summary  one line for the OpenAPI document and logs
 * @param handler  what runs for a match
 */
public record Route(String method, String template, String summary, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
        method = method.toUpperCase(Locale.ROOT);
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("A route template must start with '/': " + template);
        }
        summary = summary == null ? "" : summary;
    }

    /** The template's segments, {@code :name} ones included. */
    public List<String> segments() {
        return split(template);
    }

    /** The parameter names in order of appearance. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments()) {
            if (isParameter(segment)) {
                names.add(segment.substring(1));
            }
        }
        return names;
    }

    /** Fills {@code params} and returns true when {@code path} fits this template (methods aside). */
    boolean matchPath(List<String> pathSegments, Map<String, String> params) {
        List<String> segments = segments();
        if (segments.size() != pathSegments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = pathSegments.get(i);
            if (isParameter(expected)) {
                params.put(expected.substring(1), actual);
            } else if (!expected.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** {@code /api/agents/:agentId} → {@code /api/agents/{agentId}}: the path as OpenAPI writes it. */
    public static String openApiPath(String template) {
        if (template.indexOf(':') < 0) {
            return template;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : split(template)) {
            path.append('/').append(isParameter(segment) ? "{" + segment.substring(1) + "}" : segment);
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Whether this segment of a template is a parameter ({@code :name}). */
    public static boolean isParameter(String segment) {
        return segment.length() > 1 && segment.charAt(0) == ':';
    }

    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
