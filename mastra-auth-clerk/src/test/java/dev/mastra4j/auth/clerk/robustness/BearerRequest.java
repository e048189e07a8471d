package dev.mastra4j.auth.clerk.robustness;

import dev.mastra4j.auth.AuthRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/agents} with {@code Authorization: Bearer <token>}, as the server would hand it to the provider. */
record BearerRequest(String token) implements AuthRequest {

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/api/agents";
    }

    @Override
    public List<String> headers(String name) {
        return name.equalsIgnoreCase("Authorization") ? List.of("Bearer " + token) : List.of();
    }

    @Override
    public Map<String, String> cookies() {
        return Map.of();
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.empty();
    }
}
