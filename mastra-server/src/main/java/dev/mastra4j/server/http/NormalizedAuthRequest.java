package dev.mastra4j.server.http;

import dev.mastra4j.auth.AuthRequest;
import java.util.List;
import java.util.Locale;
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
    public Optional<String> queryParam(String name) {
        return Query.parse(request.rawQuery()).first(name);
    }

    @Override
    public Optional<String> remoteAddress() {
        return request.remoteAddress();
    }
}
