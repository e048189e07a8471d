package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar weather-agent.jar} as a supervisor sees it: a busy port ends the process with a clear error. */
@Tag("process")
@Tag("slow")
class WeatherServerProcessTest {

    @Test
    void aPortAlreadyInUseEndsTheProcessNonZeroWithAClearErrorAndNoDevToken(@TempDir Path workDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();

            ProcessBuilder builder = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-Djava.net.preferIPv4Stack=true",
                            "-cp",
                            System.getProperty("java.class.path"),
                            WeatherServer.class.getName())
                    .directory(workDir.toFile()); // no .env here
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("CLERK_") || name.endsWith("_API_KEY"));
            env.put("HOST", "127.0.0.1");
            env.put("PORT", Integer.toString(port));
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));

            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the process ends by itself")
                    .isTrue();
            String stdout = out.get(10, TimeUnit.SECONDS);
            String stderr = err.get(10, TimeUnit.SECONDS);
            assertThat(process.exitValue())
                    .as("stdout:%n%s%nstderr:%n%s", stdout, stderr)
                    .isEqualTo(2);
            assertThat(stderr.lines().toList())
                    .contains("weather-agent: Cannot listen on 127.0.0.1:" + port + ": Address already in use");
            assertThat(stdout + stderr)
                    .doesNotContain("Bearer")
                    .doesNotContain("curl")
                    .doesNotContain("listening on")
                    .doesNotContain("Exception");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
