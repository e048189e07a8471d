package dev.mastra4j.server.robustness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/** What this JVM holds (the server under test runs in it): platform threads and open file descriptors. */
final class ProcessResources {

    private static final Path FDS = Path.of("/proc/self/fd");

    private ProcessResources() {}

    static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static boolean canCountFileDescriptors() {
        return Files.isDirectory(FDS);
    }

    static int fileDescriptors() {
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls {@code value} until it is at most {@code limit} (closing sockets and ending threads take a moment), at
     * most 15 s; returns the last value seen.
     */
    static int settlesAtMost(IntSupplier value, int limit) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        int seen = value.getAsInt();
        while (seen > limit && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = value.getAsInt();
        }
        return seen;
    }
}
