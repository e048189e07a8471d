package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Turning key material (PEM, JWK, raw secrets) into {@link VerificationKey}s. */
final class Keys {

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_HMAC_BYTES = 32;

    private Keys() {}

    /** Parses an SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}); escaped {@code \n} from env files is accepted. */
    static RSAPublicKey parseRsaPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("The PEM public key is empty");
        }
        String text = pem.replace("\\n", "\n").strip();
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IllegalArgumentException(
                    "The PEM public key must be enclosed in '" + begin + "' and '" + end + "'");
        }
        String body =
                text.substring(begin.length(), text.length() - end.length()).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The PEM public key body is not base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The PEM public key is not an RSA public key");
        }
        return checkSize((RSAPublicKey) key);
    }

    static RSAPublicKey checkSize(RSAPublicKey key) {
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys must have at least " + MIN_RSA_BITS + " bits");
        }
        return key;
    }

    static VerificationKey rsa(RSAPublicKey key, JWSAlgorithm keyAlgorithm) {
        return new VerificationKey(VerificationKey.Family.RSA, keyAlgorithm, new RsaSignatureCheck(checkSize(key)));
    }

    static VerificationKey hmac(byte[] secret) {
        if (secret == null || secret.length < MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("HMAC secrets must be at least " + MIN_HMAC_BYTES + " bytes");
        }
        try {
            return new VerificationKey(
                    VerificationKey.Family.HMAC, null, new HmacSignatureCheck(new MACVerifier(secret.clone())));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The HMAC secret cannot be used", e);
        }
    }

    /**
     * A JWK from a key set or from configuration. Only RSA keys whose {@code use} is {@code sig} or absent are
     * usable; other signing keys become {@link VerificationKey#UNSUPPORTED}; encryption keys and small RSA keys
     * yield {@code null} (never used for anything).
     */
    static VerificationKey fromJwk(JWK jwk) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return null;
        }
        JWSAlgorithm keyAlgorithm = jwk.getAlgorithm() == null
                ? null
                : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        try {
            return switch (jwk) {
                case RSAKey rsa -> {
                    RSAPublicKey publicKey = rsa.toRSAPublicKey();
                    yield publicKey.getModulus().bitLength() < MIN_RSA_BITS ? null : rsa(publicKey, keyAlgorithm);
                }
                case OctetSequenceKey oct -> {
                    VerificationKey key = hmac(oct.toByteArray());
                    yield new VerificationKey(key.family(), keyAlgorithm, key.check());
                }
                default -> VerificationKey.UNSUPPORTED;
            };
        } catch (JOSEException | IllegalArgumentException e) {
            return null;
        }
    }
}
