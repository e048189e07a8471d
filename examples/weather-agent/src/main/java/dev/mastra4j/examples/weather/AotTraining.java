package dev.mastra4j.examples.weather;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run for the JVM's ahead-of-time cache ({@code java -XX:AOTCacheOutput=... -jar weather-agent.jar
 * --aot-training}): starts the example exactly as {@code java -jar} does, sends it the requests a user sends first,
 * stops it and returns, so the JVM records the classes and methods of the real path from launch to the first answer.
 *
 * <p>It never leaves the machine: development auth mode on 127.0.0.1 and a free port, the offline stand-in model, and
 * Open-Meteo URLs that point at a closed loopback port (the tool's error path). Other variables (model keys, Clerk
 * keys, PORT, HOST, MASTRA_STORAGE_URL) are ignored, so training with a real key costs nothing and binds nothing
 * visible; memory goes to a SQLite file in a temporary directory, deleted afterwards.
 */
final class AotTraining {

    /** The command-line argument that selects the training run. */
    static final String ARGUMENT = "--aot-training";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AotTraining() {}

    /**
     * Runs the training requests against a fresh server and stops it.
     *
     * @throws IllegalStateException when a request does not answer as a user's would
     */
    static void run(Map<String, String> env) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("mastra4j-aot-training");
        try {
            train(trainingEnvironment(env, scratch.resolve("mastra.db")));
        } finally {
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private static void train(Map<String, String> training) throws IOException, InterruptedException {
        try (WeatherApp app = WeatherApp.start(training)) {
            String base = app.mastra().url().toString().replaceAll("/$", "");
            String token = app.devIssuer().tokenBuilder().subject("user_dev").build();
            String body = "{\"messages\": \"Weather in London\", \"memory\": {\"thread\": \"aot-training\"}}";
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            for (String path : List.of("/api/agents/weatherAgent/generate", "/api/agents/weatherAgent/stream")) {
                expect(http, post(base + path, body).header("Authorization", "Bearer " + token), 200);
                expect(http, post(base + path, body), 401);
            }
            expect(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/api/agents"))
                            .timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + token),
                    200);
        }
    }

    /** The environment of the training run, memory in {@code database}: see the class comment. */
    static Map<String, String> trainingEnvironment(Map<String, String> env, Path database) {
        Map<String, String> training = new HashMap<>(env);
        AuthMode.CLERK_VARIABLES.forEach(training::remove);
        training.remove(AuthMode.ALLOW_NON_LOOPBACK);
        training.put("HOST", "127.0.0.1");
        training.put("PORT", "0");
        training.put("MODEL", "offline/weather");
        training.put("OPEN_METEO_GEOCODING_URL", "http://127.0.0.1:1/v1/search");
        training.put("OPEN_METEO_FORECAST_URL", "http://127.0.0.1:1/v1/forecast");
        training.put(WeatherStorage.VARIABLE, "file:" + database);
        return training;
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void expect(HttpClient http, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException("Training request " + built.method() + " "
                    + built.uri().getPath() + " answered " + response.statusCode() + ", expected " + status);
        }
    }
}
