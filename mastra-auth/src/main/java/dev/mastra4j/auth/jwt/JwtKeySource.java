package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.AuthenticationException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * Where a {@link JwtVerifier} gets the key for a token: one fixed key (no network), or a JWKS URL with caching,
 * rate-limited refetching and outage tolerance ({@link JwksKeySource}).
 */
public abstract sealed class JwtKeySource implements AutoCloseable permits StaticKeySource, JwksKeySource {

    JwtKeySource() {}

    /** An RSA public key (at least 2048 bits); the token's {@code kid} is not consulted. */
    public static JwtKeySource rsaPublicKey(RSAPublicKey key) {
        return new StaticKeySource(Keys.rsa(key, null), "rsa-public-key");
    }

    /** An RSA public key in SPKI PEM form ({@code -----BEGIN PUBLIC KEY-----}), as Clerk's {@code CLERK_JWT_KEY}. */
    public static JwtKeySource pem(String pem) {
        return new StaticKeySource(Keys.rsa(Keys.parseRsaPem(pem), null), "pem");
    }

    /** One JWK: an RSA signing key, or an octet key for HMAC. Its {@code alg}, if set, must match the token's. */
    public static JwtKeySource jwk(JWK jwk) {
        VerificationKey key = Keys.fromJwk(jwk);
        if (key == null || key.family() == VerificationKey.Family.UNSUPPORTED) {
            throw new IllegalArgumentException(
                    "The JWK must be an RSA signing key of at least 2048 bits or an octet key");
        }
        return new StaticKeySource(key, "jwk");
    }

    /** A shared HMAC secret of at least 32 bytes (HS256/384/512). */
    public static JwtKeySource hmacSecret(byte[] secret) {
        return new StaticKeySource(Keys.hmac(secret), "hmac-secret");
    }

    /** A remote JWKS. Only {@code https}, or {@code http} to a loopback host. */
    public static JwksKeySource.Builder jwks(URI uri) {
        return JwksKeySource.builder(uri);
    }

    /** The key for this token, or an {@link AuthenticationException} with the reason. */
    abstract VerificationKey select(JwtHeader header);

    /** A key id this source would accept, loading the keys if needed; null when the source does not use kids. */
    String anyKeyId() {
        return null;
    }

    /**
     * Whether a key is at hand: always for a fixed key; for a JWKS, once a fetch succeeded and while its keys are
     * usable (within time to live or outage tolerance).
     */
    public boolean keysLoaded() {
        return true;
    }

    /** Sends this source's fetches to {@code observer} (replacing any earlier one); a fixed key has none. */
    public void observe(AuthObserver observer) {
        Objects.requireNonNull(observer, "observer");
    }

    /** Releases background refresh threads, if any. */
    @Override
    public void close() {}
}
