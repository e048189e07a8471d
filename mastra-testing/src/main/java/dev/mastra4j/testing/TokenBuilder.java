package dev.mastra4j.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one Clerk-shaped session token, signed by the issuer's current key unless told otherwise.
 * Defaults (v2): {@code azp http://localhost:3000}, {@code exp} now + 60 s, {@code iat} now, {@code nbf} now − 10 s,
 * {@code iss} the issuer, a fresh {@code sid}, {@code sub user_test}, {@code v 2}; header {@code alg RS256},
 * {@code kid} of the current key, {@code typ JWT}.
 *
 * <p>The named setters shape the token; {@link #claim}, {@link #removeClaim}, {@link #header} and
 * {@link #removeHeader} are applied last and so override them, which is how deliberately broken tokens
 * are made. Skew edge cases are made here too, for example {@code exp(Instant.now().minus(skew).plusSeconds(1))}
 * for "just inside the skew" and {@code exp(Instant.now().minus(skew))} for "just outside".
 */
public final class TokenBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object REMOVED = new Object();

    private final LocalClerkIssuer issuer;
    private final Instant now;
    private String subject = "user_test";
    private String sessionId = LocalClerkIssuer.randomId("sess_", 27);
    private String azp = LocalClerkIssuer.DEFAULT_AZP;
    private String iss;
    private Instant exp;
    private Instant nbf;
    private Instant iat;
    private boolean v1;
    private String sessionStatus;
    private String orgId;
    private String orgSlug;
    private String orgRole;
    private String fea;
    private String per;
    private String fpm;
    private List<String> v1OrgPermissions;
    private String kid;
    private JWK signingKey;
    private final Map<String, Object> claimOverrides = new LinkedHashMap<>();
    private final Map<String, Object> headerOverrides = new LinkedHashMap<>();
    private String rawHeaderJson;
    private String rawPayloadJson;

    TokenBuilder(LocalClerkIssuer issuer) {
        this.issuer = issuer;
        this.now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        this.iss = issuer.issuer();
        this.exp = now.plusSeconds(60);
        this.nbf = now.minusSeconds(10);
        this.iat = now;
    }

    /** The instant the defaults were computed from (whole seconds). */
    public Instant now() {
        return now;
    }

    public TokenBuilder subject(String subject) {
        this.subject = subject;
        claimOverrides.remove("sub");
        return this;
    }

    public TokenBuilder sessionId(String sessionId) {
        this.sessionId = sessionId;
        claimOverrides.remove("sid");
        return this;
    }

    public TokenBuilder azp(String azp) {
        this.azp = azp;
        claimOverrides.remove("azp");
        return this;
    }

    public TokenBuilder issuer(String issuer) {
        this.iss = issuer;
        claimOverrides.remove("iss");
        return this;
    }

    /** {@code exp} = now + {@code lifetime}. */
    public TokenBuilder expiresIn(Duration lifetime) {
        return exp(now.plus(lifetime));
    }

    public TokenBuilder exp(Instant exp) {
        this.exp = exp;
        claimOverrides.remove("exp");
        return this;
    }

    public TokenBuilder nbf(Instant nbf) {
        this.nbf = nbf;
        claimOverrides.remove("nbf");
        return this;
    }

    public TokenBuilder iat(Instant iat) {
        this.iat = iat;
        claimOverrides.remove("iat");
        return this;
    }

    /** Sets or replaces any payload claim (the value is serialised with Jackson). Applied after every named setter. */
    public TokenBuilder claim(String name, Object value) {
        claimOverrides.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    public TokenBuilder removeClaim(String name) {
        claimOverrides.put(Objects.requireNonNull(name, "name"), REMOVED);
        return this;
    }

    /** Sets or replaces any header parameter, including {@code alg}, {@code kid} and {@code typ}. */
    public TokenBuilder header(String name, Object value) {
        headerOverrides.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    public TokenBuilder removeHeader(String name) {
        headerOverrides.put(Objects.requireNonNull(name, "name"), REMOVED);
        return this;
    }

    /** The header {@code kid}; the signing key stays the same, so a foreign kid makes a token no JWKS key verifies. */
    public TokenBuilder kid(String kid) {
        this.kid = kid;
        headerOverrides.remove("kid");
        return this;
    }

    /**
     * Active organization. v2: {@code o: {id, slg, rol}} where {@code rol} has no {@code org:} prefix;
     * v1: {@code org_id}, {@code org_slug}, {@code org_role} with the prefix. {@code role} may be given either way.
     */
    public TokenBuilder organization(String id, String slug, String role) {
        this.orgId = id;
        this.orgSlug = slug;
        this.orgRole = role == null ? null : (role.startsWith("org:") ? role.substring(4) : role);
        return this;
    }

    /**
     * v2 organization permissions: top-level {@code fea} (comma list of {@code scope:feature}), and {@code o.per}
     * (comma list of permission names) and {@code o.fpm} (comma list of decimal bitmasks). Any may be null.
     * Not for {@link #v1()} tokens, which carry the decoded list: see {@link #v1OrgPermissions(List)}.
     */
    public TokenBuilder orgPermissions(String fea, String per, String fpm) {
        this.fea = fea;
        this.per = per;
        this.fpm = fpm;
        return this;
    }

    /**
     * v1 {@code org_permissions}: the array exactly as given ({@code org:<feature>:<permission>} names). Without it a
     * v1 token with an organization carries an empty array.
     */
    public TokenBuilder v1OrgPermissions(List<String> permissions) {
        this.v1OrgPermissions = List.copyOf(permissions);
        return this;
    }

    /** Session token v1 shape: organization claims at top level, {@code org_permissions} as an array, no {@code v}. */
    public TokenBuilder v1() {
        this.v1 = true;
        return this;
    }

    /** The {@code sts} claim, for example {@code pending} for a session that has not finished signing in. */
    public TokenBuilder sessionStatus(String status) {
        this.sessionStatus = status;
        return this;
    }

    /**
     * Signs with this key (RSA for RS/PS algorithms, EC for ES, an octet key for HS); the header {@code alg}
     * still decides the algorithm, and {@code kid} is left as it is.
     */
    public TokenBuilder signWith(JWK key) {
        this.signingKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** Signs with an RSA key that the JWKS never publishes, keeping the current key's {@code kid}. */
    public TokenBuilder signWithUntrustedKey() {
        return signWith(issuer.untrustedKey());
    }

    /** Replaces the whole header with this exact JSON text (for malformed or duplicate-key cases). */
    TokenBuilder rawHeaderJson(String json) {
        this.rawHeaderJson = json;
        return this;
    }

    /** Replaces the whole payload with this exact text (for malformed or duplicate-key cases). */
    TokenBuilder rawPayloadJson(String text) {
        this.rawPayloadJson = text;
        return this;
    }

    /** The header this builder will sign, in order. */
    public Map<String, Object> headerMap() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", kid != null ? kid : issuer.currentKey().getKeyID());
        header.put("typ", "JWT");
        return applyOverrides(header, headerOverrides);
    }

    /** The claims this builder will sign, in order. */
    public Map<String, Object> claimsMap() {
        Map<String, Object> claims = new LinkedHashMap<>();
        putIfNotNull(claims, "azp", azp);
        putIfNotNull(claims, "exp", exp == null ? null : exp.getEpochSecond());
        if (!v1 && fea != null) {
            claims.put("fea", fea);
        }
        putIfNotNull(claims, "iat", iat == null ? null : iat.getEpochSecond());
        putIfNotNull(claims, "iss", iss);
        putIfNotNull(claims, "nbf", nbf == null ? null : nbf.getEpochSecond());
        if (v1) {
            if (fea != null || per != null || fpm != null) {
                throw new IllegalStateException("v1 tokens carry org_permissions as a list: use v1OrgPermissions, "
                        + "not orgPermissions(fea, per, fpm)");
            }
            putIfNotNull(claims, "org_id", orgId);
            if (orgId != null || v1OrgPermissions != null) {
                claims.put("org_permissions", v1OrgPermissions == null ? List.of() : v1OrgPermissions);
            }
            putIfNotNull(claims, "org_role", orgRole == null ? null : "org:" + orgRole);
            putIfNotNull(claims, "org_slug", orgSlug);
        } else if (orgId != null || orgSlug != null || orgRole != null || per != null || fpm != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            putIfNotNull(o, "id", orgId);
            putIfNotNull(o, "slg", orgSlug);
            putIfNotNull(o, "rol", orgRole);
            putIfNotNull(o, "per", per);
            putIfNotNull(o, "fpm", fpm);
            claims.put("o", o);
        }
        putIfNotNull(claims, "sid", sessionId);
        putIfNotNull(claims, "sts", sessionStatus);
        putIfNotNull(claims, "sub", subject);
        if (!v1) {
            claims.put("v", 2);
        }
        return applyOverrides(claims, claimOverrides);
    }

    /** Signs and returns the compact JWS {@code header.payload.signature}. */
    public String build() {
        Map<String, Object> header = headerMap();
        String headerText = rawHeaderJson != null ? rawHeaderJson : toJson(header);
        String payloadText = rawPayloadJson != null ? rawPayloadJson : toJson(claimsMap());
        String signingInput = b64(headerText) + "." + b64(payloadText);
        // With a raw header the algorithm still comes from the builder's header, so a tampered text keeps a real
        // signature.
        return signingInput + "."
                + sign(String.valueOf(header.get("alg")), signingInput.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String alg, byte[] signingInput) {
        if ("none".equalsIgnoreCase(alg)) {
            return "";
        }
        JWK key = signingKey != null ? signingKey : issuer.currentKey();
        try {
            JWSSigner signer = switch (key) {
                case RSAKey rsa -> new RSASSASigner(rsa);
                case ECKey ec -> new ECDSASigner(ec);
                case OctetSequenceKey oct -> new MACSigner(oct);
                default -> throw new IllegalStateException("Cannot sign with a " + key.getKeyType() + " key");
            };
            return signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), signingInput)
                    .toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign " + alg + " with a " + key.getKeyType() + " key", e);
        }
    }

    private static Map<String, Object> applyOverrides(Map<String, Object> base, Map<String, Object> overrides) {
        overrides.forEach((name, value) -> {
            if (value == REMOVED) {
                base.remove(name);
            } else {
                base.put(name, value);
            }
        });
        return base;
    }

    private static void putIfNotNull(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Claim value is not serialisable as JSON", e);
        }
    }
}
