package dev.mastra4j.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an HTTP request that authentication may look at. The server adapter implements it;
 * {@link #path()} is already normalised by the same code the router uses, so a pattern can never
 * see a spelling the router would treat differently.
 */
public interface AuthRequest {

    /** Upper-case method, for example {@code GET}. */
    String method();

    /** Normalised, percent-decoded path, for example {@code /api/agents}. */
    String path();

    /** All values of a header, matched case-insensitively; empty when absent. */
    List<String> headers(String name);

    default Optional<String> header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Cookies by name, parsed from every {@code Cookie} header as Mastra's server parses them: {@code name=value}
     * pairs split at {@code ;}, names and values stripped, one pair of double quotes removed, the first of a repeated
     * name kept. Adapters need not override it.
     */
    default Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    cookies.putIfAbsent(pair.substring(0, eq).strip(), value);
                }
            }
        }
        return cookies;
    }

    /** One query parameter, decoded. */
    Optional<String> queryParam(String name);

    /**
     * The IP address of the connection's peer (never a forwarded-for header, which the client writes), for limits
     * per client; empty when the adapter does not know it.
     */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }
}
