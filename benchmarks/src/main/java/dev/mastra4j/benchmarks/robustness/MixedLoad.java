package dev.mastra4j.benchmarks.robustness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The robustness load client: {@code --concurrency} virtual threads send a mix of {@code GET /api/agents},
 * {@code POST …/generate} and {@code POST …/stream} (weights {@code --mix list:generate:stream}, default 50:30:20) to
 * the authenticated example for {@code --seconds}, a known fraction of them ({@code --bad-fraction}, default 0.1)
 * with a bad credential (tampered signature or payload, truncated, garbage, another scheme, none).
 *
 * <p>Every answer is checked: a good credential must get 200 (a generate result with text, or a stream that ends with
 * a {@code finish} frame and {@code [DONE]} and has no error frame); a bad one must get 401. Anything else, an I/O
 * error or a timeout included, is unexpected. {@code --rate N} paces the whole load to N requests a second (steady
 * load for a soak); without it the workers go as fast as the server answers (saturation).
 *
 * <p>Prints {@code RESULT key=value ...} (totals, rates, latency quantiles of good requests), {@code COUNT op credential
 * status n} lines and {@code UNEXPECTED ...} samples; exits 1 when anything was unexpected. Loopback only, bounded by
 * {@code --seconds} plus the 30 s request timeout.
 */
public final class MixedLoad {

    private static final String AGENT = "/api/agents/weatherAgent";
    private static final String BODY = "{\"messages\":\"Weather in London\"}";

    private final URI base;
    private final List<Credential> good;
    private final List<Credential> bad;
    private final double badFraction;
    private final int[] mix;
    private final long rateIntervalNanos;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Tally tally = new Tally();
    private final AtomicLong nextSlot = new AtomicLong();

    private MixedLoad(Map<String, String> options) {
        String url = require(options, "url");
        if (!url.startsWith("http://127.0.0.1") && !url.startsWith("http://localhost")) {
            throw new IllegalArgumentException("--url must be a loopback URL");
        }
        this.base = URI.create(url);
        List<Credential> credentials = Credential.from(require(options, "token"));
        this.good = credentials.stream().filter(Credential::good).toList();
        this.bad = credentials.stream().filter(c -> !c.good()).toList();
        this.badFraction = Double.parseDouble(options.getOrDefault("bad-fraction", "0.1"));
        String[] weights = options.getOrDefault("mix", "50:30:20").split(":");
        this.mix = new int[] {Integer.parseInt(weights[0]), Integer.parseInt(weights[1]), Integer.parseInt(weights[2])};
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        this.rateIntervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        MixedLoad load = new MixedLoad(options);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        load.nextSlot.set(start);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().name("mixed-load-" + i).start(() -> load.work(end)));
        }
        Thread progress = Thread.ofPlatform().daemon().start(() -> load.progress(start));
        for (Thread worker : workers) {
            worker.join();
        }
        progress.interrupt();
        double elapsed = (System.nanoTime() - start) / 1e9;
        load.client.close();
        System.exit(load.report(elapsed, concurrency) ? 0 : 1);
    }

    private void work(long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            if (rateIntervalNanos > 0) {
                long slot = nextSlot.getAndAdd(rateIntervalNanos);
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (System.nanoTime() >= end) {
                return;
            }
            Credential credential =
                    random.nextDouble() < badFraction ? bad.get(random.nextInt(bad.size())) : good.get(0);
            int pick = random.nextInt(mix[0] + mix[1] + mix[2]);
            String op = pick < mix[0] ? "list" : pick < mix[0] + mix[1] ? "generate" : "stream";
            send(op, credential);
        }
    }

    private void send(String op, Credential credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(
                        switch (op) {
                            case "list" -> "/api/agents";
                            case "generate" -> AGENT + "/generate";
                            default -> AGENT + "/stream";
                        }))
                .timeout(Duration.ofSeconds(30));
        if (op.equals("list")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY));
        }
        credential.header().ifPresent(value -> request.header("Authorization", value));
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            boolean expected = credential.good()
                    ? good(op, response)
                    : response.statusCode() == 401 && response.body().startsWith("{\"error\":");
            tally.record(op, credential, response.statusCode(), expected, nanos, excerpt(response.body()));
        } catch (IOException e) {
            tally.record(op, credential, -1, false, System.nanoTime() - started, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean good(String op, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        String body = response.body();
        return switch (op) {
            case "list" -> body.contains("\"weatherAgent\"");
            case "generate" -> body.contains("\"text\"") && body.contains("\"finishReason\":\"stop\"");
            default ->
                body.endsWith("data: [DONE]\n\n")
                        && body.contains("\"type\":\"finish\"")
                        && !body.contains("\"type\":\"error\"");
        };
    }

    private void progress(long start) {
        try {
            while (true) {
                Thread.sleep(10_000);
                System.err.printf(
                        Locale.ROOT,
                        "[%3.0fs] %d answers, %d unexpected%n",
                        (System.nanoTime() - start) / 1e9,
                        tally.total(),
                        tally.unexpected());
            }
        } catch (InterruptedException e) {
            // Done.
        }
    }

    private boolean report(double elapsed, int concurrency) {
        tally.counts().forEach((key, count) -> System.out.println("COUNT " + key + " " + count));
        tally.samples().forEach(sample -> System.out.println("UNEXPECTED " + sample));
        System.out.printf(
                Locale.ROOT,
                "RESULT seconds=%.1f concurrency=%d total=%d unexpected=%d unauthorized=%d "
                        + "rps=%.0f list_p50=%.2f list_p99=%.2f generate_p50=%.2f generate_p99=%.2f stream_p50=%.2f "
                        + "stream_p99=%.2f%n",
                elapsed,
                concurrency,
                tally.total(),
                tally.unexpected(),
                tally.unauthorized(),
                tally.total() / elapsed,
                tally.quantileMillis("list", 0.5),
                tally.quantileMillis("list", 0.99),
                tally.quantileMillis("generate", 0.5),
                tally.quantileMillis("generate", 0.99),
                tally.quantileMillis("stream", 0.5),
                tally.quantileMillis("stream", 0.99));
        return tally.unexpected() == 0 && tally.total() > 0;
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
