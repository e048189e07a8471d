package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JWSHeader;

/** Checks a signature over a token's signing input with one key, for an algorithm already allowed for that key. */
sealed interface SignatureCheck permits RsaSignatureCheck, HmacSignatureCheck {

    /** Whether {@code signature} is valid; any failure of the underlying crypto counts as "not valid". */
    boolean verify(JWSHeader header, byte[] signingInput, byte[] signature);
}
