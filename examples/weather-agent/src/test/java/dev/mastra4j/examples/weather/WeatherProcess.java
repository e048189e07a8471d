package dev.mastra4j.examples.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weather example as the README runs it: {@link WeatherServer}'s main in a child JVM of its own, in a working
 * directory of the test's choosing, in development auth mode (no {@code CLERK_*} variable), on a free loopback port.
 * The base URL and the dev token come from the "Try it" line the server prints, as a user would copy them. Every
 * request waits at most {@link #REQUEST_TIMEOUT}, so a server that hangs fails the test instead of blocking it.
 */
final class WeatherProcess implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRY_IT = Pattern.compile(
            "curl -X POST (http://\\S+/)api/agents/weatherAgent/generate -H \"Authorization: Bearer ([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path stderr;
    private final List<String> stdout;
    private final URI baseUrl;
    private final String token;

    private WeatherProcess(Process process, Path stderr, List<String> stdout, URI baseUrl, String token) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * Starts the server in {@code workDir} with this JVM's environment less Clerk, model and storage settings, plus
     * {@code settings} (for example {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code MASTRA_STORAGE_URL}),
     * and waits until it prints its "Try it" line.
     */
    static WeatherProcess start(Path workDir, Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.net.preferIPv4Stack=true",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        ChildJvm.classPath(path -> false),
                        WeatherServer.class.getName())
                .directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(name -> name.startsWith("CLERK_")
                        || name.endsWith("_API_KEY")
                        || name.endsWith("_BASE_URL")
                        || name.equals("MODEL")
                        || name.equals(WeatherStorage.VARIABLE));
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.putAll(settings);
        Path stderr = Files.createTempFile("weather-process", ".stderr");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        List<String> stdout = new ArrayList<>();
        CompletableFuture<Matcher> tryIt = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> readStdout(process, stdout, tryIt));
        try {
            Matcher m = tryIt.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new WeatherProcess(process, stderr, stdout, URI.create(m.group(1)), m.group(2));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String err = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            synchronized (stdout) {
                throw new AssertionError("The weather server did not start; stdout:\n" + String.join("\n", stdout)
                        + "\nstderr:\n" + err);
            }
        }
    }

    private static void readStdout(Process process, List<String> lines, CompletableFuture<Matcher> tryIt) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                Matcher m = TRY_IT.matcher(line);
                if (m.find()) {
                    tryIt.complete(m);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        tryIt.completeExceptionally(new IllegalStateException("stdout ended"));
    }

    /** The body of a generate: one user message, and {@code memory: {thread}} unless {@code thread} is null. */
    static String generateBody(String text, String thread) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        if (thread != null) {
            body.putObject("memory").put("thread", thread);
        }
        return body.toString();
    }

    /** {@code POST /api/agents/weatherAgent/generate} with {@link #generateBody}. */
    HttpResponse<String> generate(String text, String thread) {
        return post("/api/agents/weatherAgent/generate", generateBody(text, thread));
    }

    /**
     * The stored messages of {@code thread} through {@code GET /api/memory/threads/:id/messages}, oldest first, each
     * as {@code role: text}.
     */
    List<String> storedMessages(String thread) {
        HttpResponse<String> response = get("/api/memory/threads/" + thread + "/messages?perPage=1000");
        if (response.statusCode() != 200) {
            throw new AssertionError("listing messages: " + response.statusCode() + " " + response.body());
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode m : json(response).path("messages")) {
            StringBuilder text = new StringBuilder();
            m.path("content")
                    .path("parts")
                    .forEach(p -> text.append(p.path("text").asText()));
            messages.add(m.path("role").asText() + ": " + text);
        }
        return messages;
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path.substring(1)))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** {@code kill -9}: the JVM ends at once, without shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed server did not end");
        }
    }

    /** What the server wrote to standard output so far (its log lines: logback's default console appender). */
    String stdout() {
        synchronized (stdout) {
            return String.join("\n", stdout);
        }
    }

    /** What the server wrote to standard error so far. */
    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Stops the server as Ctrl-C does (its shutdown hook closes the store), or kills it if that takes too long. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(stderr);
    }
}
