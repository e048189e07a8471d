package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.AuthRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/agents} with no headers besides the token, which the benchmarks hand over directly. */
enum BenchRequest implements AuthRequest {
    GET_AGENTS;

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
        return List.of();
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
