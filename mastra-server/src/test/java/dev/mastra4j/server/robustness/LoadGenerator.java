package dev.mastra4j.server.robustness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Steady concurrent load on a running server: {@code workers} virtual threads, each sending one request after another
 * until {@link #stop()}. Every answer is checked against what that request should get; anything else (a wrong status,
 * a body that fails the check, an I/O error) is kept as a {@link Miss}, so a test can assert "none" and print what went
 * wrong.
 */
final class LoadGenerator implements AutoCloseable {

    /** One request and the check its answer must pass. */
    record Shot(String label, HttpRequest request, Predicate<HttpResponse<String>> expected) {
        static Shot expecting(String label, HttpRequest request, int status) {
            return new Shot(label, request, response -> response.statusCode() == status);
        }
    }

    /** An answer that failed its check; status -1 for an I/O error. */
    record Miss(String label, int status, String detail) {}

    private final HttpClient client;
    private final Supplier<Shot> shots;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder completed = new LongAdder();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final Map<String, LongAdder> perLabel = new ConcurrentHashMap<>();
    private final Queue<Miss> misses = new ConcurrentLinkedQueue<>();

    private LoadGenerator(HttpClient client, Supplier<Shot> shots) {
        this.client = client;
        this.shots = shots;
    }

    static LoadGenerator start(HttpClient client, int workers, Supplier<Shot> shots) {
        LoadGenerator load = new LoadGenerator(client, shots);
        for (int i = 0; i < workers; i++) {
            load.threads.add(Thread.ofVirtual().name("load-" + i).start(load::work));
        }
        return load;
    }

    private void work() {
        while (running.get()) {
            Shot shot = shots.get();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(shot.request(), HttpResponse.BodyHandlers.ofString());
                if (!shot.expected().test(response)) {
                    String body = response.body() == null ? "" : response.body();
                    misses.add(new Miss(
                            shot.label(),
                            response.statusCode(),
                            body.length() > 300 ? body.substring(0, 300) + "..." : body));
                }
            } catch (IOException e) {
                misses.add(new Miss(shot.label(), -1, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
            slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            perLabel.computeIfAbsent(shot.label(), k -> new LongAdder()).increment();
            completed.increment();
        }
    }

    long completed() {
        return completed.sum();
    }

    /** Waits until {@code more} further requests have been answered (the load is really running), at most 60 s. */
    void awaitMore(long more) throws InterruptedException {
        long target = completed() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completed() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("load stalled: " + completed() + " of " + target + " requests answered");
            }
            Thread.sleep(5);
        }
    }

    List<Miss> misses() {
        return List.copyOf(misses);
    }

    /** The longest time one request took, from send to the whole body. */
    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    /** Answered requests by label. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        perLabel.forEach((label, adder) -> counts.put(label, adder.sum()));
        return counts;
    }

    /** Stops the workers and waits for the requests in flight (at most 60 s). */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(60))) {
                throw new AssertionError("a load worker did not finish: " + thread);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
