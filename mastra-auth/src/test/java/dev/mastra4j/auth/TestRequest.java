package dev.mastra4j.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the server adapter would hand it over: test data, built with withers. Shared with mastra-auth-clerk's
 * tests through this module's test jar (it implements {@link AuthRequest}, so it cannot live in mastra-testing, which
 * mastra-auth's own tests use).
 */
public record TestRequest(
        String method,
        String path,
        Map<String, List<String>> headerValues,
        Map<String, String> cookies,
        Map<String, String> query)
        implements AuthRequest {

    public static TestRequest get(String path) {
        return new TestRequest("GET", path, Map.of(), Map.of(), Map.of());
    }

    public static TestRequest of(String method, String path) {
        return new TestRequest(method, path, Map.of(), Map.of(), Map.of());
    }

    public TestRequest header(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headerValues);
        List<String> values = new ArrayList<>(copy.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        values.add(value);
        copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        return new TestRequest(method, path, Map.copyOf(copy), cookies, query);
    }

    public TestRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public TestRequest cookie(String name, String value) {
        Map<String, String> copy = new HashMap<>(cookies);
        copy.put(name, value);
        return new TestRequest(method, path, headerValues, Map.copyOf(copy), query);
    }

    public TestRequest queryParam(String name, String value) {
        Map<String, String> copy = new HashMap<>(query);
        copy.put(name, value);
        return new TestRequest(method, path, headerValues, cookies, Map.copyOf(copy));
    }

    @Override
    public List<String> headers(String name) {
        return headerValues.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
