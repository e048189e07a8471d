package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two halves of the memory wire the Java client is held to: what Mastra 1.71 answered (the server's fixtures,
 * {@code fixtures/mastra-1.71-memory/<case>.json}) and what {@code @mastra/client-js} sent for the same call
 * ({@code client-js-memory-requests.json}, recorded by {@code benchmarks/client-js-compat/record-memory-requests.mjs}).
 */
final class MemoryWire {

    /** The instant every {@code "<date>"} placeholder of the fixtures is restored to. */
    static final String DATE = "2026-12-05T06:00:00.000Z";

    private static final Pattern UUID = Pattern.compile("<uuid-(\\d+)>");
    private static final JsonNode CLIENT_JS = parse(resource("client-js-memory-requests.json"));

    private MemoryWire() {}

    /** Mastra's answer for {@code name}: {@code {case, request, status, headers, body}}, placeholders restored. */
    static JsonNode mastra(String name) {
        String text = resource("fixtures/mastra-1.71-memory/" + name + ".json")
                .replace("\"<date>\"", "\"" + DATE + "\"")
                .replace("\"<epoch-ms>\"", "1796410989342");
        Matcher m = UUID.matcher(text);
        StringBuilder restored = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(restored, String.format("00000000-0000-4000-8000-%012d", Long.parseLong(m.group(1))));
        }
        m.appendTail(restored);
        return parse(restored.toString());
    }

    /** What client-js sent for {@code name}: {@code {case, method, target, contentType, body}}. */
    static JsonNode clientJs(String name) {
        for (JsonNode request : CLIENT_JS.path("requests")) {
            if (request.path("case").asText().equals(name)) {
                return request;
            }
        }
        throw new IllegalArgumentException("client-js sent nothing recorded as " + name);
    }

    /** Mastra's answer as a stub reply: its status and body, as JSON or as an event stream. */
    static StubServer.Reply reply(String name) {
        JsonNode fixture = mastra(name);
        JsonNode body = fixture.path("body");
        if (body.has("events")) {
            StringBuilder sse = new StringBuilder();
            for (JsonNode event : body.get("events")) {
                sse.append("data: ")
                        .append(event.isTextual() ? event.asText() : event.toString())
                        .append("\n\n");
            }
            return StubServer.sse(sse.toString());
        }
        return StubServer.json(fixture.path("status").asInt(), body.toString());
    }

    static JsonNode parse(String json) {
        try {
            return JsonFields.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = MemoryWire.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
