package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12, item 10: whether the pooled {@code Signature} instances of {@code RsaSignatureCheck} and the reused
 * last header of {@code JwtDecoder} pay. Every verification takes the next of a pool of distinct Clerk session
 * tokens (RS256, one issuer, so one header), with nothing cached, through {@link JwtVerifier} alone
 * ({@code jwtVerifier}) or through {@link MastraAuthClerk#authenticateToken} with its verified-token cache off
 * ({@code mastraAuthClerk}).
 *
 * <p>Paired design: each operation verifies four tokens, one under each variant (both devices on, no pool, no last
 * header, neither), in an order that rotates from one operation to the next, and times each verification with the
 * benchmark thread's CPU time and with the wall clock. A busy machine then slows all four variants alike, and the
 * {@link Times} counters give each variant's time per verification. The variants are switched through two temporary
 * static fields between verifications.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class SignaturePoolBenchmark {

    static final String[] VARIANTS = {"both", "noPool", "noLastHeader", "neither"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param("1000")
    public int poolSize;

    private ClerkTokenPool pool;
    private int next;
    private int rotation;
    private JwtVerifier verifier;
    private MastraAuthClerk mastra;
    private Field pooled;
    private Field reuseHeader;

    /** Per variant, summed over the iteration: CPU and wall-clock nanoseconds, and verifications. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long cpuNsBoth;
        public long cpuNsNoPool;
        public long cpuNsNoLastHeader;
        public long cpuNsNeither;
        public long wallNsBoth;
        public long wallNsNoPool;
        public long wallNsNoLastHeader;
        public long wallNsNeither;
        public long verificationsEach;
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        pooled = Class.forName("dev.mastra4j.auth.jwt.RsaSignatureCheck").getDeclaredField("pooled");
        reuseHeader = Class.forName("dev.mastra4j.auth.jwt.JwtDecoder").getDeclaredField("reuseHeader");
        pooled.setAccessible(true);
        reuseHeader.setAccessible(true);
        pool = ClerkTokenPool.mint(poolSize);
        Verifiers.requireAllVerify(pool);
        verifier = JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(pool.publicKey()))
                .claimValidator(ClaimValidator.expiry(Verifiers.CLOCK_SKEW))
                .claimValidator(ClaimValidator.notBefore(Verifiers.CLOCK_SKEW))
                .build();
        mastra = Verifiers.mastra(pool, 0);
        for (int variant = 0; variant < VARIANTS.length; variant++) {
            select(variant);
            if (pooled.getBoolean(null) != (variant == 0 || variant == 2)
                    || reuseHeader.getBoolean(null) != (variant == 0 || variant == 1)) {
                throw new IllegalStateException("variant switch did not take effect");
            }
            verifier.verify(nextToken());
            mastra.authenticateToken(nextToken(), BenchRequest.GET_AGENTS);
        }
        select(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IllegalAccessException {
        select(0);
        mastra.close();
    }

    @Benchmark
    public Object jwtVerifier(Times times) throws IllegalAccessException {
        return fourVariants(times, verifier::verify);
    }

    @Benchmark
    public Object mastraAuthClerk(Times times) throws IllegalAccessException {
        return fourVariants(times, token -> mastra.authenticateToken(token, BenchRequest.GET_AGENTS));
    }

    private Object fourVariants(Times times, Function<String, Object> verify) throws IllegalAccessException {
        Object last = null;
        rotation = (rotation + 1) & 3;
        for (int i = 0; i < 4; i++) {
            int variant = (rotation + i) & 3;
            select(variant);
            String token = nextToken();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            last = verify.apply(token);
            long wallNs = System.nanoTime() - wall;
            long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
            switch (variant) {
                case 0 -> { times.cpuNsBoth += cpuNs; times.wallNsBoth += wallNs; }
                case 1 -> { times.cpuNsNoPool += cpuNs; times.wallNsNoPool += wallNs; }
                case 2 -> { times.cpuNsNoLastHeader += cpuNs; times.wallNsNoLastHeader += wallNs; }
                default -> { times.cpuNsNeither += cpuNs; times.wallNsNeither += wallNs; }
            }
        }
        times.verificationsEach++;
        return last;
    }

    private void select(int variant) throws IllegalAccessException {
        pooled.setBoolean(null, variant == 0 || variant == 2);
        reuseHeader.setBoolean(null, variant == 0 || variant == 1);
    }

    private String nextToken() {
        String token = pool.token(next);
        next = next + 1 == poolSize ? 0 : next + 1;
        return token;
    }
}
