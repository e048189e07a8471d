package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedJwt;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 12, item 10: the hit path of the hand-made token cache ({@link HandMadeTokenCache}, {@link VerifiedTokenCache}
 * until issue 12) against {@link VerifiedTokenCache} itself (on Caffeine), paired. Each operation runs a batch of
 * {@value #BATCH} hits on the same token (each a new {@code String}, as a request header's value is) through each
 * cache, in an order that alternates from one operation to the next, and times each batch with the benchmark
 * thread's CPU time and the wall clock; the {@link Times} counters give each cache's time per hit. A busy machine
 * then slows both alike.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class TokenCacheHitPairedBenchmark {

    static final int BATCH = 256;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private byte[] token;
    private int rotation;
    private final Function<String, String>[] caches = newArray();

    /** Per cache, summed over the iteration: CPU and wall-clock nanoseconds, and hits. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long cpuNsHandMade;
        public long cpuNsCaffeine;
        public long wallNsHandMade;
        public long wallNsCaffeine;
        public long hitsEach;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<String, String>[] newArray() {
        return new Function[2];
    }

    @Setup(Level.Trial)
    public void setUp() {
        ClerkTokenPool pool = ClerkTokenPool.mint(2);
        Verifiers.requireAllVerify(pool);
        JwtVerifier verifier = JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(pool.publicKey()))
                .claimValidator(ClaimValidator.expiry(Verifiers.CLOCK_SKEW))
                .claimValidator(ClaimValidator.notBefore(Verifiers.CLOCK_SKEW))
                .build();
        Function<VerifiedJwt, String> mapper = jwt -> jwt.claims().subject();
        HandMadeTokenCache<String> handMade = new HandMadeTokenCache<>(VerifiedTokenCache.DEFAULT_MAX_ENTRIES);
        VerifiedTokenCache<String> caffeine = new VerifiedTokenCache<>(VerifiedTokenCache.DEFAULT_MAX_ENTRIES);
        caches[0] = t -> handMade.get(t, verifier, mapper);
        caches[1] = t -> caffeine.get(t, verifier, mapper);
        token = pool.token(0).getBytes(StandardCharsets.ISO_8859_1);
        String expected = caches[0].apply(pool.token(0));
        for (Function<String, String> cache : caches) {
            if (!expected.equals(cache.apply(pool.token(0)))) {
                throw new IllegalStateException("the caches disagree");
            }
        }
    }

    @Benchmark
    public void hits(Times times, Blackhole blackhole) {
        rotation = rotation == 1 ? 0 : 1;
        for (int i = 0; i < 2; i++) {
            int which = (rotation + i) % 2;
            Function<String, String> cache = caches[which];
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int k = 0; k < BATCH; k++) {
                blackhole.consume(cache.apply(new String(token, StandardCharsets.ISO_8859_1)));
            }
            long wallNs = System.nanoTime() - wall;
            long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
            if (which == 0) {
                times.cpuNsHandMade += cpuNs;
                times.wallNsHandMade += wallNs;
            } else {
                times.cpuNsCaffeine += cpuNs;
                times.wallNsCaffeine += wallNs;
            }
        }
        times.hitsEach += BATCH;
    }
}
