package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JWSHeader;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * RSASSA-PKCS1-v1_5 (RS256/384/512) with the JDK's {@link Signature} directly, as Nimbus would do it but without
 * its slower base64 decoding. Instances initialised with the key are kept for reuse instead of being looked up and
 * initialised for every verification (the gain is measured in BENCHMARKS.md). A {@code Signature} is not
 * thread-safe, so each one is taken out of its slot while in use, and one that failed part-way is dropped instead of
 * put back. Slots are striped by thread so that concurrent verifications rarely miss; a thread-local would not help
 * with one virtual thread per request. Thread-safe.
 */
final class RsaSignatureCheck implements SignatureCheck {

    private static final String[] JCA_NAMES = {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};
    /** A power of two, at least the number of processors. */
    private static final int STRIPES =
            Integer.highestOneBit(Math.clamp(Runtime.getRuntime().availableProcessors() * 2L, 2, 64));

    private final RSAPublicKey key;
    /** Idle initialised instances: the slot for algorithm a and stripe s is {@code a * STRIPES + s}. */
    private final AtomicReferenceArray<Signature> idle = new AtomicReferenceArray<>(JCA_NAMES.length * STRIPES);

    RsaSignatureCheck(RSAPublicKey key) {
        this.key = key;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, byte[] signature) {
        int algorithm = switch (header.getAlgorithm().getName()) {
            case "RS256" -> 0;
            case "RS384" -> 1;
            case "RS512" -> 2;
            default -> -1;
        };
        if (algorithm < 0) {
            return false;
        }
        int slot = algorithm * STRIPES + (int) (Thread.currentThread().threadId() & (STRIPES - 1));
        try {
            Signature verifier = idle.getAndSet(slot, null);
            if (verifier == null) {
                verifier = Signature.getInstance(JCA_NAMES[algorithm]);
                verifier.initVerify(key);
            }
            verifier.update(signingInput);
            boolean valid = verifier.verify(signature);
            // verify() leaves the instance initialised for the same key, ready for the next signature.
            idle.set(slot, verifier);
            return valid;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RsaSignatureCheck[" + key.getModulus().bitLength() + " bits]";
    }
}
