package dev.mastra4j.benchmarks.jmh;

import com.clerk.backend_api.helpers.security.VerifyToken;
import com.clerk.backend_api.helpers.security.models.VerifyTokenOptions;
import dev.mastra4j.auth.clerk.ClerkPrincipal;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The same token on every operation, as when one signed-in user makes many requests within a token's lifetime. Each
 * operation gets the token as a new {@code String} decoded from bytes, as a request's header value is: reusing one
 * instance would let the JDK's cached {@code String.hashCode} flatter a hash-keyed cache.
 * Our verifier answers from its verified-token cache (default size), re-checking {@code exp} and {@code nbf}; the
 * Clerk SDK and Spring have no such cache and verify in full each time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class CachedVerificationBenchmark {

    private byte[] tokenBytes;
    private MastraAuthClerk mastra;
    private VerifyTokenOptions clerk;
    private NimbusJwtDecoder spring;

    @Setup(Level.Trial)
    public void setUp() {
        ClerkTokenPool pool = ClerkTokenPool.mint(2);
        Verifiers.requireAllVerify(pool);
        tokenBytes = pool.token(0).getBytes(StandardCharsets.ISO_8859_1);
        mastra = Verifiers.mastra(pool, VerifiedTokenCache.DEFAULT_MAX_ENTRIES);
        clerk = Verifiers.clerkSdk(pool);
        spring = Verifiers.spring(pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mastra.close();
    }

    @Benchmark
    public ClerkPrincipal mastra4j() {
        return mastra.authenticateToken(token(), BenchRequest.GET_AGENTS);
    }

    @Benchmark
    public Object clerkSdk() throws Exception {
        return VerifyToken.verifyToken(token(), clerk).payload();
    }

    @Benchmark
    public Jwt springNimbus() {
        return spring.decode(token());
    }

    private String token() {
        return new String(tokenBytes, StandardCharsets.ISO_8859_1);
    }
}
