package dev.mastra4j.benchmarks.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Every answer of the mixed load, counted by operation, credential and status, with latencies and the misses. */
final class Tally {

    private static final int MAX_SAMPLES = 20;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();

    /** One answer; {@code status} -1 for an I/O failure; {@code expected} whether it was the right answer. */
    void record(String op, Credential credential, int status, boolean expected, long nanos, String detail) {
        total.increment();
        counts.computeIfAbsent(op + " " + credential.kind() + " " + status, k -> new LongAdder())
                .increment();
        if (status == 401) {
            unauthorized.increment();
        }
        if (credential.good() && expected) {
            latencies.computeIfAbsent(op, k -> new ConcurrentLinkedQueue<>()).add(nanos);
        }
        if (!expected) {
            unexpected.increment();
            if (sampled.incrementAndGet() <= MAX_SAMPLES) {
                samples.add(op + " " + credential.kind() + " -> " + status + " " + detail);
            }
        }
    }

    long total() {
        return total.sum();
    }

    long unexpected() {
        return unexpected.sum();
    }

    long unauthorized() {
        return unauthorized.sum();
    }

    /** {@code op credential status -> count}, sorted. */
    Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, adder) -> sorted.put(key, adder.sum()));
        return sorted;
    }

    List<String> samples() {
        return new ArrayList<>(samples);
    }

    /** The {@code q}-quantile (0..1) of successful {@code op} answers from good requests, in milliseconds. */
    double quantileMillis(String op, double q) {
        ConcurrentLinkedQueue<Long> values = latencies.get(op);
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
