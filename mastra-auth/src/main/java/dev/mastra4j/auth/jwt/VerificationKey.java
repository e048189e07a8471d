package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * A key ready to check signatures, with its {@link SignatureCheck} built once (setting up a verifier per token is
 * a measurable cost). A key of a type this verifier cannot use is still indexed by kid, so a token naming it is
 * refused for its algorithm rather than reported as an unknown kid.
 */
record VerificationKey(Family family, JWSAlgorithm keyAlgorithm, SignatureCheck check) {

    enum Family {
        RSA,
        HMAC,
        UNSUPPORTED
    }

    static final VerificationKey UNSUPPORTED = new VerificationKey(Family.UNSUPPORTED, null, null);

    /** Whether {@code alg} fits this key's type and, if the JWK names one, its {@code alg}. */
    boolean accepts(JWSAlgorithm alg) {
        boolean familyMatches = switch (family) {
            case RSA -> JWSAlgorithm.Family.RSA.contains(alg);
            case HMAC -> JWSAlgorithm.Family.HMAC_SHA.contains(alg);
            case UNSUPPORTED -> false;
        };
        return familyMatches && (keyAlgorithm == null || keyAlgorithm.equals(alg));
    }
}
