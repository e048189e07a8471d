package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Development auth mode is for one person on one machine: a non-loopback HOST needs an explicit opt-in. */
class DevelopmentHostTest {

    private static Map<String, String> env(String host) {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", host);
        env.put("PORT", "0");
        env.put("MASTRA_STORAGE_URL", ":memory:");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "[2001:db8::1]", "example.com", "localhost.example"})
    void aNonLoopbackHostIsRefusedNamingTheClerkVariablesAndTheOptIn(String host) {
        assertThatThrownBy(() -> WeatherApp.start(env(host)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOST=" + host)
                .hasMessageContaining("CLERK_PUBLISHABLE_KEY")
                .hasMessageContaining("CLERK_SECRET_KEY")
                .hasMessageContaining("DEV_AUTH_ALLOW_NON_LOOPBACK=true");
    }

    @Test
    void loopbackSpellingsAreLoopbackAndNothingElseIs() {
        for (String host :
                List.of("localhost", "LocalHost", "127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1")) {
            assertThat(AuthMode.isLoopback(host)).as(host).isTrue();
        }
        for (String host : List.of(
                "0.0.0.0",
                "::",
                "",
                "192.0.2.1",
                "128.0.0.1",
                "example.com",
                "localhost.",
                "127.0.0.1.example",
                "::ffff:192.0.2.1",
                "1270.0.0.1")) {
            assertThat(AuthMode.isLoopback(host)).as(host).isFalse();
        }
    }

    @Test
    void onlyTheExactValueTrueOptsIn() {
        assertThat(AuthMode.allowsNonLoopback(Map.of("DEV_AUTH_ALLOW_NON_LOOPBACK", "true")))
                .isTrue();
        assertThat(AuthMode.allowsNonLoopback(Map.of("DEV_AUTH_ALLOW_NON_LOOPBACK", " TRUE ")))
                .isTrue();
        assertThat(AuthMode.allowsNonLoopback(Map.of("DEV_AUTH_ALLOW_NON_LOOPBACK", "1")))
                .isFalse();
        assertThat(AuthMode.allowsNonLoopback(Map.of("DEV_AUTH_ALLOW_NON_LOOPBACK", "yes")))
                .isFalse();
        assertThat(AuthMode.allowsNonLoopback(Map.of())).isFalse();
    }

    @Test
    void theOptInStartsOnAllInterfacesAndWarnsLoudly() throws Exception {
        Map<String, String> env = env("0.0.0.0");
        env.put("DEV_AUTH_ALLOW_NON_LOOPBACK", "true");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        WeatherApp app;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            app = WeatherApp.start(env);
        } finally {
            System.setOut(original);
        }
        try (app) {
            String output = captured.toString(StandardCharsets.UTF_8);
            assertThat(output)
                    .contains("WARN")
                    .contains("DEVELOPMENT AUTH MODE ON A NON-LOOPBACK ADDRESS (HOST=0.0.0.0)")
                    .contains("DEV_AUTH_ALLOW_NON_LOOPBACK=true")
                    .contains("!!!!!!!!!!");
            assertThat(output).as("the curl command is still printed").contains("curl -X POST http://localhost:");

            HttpResponse<String> agents = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + app.mastra().port() + "/api/agents"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + app.devIssuer().token())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(agents.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aLoopbackHostStartsWithoutTheLoudWarning() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            WeatherApp.start(env("127.0.0.1")).close();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("DEVELOPMENT AUTH MODE")
                .doesNotContain("NON-LOOPBACK");
    }

    @Tag("process")
    @Test
    void theMainProgramExitsNonZeroWithTheMessage(@TempDir Path workDir) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), WeatherServer.class.getName())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(name -> name.startsWith("CLERK_") || name.equals(AuthMode.ALLOW_NON_LOOPBACK));
        childEnv.put("HOST", "0.0.0.0");
        childEnv.put("PORT", "0");
        Path log = workDir.resolve("output.txt");
        builder.redirectOutput(log.toFile());

        Process child = builder.start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the program ends by itself")
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = read(log);
        assertThat(child.exitValue()).as(output).isEqualTo(2);
        assertThat(output)
                .contains("weather-agent: Development auth mode")
                .contains("CLERK_PUBLISHABLE_KEY")
                .contains("CLERK_SECRET_KEY")
                .contains("DEV_AUTH_ALLOW_NON_LOOPBACK=true")
                .doesNotContain("Exception")
                .doesNotContain("curl");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
