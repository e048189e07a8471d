package dev.mastra4j.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A query string in the order its parameters are added, encoded as {@code URLSearchParams} encodes them (form
 * encoding: {@code [} as {@code %5B}, a space as {@code +}), so requests match {@code @mastra/client-js} byte for byte.
 */
final class Query {

    private final StringBuilder text = new StringBuilder();

    /** Adds {@code name=value}; a null value adds nothing. */
    Query add(String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? '?' : '&')
                    .append(encode(name))
                    .append('=')
                    .append(encode(String.valueOf(value)));
        }
        return this;
    }

    /** Adds {@code name=<value as compact JSON>}, as client-js's {@code JSON.stringify}; null adds nothing. */
    Query addJson(String name, Object value) {
        if (value == null) {
            return this;
        }
        return add(name, JsonFields.MAPPER.valueToTree(value).toString());
    }

    /** {@code ""} when empty, else {@code ?a=1&b=2}. */
    @Override
    public String toString() {
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
