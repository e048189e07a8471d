package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.clerk.ClerkPrincipal;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedJwt;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
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
 * last header of {@code JwtDecoder} pay. Every operation verifies the next of a pool of distinct Clerk session
 * tokens (RS256, one issuer, so one header), with nothing cached, once through {@link JwtVerifier} alone and once
 * through {@link MastraAuthClerk#authenticateToken} with its verified-token cache off. {@link #variant} selects
 * which of the two devices is on; each fork sets the switches before the classes load, and the setup checks that
 * they took effect.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class SignaturePoolBenchmark {

    /** both: pooled signatures and the last header; noPool; noLastHeader; neither. */
    @Param({"both", "noPool", "noLastHeader", "neither"})
    public String variant;

    @Param("1000")
    public int poolSize;

    private ClerkTokenPool pool;
    private int next;
    private JwtVerifier verifier;
    private MastraAuthClerk mastra;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        boolean pooled = variant.equals("both") || variant.equals("noLastHeader");
        boolean lastHeader = variant.equals("both") || variant.equals("noPool");
        System.setProperty("mastra4j.jmh.plainSignature", Boolean.toString(!pooled));
        System.setProperty("mastra4j.jmh.noLastHeader", Boolean.toString(!lastHeader));
        require(flag("RsaSignatureCheck", "POOLED") == pooled, "signature pooling switch did not take effect");
        require(flag("JwtDecoder", "REUSE_HEADER") == lastHeader, "last-header switch did not take effect");
        pool = ClerkTokenPool.mint(poolSize);
        Verifiers.requireAllVerify(pool);
        verifier = JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(pool.publicKey()))
                .claimValidator(ClaimValidator.expiry(Verifiers.CLOCK_SKEW))
                .claimValidator(ClaimValidator.notBefore(Verifiers.CLOCK_SKEW))
                .build();
        mastra = Verifiers.mastra(pool, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mastra.close();
    }

    private String nextToken() {
        String token = pool.token(next);
        next = next + 1 == poolSize ? 0 : next + 1;
        return token;
    }

    @Benchmark
    public VerifiedJwt jwtVerifier() {
        return verifier.verify(nextToken());
    }

    @Benchmark
    public ClerkPrincipal mastraAuthClerk() {
        return mastra.authenticateToken(nextToken(), BenchRequest.GET_AGENTS);
    }

    private static boolean flag(String className, String field) throws ReflectiveOperationException {
        Field f = Class.forName("dev.mastra4j.auth.jwt." + className).getDeclaredField(field);
        f.setAccessible(true);
        return f.getBoolean(null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
