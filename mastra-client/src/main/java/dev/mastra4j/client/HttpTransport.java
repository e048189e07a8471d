package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call as up to {@code 1 + retries} HTTP attempts. Retries only what cannot have been processed or
 * was refused for load: connection failures before a response, 429 and 5xx. Other 4xx answers are final.
 */
final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final int MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;
    private static final String REQUEST_ID = "X-Request-Id";

    private final HttpClient http;
    private final boolean ownsHttpClient;
    private final String baseUrl;
    private final Map<String, String> headers;
    private final Supplier<String> tokenSupplier;
    private final Duration requestTimeout;
    private final int retries;
    private final RetryBackoff backoff;

    HttpTransport(
            HttpClient http,
            boolean ownsHttpClient,
            URI baseUri,
            Map<String, String> headers,
            Supplier<String> tokenSupplier,
            Duration requestTimeout,
            int retries,
            RetryBackoff backoff) {
        this.http = http;
        this.ownsHttpClient = ownsHttpClient;
        String base = baseUri.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.headers = Map.copyOf(headers);
        this.tokenSupplier = tokenSupplier;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.backoff = backoff;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Percent-encodes one path segment (an agent or tool id). */
    static String segment(String id) {
        if (id == null || id.isBlank() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("id must be a non-blank name, got: " + id);
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A JSON call; returns the parsed body (a missing node when the body is empty). */
    JsonNode json(String method, String path, JsonNode body) {
        Attempted attempted = send(method, path, body, false);
        HttpResponse<InputStream> response = attempted.response();
        try (InputStream in = response.body()) {
            byte[] bytes = readAtMost(in, MAX_JSON_BODY_BYTES);
            if (bytes.length == 0) {
                return MissingNode.getInstance();
            }
            return JsonFields.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MastraClientException(
                    attempted.describe() + " returned an unreadable body: " + e.getMessage(),
                    response.statusCode(),
                    null,
                    null,
                    List.of(),
                    requestId(response),
                    e);
        }
    }

    /** A streaming call; returns once the first byte of the event stream has arrived. */
    StreamResponse stream(String path, JsonNode body) {
        Attempted attempted = send("POST", path, body, true);
        return new StreamResponse(
                attempted.parser(), attempted.response().body(), attempted.describe(), requestId(attempted.response()));
    }

    void close() {
        if (ownsHttpClient) {
            http.shutdown();
        }
    }

    private record Attempted(HttpResponse<InputStream> response, SseParser parser, String describe) {}

    private Attempted send(String method, String path, JsonNode body, boolean stream) {
        String describe = method + " " + path;
        URI uri = URI.create(baseUrl + path);
        byte[] payload = body == null ? null : toBytes(body);
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= retries;
            String token = token(describe);
            SecretRedactor redactor = new SecretRedactor(token, headers);
            HttpRequest request = request(method, uri, payload, stream, token);
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                // Nothing came back, so the server cannot have produced a result we would duplicate.
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (last) {
                    throw MastraClientException.withoutResponse(
                            describe + " failed after " + (attempt + 1) + " attempt(s): " + redactor.apply(why), e);
                }
                pause(describe, attempt, backoff.delay(attempt), redactor.apply(why));
                continue;
            } catch (InterruptedException e) {
                throw interrupted(describe, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                if (!stream) {
                    return new Attempted(response, null, describe);
                }
                SseParser parser = new SseParser(response.body());
                IOException failure;
                try {
                    if (parser.awaitFirstByte()) {
                        return new Attempted(response, parser, describe);
                    }
                    failure = new IOException("the event stream ended before its first byte");
                } catch (IOException e) {
                    failure = e;
                }
                closeQuietly(response.body());
                // Not one byte of the stream was seen, so a retry cannot repeat anything the caller observed.
                if (last) {
                    throw new MastraClientException(
                            describe + " failed: " + redactor.apply(failure.getMessage()),
                            status,
                            null,
                            null,
                            List.of(),
                            requestId(response),
                            failure);
                }
                pause(describe, attempt, backoff.delay(attempt), "stream broke before its first byte");
                continue;
            }
            MastraClientException error = error(describe, response, redactor);
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || last) {
                throw error;
            }
            Duration wait = backoff.delay(attempt);
            if (status == 429 || status == 503) {
                wait = backoff.retryAfter(
                                response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                        .orElse(wait);
            }
            pause(describe, attempt, wait, "status " + status);
        }
    }

    private String token(String describe) {
        if (tokenSupplier == null) {
            return null;
        }
        try {
            String token = tokenSupplier.get();
            return token == null || token.isBlank() ? null : token.trim();
        } catch (RuntimeException e) {
            throw MastraClientException.withoutResponse(describe + " not sent: the token supplier failed", e);
        }
    }

    private HttpRequest request(String method, URI uri, byte[] payload, boolean stream, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        payload == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(payload))
                .setHeader("Accept", stream ? "text/event-stream" : "application/json");
        if (payload != null) {
            builder.setHeader("Content-Type", "application/json");
        }
        if (requestTimeout != null) {
            builder.timeout(requestTimeout);
        }
        headers.forEach(builder::setHeader);
        if (token != null) {
            builder.setHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private MastraClientException error(String describe, HttpResponse<InputStream> response, SecretRedactor redactor) {
        int status = response.statusCode();
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = readAtMost(in, MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        String error = null;
        String reason = null;
        List<Issue> issues = List.of();
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode node = bytes.length == 0 ? null : JsonFields.MAPPER.readTree(bytes);
            if (node != null && node.isObject()) {
                error = redactor.apply(JsonFields.text(node, "error"));
                if (error == null && node.path("error").isObject()) {
                    error = redactor.apply(JsonFields.text(node.get("error"), "message"));
                }
                if (error == null) {
                    error = redactor.apply(JsonFields.text(node, "message"));
                }
                reason = redactor.apply(JsonFields.text(node, "reason"));
                issues = JsonFields.list(node.get("issues"), Issue::fromJson).stream()
                        .map(i -> new Issue(redactor.apply(i.field()), redactor.apply(i.message())))
                        .toList();
            }
        } catch (IOException notJson) {
            // A proxy's HTML page or plain text: keep a short, printable excerpt for the message.
        }
        String requestId = requestId(response);
        StringBuilder message =
                new StringBuilder(describe).append(" failed with status ").append(status);
        if (error != null) {
            message.append(": ").append(error);
        } else if (!text.isBlank()) {
            message.append(": ").append(redactor.apply(excerpt(text)));
        }
        if (reason != null) {
            message.append(" (").append(reason).append(')');
        }
        for (Issue issue : issues) {
            message.append("; ").append(issue.field()).append(": ").append(issue.message());
        }
        if (requestId != null) {
            message.append(" [request ").append(requestId).append(']');
        }
        return new MastraClientException(message.toString(), status, error, reason, issues, requestId, null);
    }

    private void pause(String describe, int attempt, Duration wait, String why) {
        LOG.debug(
                "{} attempt {} of {} failed ({}); retrying in {} ms",
                describe,
                attempt + 1,
                retries + 1,
                why,
                wait.toMillis());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted(describe, e);
        }
    }

    private static MastraClientException interrupted(String describe, InterruptedException e) {
        Thread.currentThread().interrupt();
        return MastraClientException.withoutResponse(describe + " interrupted", e);
    }

    static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue(REQUEST_ID).orElse(null);
    }

    private static byte[] toBytes(JsonNode body) {
        try {
            return JsonFields.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (out.size() + n > limit) {
                throw new IOException("response body larger than " + limit + " bytes");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\p{Cntrl}+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The connection is being abandoned anyway.
        }
    }
}
