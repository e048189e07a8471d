package dev.mastra4j.benchmarks.jmh;

import com.clerk.backend_api.helpers.security.VerifyToken;
import com.clerk.backend_api.helpers.security.models.VerifyTokenOptions;
import dev.mastra4j.auth.clerk.ClerkPrincipal;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
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
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Cold verification: every operation verifies the next token of a pool of distinct tokens, so nothing learnt
 * from one token helps with the next. Our verifier keeps its verified-token cache on with one entry, so each
 * operation pays the miss path (SHA-256 of the token, lookup, insert) and never hits. See {@link Verifiers} for
 * what each verifier checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class ColdVerificationBenchmark {

    /**
     * Distinct tokens cycled through: about 9 MB of tokens, more than the CPU caches hold, as tokens arriving from
     * the network would be. Minting costs about 2 ms of CPU each, so this is most of the setup time.
     */
    @Param("10000")
    public int poolSize;

    private ClerkTokenPool pool;
    private int next;
    private RawRs256 raw;
    private MastraAuthClerk mastra;
    private VerifyTokenOptions clerk;
    private NimbusJwtDecoder spring;

    @Setup(Level.Trial)
    public void setUp() {
        pool = ClerkTokenPool.mint(poolSize);
        Verifiers.requireAllVerify(pool);
        raw = Verifiers.raw(pool);
        mastra = Verifiers.mastra(pool, 1);
        clerk = Verifiers.clerkSdk(pool);
        spring = Verifiers.spring(pool);
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
    public boolean rawSignature() {
        return raw.verify(nextToken());
    }

    @Benchmark
    public ClerkPrincipal mastra4j() {
        return mastra.authenticateToken(nextToken(), BenchRequest.GET_AGENTS);
    }

    @Benchmark
    public Object clerkSdk() throws Exception {
        return VerifyToken.verifyToken(nextToken(), clerk).payload();
    }

    @Benchmark
    public Jwt springNimbus() {
        return spring.decode(nextToken());
    }
}
