package dev.mastra4j.testing;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Tokens with exactly one defect each, and the reason a strict Clerk verifier gives (the check table in docs/AUTH.md,
 * "Clerk session tokens"; the reasons are {@code dev.mastra4j.auth.AuthReason}'s wire names).
 * Every one is otherwise a valid token from the issuer, so a verifier that misses the defect accepts it.
 *
 * <p>The expected reasons assume a verifier configured for this issuer with the default 5 s clock skew and,
 * for {@link #requiresAuthorizedParties()} cases, {@code authorizedParties = [}{@value LocalClerkIssuer#DEFAULT_AZP}{@code ]}.
 * Cases "just inside" or "just outside" another skew are made with {@link LocalClerkIssuer#tokenBuilder()}.
 */
public enum BadToken {

    /** No dots at all. */
    NOT_A_JWT("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return "this-is-not-a-jwt";
        }
    },
    /** The header segment contains characters outside the base64url alphabet. */
    BAD_BASE64("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            String[] parts = issuer.token().split("\\.");
            return "eyJ*bad+base64/" + parts[0].substring(15) + "." + parts[1] + "." + parts[2];
        }
    },
    /** Correctly signed, but the payload is not JSON. */
    PAYLOAD_NOT_JSON("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder()
                    .rawPayloadJson("user_test is signed in")
                    .build();
        }
    },
    /** Correctly signed payload with {@code sub} twice; "last one wins" would make the second user authenticated. */
    DUPLICATE_JSON_KEYS("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            String json = TokenBuilder.toJson(builder.claimsMap());
            String duplicated = json.substring(0, json.length() - 1) + ",\"sub\":\"user_admin\"}";
            return builder.rawPayloadJson(duplicated).build();
        }
    },
    /** Correctly signed, longer than 8 KiB. */
    OVERSIZED("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().claim("padding", "x".repeat(9 * 1024)).build();
        }
    },
    /** Expired an hour ago. */
    EXPIRED("token-expired") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            Instant now = builder.now();
            return builder.iat(now.minusSeconds(7200))
                    .nbf(now.minusSeconds(7210))
                    .exp(now.minusSeconds(3600))
                    .build();
        }
    },
    /**
     * {@code exp} exactly at the expiry edge: now − the default 5 s skew, the first instant at which
     * {@code exp*1000 <= now - skew} holds. (With zero skew the same edge is {@code exp = now}.)
     */
    EXPIRED_EXACTLY_NOW("token-expired") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            Instant now = builder.now();
            return builder.iat(now.minusSeconds(60))
                    .nbf(now.minusSeconds(70))
                    .exp(now.minus(DEFAULT_SKEW))
                    .build();
        }
    },
    /** {@code nbf} ten minutes ahead, well beyond any skew. */
    NOT_YET_ACTIVE("token-not-active-yet") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            Instant now = builder.now();
            return builder.nbf(now.plusSeconds(600)).exp(now.plusSeconds(1200)).build();
        }
    },
    /** {@code iat} ten minutes ahead ({@code nbf} stays in the past). */
    IAT_IN_FUTURE("token-iat-in-the-future") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            Instant now = builder.now();
            return builder.iat(now.plusSeconds(600)).exp(now.plusSeconds(1200)).build();
        }
    },
    /** Signed by an unpublished key that claims the current key's kid. */
    SIGNED_BY_OTHER_KEY_SAME_KID("token-invalid-signature") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder()
                    .signWithUntrustedKey()
                    .kid(issuer.currentKid())
                    .build();
        }
    },
    /** A valid token whose payload was swapped for one naming another user, signature kept. */
    TAMPERED_PAYLOAD("token-invalid-signature") {
        @Override
        String build(LocalClerkIssuer issuer) {
            String[] parts = issuer.token().split("\\.");
            String forged = TokenBuilder.b64(TokenBuilder.toJson(
                    issuer.tokenBuilder().subject("user_admin").claimsMap()));
            return parts[0] + "." + forged + "." + parts[2];
        }
    },
    /** A valid token whose header gained a field ({@code alg}, {@code kid} and {@code typ} unchanged), signature kept. */
    TAMPERED_HEADER("token-invalid-signature") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            String token = builder.build();
            String[] parts = token.split("\\.");
            var header = builder.headerMap();
            header.put("jku", "https://attacker.example/jwks.json");
            return TokenBuilder.b64(TokenBuilder.toJson(header)) + "." + parts[1] + "." + parts[2];
        }
    },
    /** {@code alg: none} with an empty signature. */
    ALG_NONE("token-invalid-algorithm") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().header("alg", "none").build();
        }
    },
    /** HS256, keyed with the issuer's public key PEM: the classic key-confusion attack. */
    HS256_WITH_PUBLIC_KEY_AS_SECRET("token-invalid-algorithm") {
        @Override
        String build(LocalClerkIssuer issuer) {
            byte[] secret = issuer.jwtKeyPem().getBytes(StandardCharsets.US_ASCII);
            return issuer.tokenBuilder()
                    .header("alg", "HS256")
                    .signWith(new OctetSequenceKey.Builder(secret).build())
                    .build();
        }
    },
    /** A genuine RSASSA-PSS signature by the current key: right key, algorithm outside the allow-list. */
    PS256("token-invalid-algorithm") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().header("alg", "PS256").build();
        }
    },
    /**
     * ES256, signed by an EC P-256 key, under the current RSA key's kid. The JWKS publishes only RSA keys
     * (as Clerk's does), so this is the "algorithm does not match the key type" case.
     */
    ES256("token-invalid-algorithm") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder()
                    .header("alg", "ES256")
                    .signWith(issuer.ecKey())
                    .build();
        }
    },
    /** No {@code kid} header. */
    NO_KID("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().removeHeader("kid").build();
        }
    },
    /** A kid the JWKS does not publish (signed by the current key). */
    UNKNOWN_KID("jwk-kid-mismatch") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder()
                    .kid(LocalClerkIssuer.randomId("ins_", 27))
                    .build();
        }
    },
    /** {@code typ: JOSE} instead of absent or {@code JWT}. */
    TYP_NOT_JWT("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().header("typ", "JOSE").build();
        }
    },
    /** Header {@code cat} is Clerk's machine-to-machine category. */
    M2M_CATEGORY("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().header("cat", "cl_B7d4PD333AAA").build();
        }
    },
    /** {@code azp} is a foreign origin. */
    WRONG_AZP("token-invalid-authorized-parties", true) {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().azp("https://evil.example").build();
        }
    },
    /** No {@code azp}. */
    MISSING_AZP("token-invalid-authorized-parties", true) {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().azp(null).build();
        }
    },
    /** {@code iss} of another Clerk instance. */
    WRONG_ISSUER("token-invalid-issuer") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder()
                    .issuer("https://other-instance-42.clerk.accounts.dev")
                    .build();
        }
    },
    /** No {@code sub}. */
    MISSING_SUB("token-verification-failed") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().subject(null).build();
        }
    },
    /** {@code sub: ""}. */
    EMPTY_SUB("token-verification-failed") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().subject("").build();
        }
    },
    /** {@code sts: pending}: signed in halfway (for example a pending organization task). */
    SESSION_PENDING("session-pending") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().sessionStatus("pending").build();
        }
    },
    /** Header {@code cat} is Clerk's JWT-template category: a template token, not a session token. */
    JWT_TEMPLATE_CATEGORY("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().header("cat", "cl_B7d4PD222AAA").build();
        }
    },
    /** {@code sub} of spaces only. */
    BLANK_SUB("token-verification-failed") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().subject("   ").build();
        }
    },
    /** {@code sub} holding an unpaired UTF-16 surrogate, written as the JSON escape {@code \ud800}. */
    UNPAIRED_SURROGATE_SUB("token-verification-failed") {
        @Override
        String build(LocalClerkIssuer issuer) {
            String placeholder = "user_surrogate_placeholder";
            TokenBuilder builder = issuer.tokenBuilder().subject(placeholder);
            String json = TokenBuilder.toJson(builder.claimsMap()).replace(placeholder, "user_\\ud800");
            return builder.rawPayloadJson(json).build();
        }
    },
    /** {@code exp: 1e308}, which a lenient verifier reads as "never expires". */
    EXP_FAR_FUTURE("token-verification-failed") {
        @Override
        String build(LocalClerkIssuer issuer) {
            return issuer.tokenBuilder().claim("exp", 1e308).build();
        }
    },
    /** A UTF-8 byte-order mark before the payload JSON, which a strict decoder refuses and JSON parsers skip. */
    BOM_BEFORE_PAYLOAD("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            return builder.rawPayloadJson("\uFEFF" + TokenBuilder.toJson(builder.claimsMap()))
                    .build();
        }
    },
    /** Whitespace before and after the header JSON. */
    WHITESPACE_AROUND_HEADER("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            return builder.rawHeaderJson(" " + TokenBuilder.toJson(builder.headerMap()) + "\n")
                    .build();
        }
    },
    /** Whitespace before and after the payload JSON. */
    WHITESPACE_AROUND_PAYLOAD("token-invalid") {
        @Override
        String build(LocalClerkIssuer issuer) {
            TokenBuilder builder = issuer.tokenBuilder();
            return builder.rawPayloadJson("\r\n" + TokenBuilder.toJson(builder.claimsMap()) + " ")
                    .build();
        }
    };

    /** The clock skew the time-based cases are placed against. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(5);

    private final String expectedReason;
    private final boolean requiresAuthorizedParties;

    BadToken(String expectedReason) {
        this(expectedReason, false);
    }

    BadToken(String expectedReason, boolean requiresAuthorizedParties) {
        this.expectedReason = expectedReason;
        this.requiresAuthorizedParties = requiresAuthorizedParties;
    }

    /** The machine-readable reason a strict verifier rejects this token with. */
    public String expectedReason() {
        return expectedReason;
    }

    /** True when the defect is only a defect if the verifier has authorized parties configured. */
    public boolean requiresAuthorizedParties() {
        return requiresAuthorizedParties;
    }

    /** Mints a fresh token with this defect, signed (where it is signed) by {@code issuer}'s current key. */
    public String mint(LocalClerkIssuer issuer) {
        return build(issuer);
    }

    abstract String build(LocalClerkIssuer issuer);
}
