package dev.mastra4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Test-side decoding of a compact JWS, independent of the code that built it. */
record Jwt(String headerText, String payloadText, String signature, JsonNode header, JsonNode payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Jwt decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not three parts");
        }
        String headerText = text(parts[0]);
        String payloadText = text(parts[1]);
        return new Jwt(headerText, payloadText, parts[2], tree(headerText), tree(payloadText));
    }

    static String text(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
