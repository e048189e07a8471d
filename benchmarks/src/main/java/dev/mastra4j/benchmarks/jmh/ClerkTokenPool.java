package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.testing.LocalClerkIssuer;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Clerk-shaped RS256 session tokens from one {@link LocalClerkIssuer}, all distinct, plus the issuer's settings
 * that every verifier is configured with. The issuer's HTTP server is closed as soon as the tokens exist, so
 * nothing but the benchmarked code runs while measuring.
 *
 * <p>Each token is a v2 session token with an active organization and permissions, a distinct {@code sid} and
 * {@code jti}, and a two-hour lifetime so none expires during a run. Two rejected tokens are kept for the
 * sanity check that every verifier really verifies: one signed by a key the verifiers do not trust, one expired.
 */
final class ClerkTokenPool {

    static final Duration LIFETIME = Duration.ofHours(2);

    private final String[] tokens;
    private final String forged;
    private final String expired;
    private final String publishableKey;
    private final String secretKey;
    private final String issuer;
    private final String jwtKeyPem;
    private final RSAPublicKey publicKey;

    private ClerkTokenPool(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("A pool needs at least two distinct tokens");
        }
        try (LocalClerkIssuer clerk = LocalClerkIssuer.start()) {
            tokens = new String[size];
            Set<String> seen = new HashSet<>(size * 2);
            for (int i = 0; i < size; i++) {
                tokens[i] = clerk.tokenBuilder()
                        .subject(String.format("user_%027d", i))
                        .organization("org_2kQv3yZ8Lm1Nx7Pb4Rs6Tu9Wc0D", "acme", "admin")
                        .orgPermissions("o:invoices,o:reports", "read,manage", "3,1")
                        .claim("jti", String.format("%020x", i))
                        .expiresIn(LIFETIME)
                        .build();
                if (!seen.add(tokens[i])) {
                    throw new IllegalStateException("Minted the same token twice");
                }
            }
            forged = clerk.tokenBuilder()
                    .expiresIn(LIFETIME)
                    .signWithUntrustedKey()
                    .build();
            Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
            expired = clerk.tokenBuilder()
                    .iat(hourAgo)
                    .nbf(hourAgo)
                    .exp(hourAgo.plusSeconds(60))
                    .build();
            publishableKey = clerk.publishableKey();
            secretKey = clerk.secretKey();
            issuer = clerk.issuer();
            jwtKeyPem = clerk.jwtKeyPem();
            publicKey = parsePem(jwtKeyPem);
        }
    }

    static ClerkTokenPool mint(int size) {
        return new ClerkTokenPool(size);
    }

    int size() {
        return tokens.length;
    }

    String token(int index) {
        return tokens[index];
    }

    /** Correctly shaped, signed by a key no verifier trusts. */
    String forged() {
        return forged;
    }

    /** Correctly signed, expired an hour ago. */
    String expired() {
        return expired;
    }

    String publishableKey() {
        return publishableKey;
    }

    String secretKey() {
        return secretKey;
    }

    /** The expected {@code iss}. */
    String issuer() {
        return issuer;
    }

    /** The {@code azp} every token carries and every verifier is told to require. */
    String authorizedParty() {
        return LocalClerkIssuer.DEFAULT_AZP;
    }

    String jwtKeyPem() {
        return jwtKeyPem;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    private static RSAPublicKey parsePem(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("The issuer's PEM is not an RSA public key", e);
        }
    }
}
