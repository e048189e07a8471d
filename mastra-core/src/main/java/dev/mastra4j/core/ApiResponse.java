package dev.mastra4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mastra4j.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a custom route answers: a status and a JSON, text or empty body (Mastra's {@code c.json(...)},
 * {@code c.text(...)}, {@code c.body(null, status)}), plus optional headers.
 *
 * <p>Statuses are 200..599; 204 and 304 carry no body. Headers are checked: the name must be an HTTP token and the
 * value free of control characters, and the headers the server owns ({@code Content-Type}, {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code X-Request-Id}) cannot be set.
 *
 * @param status      HTTP status
 * @param contentType the body's media type; null for an empty body
 * @param body        the encoded body (a copy is kept and handed out)
 * @param headers     extra response headers, one value each
 */
@SuppressWarnings("ArrayRecordComponent") // body() hands out a copy; equals and hashCode compare the bytes
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=UTF-8";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED =
            Set.of("content-type", "content-length", "transfer-encoding", "connection", "x-request-id");

    public ApiResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("A custom route's status must be 200..599, was " + status);
        }
        body = body == null ? new byte[0] : body.clone();
        if ((status == 204 || status == 304) && body.length > 0) {
            throw new IllegalArgumentException("A " + status + " response has no body");
        }
        if (body.length > 0) {
            Objects.requireNonNull(contentType, "contentType");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        (headers == null ? Map.<String, String>of() : headers).forEach((name, value) -> {
            checkHeader(name, value);
            copy.put(name, value);
        });
        headers = Map.copyOf(copy);
    }

    /** 200 with {@code value} as JSON (a record, a {@code Map}, a {@code JsonNode}...; null is JSON null). */
    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} as JSON. */
    public static ApiResponse json(int status, Object value) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The response value cannot be written as JSON", e);
        }
        return new ApiResponse(status, JSON, bytes, Map.of());
    }

    /** {@code status} with a plain UTF-8 text body. */
    public static ApiResponse text(int status, String text) {
        return new ApiResponse(
                status, TEXT, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code status} without a body (204, say). */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, new byte[0], Map.of());
    }

    /** This response with one more header (replacing an earlier value of the same name). */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }

    /** The body (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    private static void checkHeader(String name, String value) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid header name: " + name);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The server sets " + name + " itself");
        }
        Objects.requireNonNull(value, "header value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException("Invalid character in the value of header " + name);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiResponse that
                && status == that.status
                && Objects.equals(contentType, that.contentType)
                && Arrays.equals(body, that.body)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + " "
                + (contentType == null ? "empty" : contentType + ", " + body.length + " bytes") + "]";
    }
}
