package dev.mastra4j.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as {@link LocalClerkBackendApi} received it, recorded before any check, so refused and failed
 * requests are visible too.
 *
 * @param method  HTTP method, for example {@code POST}
 * @param path    the raw path, for example {@code /v1/users/user_1/organization_memberships}
 * @param query   the raw query string, or {@code ""} when there is none
 * @param headers header values by lower-case name
 * @param body    the request body as UTF-8 text ({@code ""} when empty)
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The path, then {@code ?} and the query when there is one: what fault and count prefixes are matched against. */
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
