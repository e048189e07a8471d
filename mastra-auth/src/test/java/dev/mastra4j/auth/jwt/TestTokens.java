package dev.mastra4j.auth.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Signs test tokens from plain maps with real keys, so each test states exactly the header and claims it needs. */
final class TestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {}

    static RSAKey rsaKey() {
        return rsaKey("kid-" + UUID.randomUUID());
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        if (kid != null) {
            header.put("kid", kid);
        }
        header.put("typ", "JWT");
        return header;
    }

    /** sub, iss, iat = now, nbf = now - 10 s, exp = now + 60 s. */
    static Map<String, Object> claims(String issuer) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user_1");
        claims.put("iss", issuer);
        claims.put("iat", now);
        claims.put("nbf", now - 10);
        claims.put("exp", now + 60);
        return claims;
    }

    static String sign(RSAKey key, Map<String, Object> claims) {
        return sign(key, header("RS256", key.getKeyID()), claims);
    }

    /** Signs with {@code key} using the header's {@code alg}; {@code "none"} gives an empty signature. */
    static String sign(JWK key, Map<String, Object> header, Map<String, Object> claims) {
        return signRaw(key, String.valueOf(header.get("alg")), json(header), json(claims));
    }

    static String signRaw(JWK key, String alg, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        if ("none".equals(alg)) {
            return input + ".";
        }
        try {
            JWSSigner signer = switch (key) {
                case RSAKey rsa -> new RSASSASigner(rsa);
                case ECKey ec -> new ECDSASigner(ec);
                case OctetSequenceKey oct -> new MACSigner(oct);
                default -> throw new IllegalArgumentException(key.getKeyType().getValue());
            };
            return input + "."
                    + signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), input.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A verifier over {@code source} that checks expiry with 5 s of skew. */
    static JwtVerifier verifier(JwtKeySource source) {
        return JwtVerifier.builder()
                .keySource(source)
                .claimValidator(ClaimValidator.expiry(Duration.ofSeconds(5)))
                .build();
    }

    /**
     * A token naming {@code kid}, issued by {@code https://issuer.example}; its signature is garbage, which does not
     * matter: the kid lookup fails first.
     */
    static String tokenWithKid(String kid) {
        return b64(json(header("RS256", kid))) + "." + b64(json(claims("https://issuer.example"))) + ".c2lnbmF0dXJl";
    }
}
