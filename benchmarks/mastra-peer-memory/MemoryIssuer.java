import dev.mastra4j.testing.LocalClerkIssuer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The loopback Clerk issuer of the memory capture: one {@link LocalClerkIssuer} (as IssuerMain) minting 2 h session
 * tokens for two users, so that capture-memory.mjs can act as both. Run as a single-file source program:
 * {@code java -cp benchmarks/target/benchmarks.jar MemoryIssuer.java}. Prints {@code PUBLISHABLE_KEY}, {@code SECRET_KEY},
 * {@code JWKS_URI}, {@code TOKEN_A} ({@code user_alice}), {@code TOKEN_B} ({@code user_bob}) and then {@code READY},
 * one per line as {@code NAME value}; runs until killed.
 */
public final class MemoryIssuer {

    private MemoryIssuer() {
    }

    public static void main(String[] args) throws Exception {
        LocalClerkIssuer issuer = LocalClerkIssuer.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            issuer.close();
            stopped.countDown();
        }));
        System.out.println("PUBLISHABLE_KEY " + issuer.publishableKey());
        System.out.println("SECRET_KEY " + issuer.secretKey());
        System.out.println("JWKS_URI " + issuer.jwksUri());
        System.out.println("TOKEN_A " + issuer.tokenBuilder().subject("user_alice").expiresIn(Duration.ofHours(2)).build());
        System.out.println("TOKEN_B " + issuer.tokenBuilder().subject("user_bob").expiresIn(Duration.ofHours(2)).build());
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
