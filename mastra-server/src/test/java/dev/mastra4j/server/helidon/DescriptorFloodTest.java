package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A flood of idle connections against a server whose process may open only {@value #OPEN_FILE_LIMIT} descriptors
 * (a child JVM under {@code ulimit -n}). With the default connection cap the listener stops accepting at the cap
 * instead of running out of descriptors, and serves again once the flood leaves. With a cap set above the limit, the
 * old failure happens for real (Helidon's listener dies of "Too many open files") and the process exits with status
 * 70 rather than living on without a listener.
 */
@Tag("process")
@Tag("slow")
class DescriptorFloodTest {

    private static final int OPEN_FILE_LIMIT = 512;
    /** More connections than the process may have descriptors. */
    private static final int FLOOD = 700;

    private static final Pattern STARTED = Pattern.compile("port=(\\d+) maxConnections=(\\d+)");

    @Test
    void withTheDefaultCapTheListenerOutlivesAFloodOfIdleConnections() throws Exception {
        assumeLinux();
        try (Child child = Child.start(0)) {
            assertThat(child.maxConnections)
                    .as("derived from ulimit -n %d", OPEN_FILE_LIMIT)
                    .isEqualTo(dev.mastra4j.core.ServerOptions.maxConnectionsFor(OPEN_FILE_LIMIT));
            List<Socket> flood = flood(child.port);
            try {
                assertThat(flood.size()).as("connections the kernel took").isGreaterThan(child.maxConnections);
                Thread.sleep(2_000);
                assertThat(child.process.isAlive())
                        .as("server process alive during the flood:%n%s", child.output())
                        .isTrue();
                assertThat(child.openDescriptors()).isLessThan(OPEN_FILE_LIMIT);
            } finally {
                closeAll(flood);
            }
            HttpResponse<String> after = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port + "/health"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(child.process.isAlive()).isTrue();
            assertThat(child.output()).doesNotContain("Too many open files").doesNotContain("stopped accepting");
        }
    }

    @Test
    void aListenerThatRunsOutOfDescriptorsEndsTheProcessWithStatus70() throws Exception {
        assumeLinux();
        try (Child child = Child.start(100_000)) {
            List<Socket> flood = flood(child.port);
            try {
                assertThat(child.process.waitFor(60, TimeUnit.SECONDS))
                        .as("process ended:%n%s", child.output())
                        .isTrue();
            } finally {
                closeAll(flood);
            }
            assertThat(child.process.exitValue()).as(child.output()).isEqualTo(ListenerWatchdog.EXIT_STATUS);
            assertThat(child.output())
                    .contains("maxConnections 100000 leaves fewer free file descriptors than the default")
                    .contains("Too many open files")
                    .contains("The HTTP listener on 127.0.0.1:" + child.port + " has stopped accepting connections")
                    .contains("exiting with status 70");
        }
    }

    private static void assumeLinux() {
        assumeTrue(
                Files.isDirectory(Path.of("/proc/self/fd")) && Files.isExecutable(Path.of("/bin/bash")),
                "needs Linux /proc and bash for ulimit");
    }

    /**
     * Opens up to {@link #FLOOD} connections that each send a request line and half a header, then go quiet. Stops
     * early when the kernel's accept queue is full and connecting times out.
     */
    private static List<Socket> flood(int port) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.getOutputStream()
                        .write("GET /api/agents HTTP/1.1\r\nHost: x\r\nX-Partial: "
                                .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            } catch (IOException full) {
                closeQuietly(socket);
                break;
            }
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) {
        sockets.forEach(DescriptorFloodTest::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** The server in a child JVM limited to {@link #OPEN_FILE_LIMIT} descriptors, with its output collected. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final int port;
        final int maxConnections;
        private final StringBuffer output = new StringBuffer();

        private Child(Process process) throws Exception {
            this.process = process;
            CompletableFuture<Matcher> started = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.append(line).append('\n');
                        Matcher matcher = STARTED.matcher(line);
                        if (matcher.find()) {
                            started.complete(matcher);
                        }
                    }
                } catch (IOException e) {
                    // The process ended.
                }
                started.completeExceptionally(new IllegalStateException("server did not start:\n" + output));
            });
            Matcher matcher = started.get(60, TimeUnit.SECONDS);
            this.port = Integer.parseInt(matcher.group(1));
            this.maxConnections = Integer.parseInt(matcher.group(2));
        }

        static Child start(int maxConnections) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    "/bin/bash",
                    "-c",
                    "ulimit -n " + OPEN_FILE_LIMIT + " && exec \"$@\"",
                    "flood-target",
                    java,
                    "-Djava.net.preferIPv4Stack=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FloodTarget.class.getName(),
                    Integer.toString(maxConnections)));
            return new Child(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        int openDescriptors() throws IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                return (int) fds.count();
            }
        }

        String output() {
            return output.toString();
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
