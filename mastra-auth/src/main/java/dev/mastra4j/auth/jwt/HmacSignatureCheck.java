package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;

/**
 * HMAC through Nimbus, which compares in constant time and refuses a secret shorter than the algorithm's hash.
 * Re-encoding the signature costs little next to the rest of a request, and HMAC is not the hot path.
 */
record HmacSignatureCheck(MACVerifier verifier) implements SignatureCheck {

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, byte[] signature) {
        try {
            return verifier.verify(header, signingInput, Base64URL.encode(signature));
        } catch (JOSEException e) {
            return false;
        }
    }
}
