package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedJwt;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12, item 10: the hand-made token cache ({@link HandMadeTokenCache}, {@link VerifiedTokenCache} until
 * issue 12) against {@link VerifiedTokenCache} itself, the same contract on Caffeine ({@code caffeine}), on real
 * RS256 Clerk session tokens and a real {@link JwtVerifier}.
 *
 * <ul>
 *   <li>{@code hit}: the same token every operation, as a new {@code String} decoded from bytes as a request
 *       header's value is; the cache holds its default 10,000 entries.</li>
 *   <li>{@code churn}: {@code poolSize} distinct tokens drawn with a Zipf (s = 1) popularity, a few users making
 *       most requests, through a cache of {@code churnEntries}; every miss pays a full RSA verification, so the
 *       score is mostly the hit rate the eviction policy achieves. The {@code misses} counter reports it.</li>
 * </ul>
 * {@link CpuTime} reports the benchmark thread's CPU time per operation next to the wall-clock score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class TokenCacheBenchmark {

    @Param({"handMade", "caffeine"})
    public String cache;

    @Param("2000")
    public int poolSize;

    @Param("500")
    public int churnEntries;

    private static final int DRAWS = 1 << 16;

    private ClerkTokenPool pool;
    private JwtVerifier verifier;
    private byte[] hitToken;
    private int[] draws;
    private int next;
    private Function<String, String> hitCache;
    private Function<String, String> churnCache;

    /** Misses per operation in the churn benchmark. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Misses {
        public long misses;
    }

    private Misses currentMisses;

    @Setup(Level.Trial)
    public void setUp() {
        pool = ClerkTokenPool.mint(poolSize);
        Verifiers.requireAllVerify(pool);
        verifier = JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(pool.publicKey()))
                .claimValidator(ClaimValidator.expiry(Verifiers.CLOCK_SKEW))
                .claimValidator(ClaimValidator.notBefore(Verifiers.CLOCK_SKEW))
                .build();
        hitToken = pool.token(0).getBytes(StandardCharsets.ISO_8859_1);
        draws = zipf(poolSize, DRAWS, 1.0, new SplittableRandom(12));
        hitCache = build(VerifiedTokenCache.DEFAULT_MAX_ENTRIES);
        churnCache = build(churnEntries);
    }

    private Function<String, String> build(int entries) {
        Function<VerifiedJwt, String> mapper = jwt -> {
            if (currentMisses != null) {
                currentMisses.misses++;
            }
            return jwt.claims().subject();
        };
        return switch (cache) {
            case "handMade" -> {
                HandMadeTokenCache<String> c = new HandMadeTokenCache<>(entries);
                yield token -> c.get(token, verifier, mapper);
            }
            case "caffeine" -> {
                VerifiedTokenCache<String> c = new VerifiedTokenCache<>(entries);
                yield token -> c.get(token, verifier, mapper);
            }
            default -> throw new IllegalArgumentException(cache);
        };
    }

    @Benchmark
    public String hit(CpuTime cpu) {
        cpu.op();
        currentMisses = null;
        return hitCache.apply(new String(hitToken, StandardCharsets.ISO_8859_1));
    }

    @Benchmark
    public String churn(Misses misses, CpuTime cpu) {
        cpu.op();
        currentMisses = misses;
        int index = draws[next];
        next = (next + 1) & (DRAWS - 1);
        return churnCache.apply(pool.token(index));
    }

    /** {@code count} indexes in [0, n) with P(i) proportional to 1 / (i + 1)^s, by inverse transform. */
    static int[] zipf(int n, int count, double s, SplittableRandom random) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[k] = lo;
        }
        return out;
    }
}
