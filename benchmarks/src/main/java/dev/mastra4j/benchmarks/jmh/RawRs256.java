package dev.mastra4j.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The floor: what any RS256 verification must at least do, with nothing else. It finds the last dot, takes the
 * signing input's bytes, base64url-decodes the signature and runs one JDK {@code SHA256withRSA} verify. It parses
 * no JSON and checks no claim, and it reuses one {@link Signature} already initialised with the key (a verify
 * leaves the object ready for the next one), which a shared, thread-safe verifier could not do.
 *
 * <p>Not thread-safe: one per benchmark thread.
 */
final class RawRs256 {

    private final Signature signature;
    private final Base64.Decoder base64Url = Base64.getUrlDecoder();

    RawRs256(RSAPublicKey key) {
        try {
            signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is not available", e);
        }
    }

    boolean verify(String token) {
        int lastDot = token.lastIndexOf('.');
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        try {
            signature.update(ascii, 0, lastDot);
            return signature.verify(base64Url.decode(token.substring(lastDot + 1)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
