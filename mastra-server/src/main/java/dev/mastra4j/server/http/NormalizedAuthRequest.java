package dev.mastra4j.server.http;

import dev.mastra4j.auth.AuthRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the auth pipeline sees: the normalised path, never the raw one. */
record NormalizedAuthRequest(HttpRequest request, String path) implements AuthRequest {

    @Override
    public String method() {
        return request.method().toUpperCase(Locale.ROOT);
    }

    @Override
    public List<String> headers(String name) {
        return request.headers(name);
    }

    @Override
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : request.headers("Cookie")) {
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

    @Override
    public Optional<String> queryParam(String name) {
        return Query.parse(request.rawQuery()).first(name);
    }

    @Override
    public Optional<String> remoteAddress() {
        return request.remoteAddress();
    }
}
