package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request as the server adapter would describe it: test data, built with the with* methods. */
public record TestRequest(String method, String path, Map<String, List<String>> headerMap, Map<String, String> cookies)
        implements AuthRequest {

    public static TestRequest get(String path) {
        return new TestRequest("GET", path, Map.of(), Map.of());
    }

    public TestRequest withHeader(String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(headerMap);
        headers.merge(name.toLowerCase(Locale.ROOT), List.of(value),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        return new TestRequest(method, path, headers, cookies);
    }

    public TestRequest withCookie(String name, String value) {
        Map<String, String> jar = new LinkedHashMap<>(cookies);
        jar.put(name, value);
        return new TestRequest(method, path, headerMap, jar);
    }

    @Override
    public List<String> headers(String name) {
        return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.empty();
    }
}
