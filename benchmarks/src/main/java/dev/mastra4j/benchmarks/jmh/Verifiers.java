package dev.mastra4j.benchmarks.jmh;

import com.clerk.backend_api.helpers.security.VerifyToken;
import com.clerk.backend_api.helpers.security.models.VerifyTokenOptions;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The four verifiers, each configured as close to the same checks as its API allows, all with the issuer's key
 * given locally (no network) and a 5 s clock skew:
 *
 * <ul>
 *   <li><b>mastra4j</b> {@link MastraAuthClerk#authenticateToken}: strict decoding (canonical base64url, no duplicate
 *       JSON keys, 8 KiB cap), {@code cat}, {@code typ}, {@code alg} allow-list, signature, {@code sub}, {@code azp},
 *       {@code exp}, {@code nbf}, {@code iat}, {@code iss}, {@code sts}; maps the claims to a {@code ClerkUser}.</li>
 *   <li><b>Clerk Java SDK</b> {@code VerifyToken.verifyToken} with {@code jwtKey}: signature (jjwt, algorithm from
 *       the header), {@code exp}, {@code nbf}, {@code iat}, {@code azp} (only when present); no {@code iss} check
 *       (its options have none). It parses the PEM and builds a jjwt parser on every call, as its API requires.</li>
 *   <li><b>Spring Security</b> {@link NimbusJwtDecoder} with the RSA public key and RS256: {@code typ}, signature,
 *       and validators for {@code exp}/{@code nbf} ({@link JwtTimestampValidator}), {@code iss}, {@code sub} and
 *       {@code azp}; no {@code iat} check. It converts the claims into a Spring {@code Jwt}.</li>
 *   <li><b>raw JDK</b> {@link RawRs256}: the signature only.</li>
 * </ul>
 *
 * {@link #requireAllVerify} proves, before any measurement, that each one accepts the pool's tokens and rejects
 * a forged and an expired one (the raw floor checks no claims, so it only has to reject the forgery).
 */
final class Verifiers {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private Verifiers() {}

    /**
     * Our verifier with a verified-token cache of {@code cacheEntries}; 1 keeps the cache on (so a miss pays for
     * hashing, lookup and insert) while a stream of distinct tokens never hits it.
     */
    static MastraAuthClerk mastra(ClerkTokenPool pool, int cacheEntries) {
        Path emptyDir;
        try {
            // No .env of the working directory may add settings (an organization, say) to the measured verifier.
            emptyDir = Files.createTempDirectory("mastra4j-jmh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return MastraAuthClerk.builder()
                    .env(Map.of())
                    .dotenvDirectory(emptyDir)
                    .publishableKey(pool.publishableKey())
                    .secretKey(pool.secretKey())
                    .jwtKey(pool.jwtKeyPem())
                    .authorizedParties(pool.authorizedParty())
                    .clockSkew(CLOCK_SKEW)
                    .verifiedTokenCacheSize(cacheEntries)
                    .build();
        } finally {
            emptyDir.toFile().delete();
        }
    }

    static VerifyTokenOptions clerkSdk(ClerkTokenPool pool) {
        return VerifyTokenOptions.jwtKey(pool.jwtKeyPem())
                .authorizedParties(List.of(pool.authorizedParty()))
                .clockSkew(CLOCK_SKEW.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    static NimbusJwtDecoder spring(ClerkTokenPool pool) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(pool.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(pool.issuer()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isEmpty()),
                new JwtClaimValidator<String>("azp", pool.authorizedParty()::equals)));
        return decoder;
    }

    static RawRs256 raw(ClerkTokenPool pool) {
        return new RawRs256(pool.publicKey());
    }

    /** Throws unless every verifier accepts a sample of the pool and rejects the forged and expired tokens. */
    static void requireAllVerify(ClerkTokenPool pool) {
        try (MastraAuthClerk mastra = mastra(pool, 0)) {
            VerifyTokenOptions clerk = clerkSdk(pool);
            NimbusJwtDecoder spring = spring(pool);
            RawRs256 raw = raw(pool);
            for (int i = 0; i < Math.min(pool.size(), 16); i++) {
                String token = pool.token(i);
                require(
                        accepts(() -> mastra.authenticateToken(token, BenchRequest.GET_AGENTS)),
                        "mastra4j rejects a valid token");
                require(accepts(() -> VerifyToken.verifyToken(token, clerk)), "the Clerk SDK rejects a valid token");
                require(accepts(() -> spring.decode(token)), "Spring rejects a valid token");
                require(raw.verify(token), "raw RS256 rejects a valid token");
            }
            for (String bad : List.of(pool.forged(), pool.expired())) {
                require(
                        !accepts(() -> mastra.authenticateToken(bad, BenchRequest.GET_AGENTS)),
                        "mastra4j accepts a bad token");
                require(!accepts(() -> VerifyToken.verifyToken(bad, clerk)), "the Clerk SDK accepts a bad token");
                require(!accepts(() -> spring.decode(bad)), "Spring accepts a bad token");
            }
            require(!raw.verify(pool.forged()), "raw RS256 accepts a forged signature");
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static boolean accepts(Call call) {
        try {
            return call.run() != null;
        } catch (Exception e) {
            // Each library rejects with its own exception type (ours: AuthenticationException); any one counts.
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
