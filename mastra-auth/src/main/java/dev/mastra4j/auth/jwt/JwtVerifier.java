package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Verifies compact JWS tokens in a fixed order, each step with its own reason:
 * <ol>
 *   <li>strict decoding ({@code token-invalid});</li>
 *   <li>{@link HeaderValidator}s;</li>
 *   <li>key selection from the {@link JwtKeySource} ({@code token-invalid} without kid, {@code jwk-kid-mismatch});</li>
 *   <li>{@code typ} absent or one of the accepted types, by default only {@code JWT} ({@code token-invalid});</li>
 *   <li>{@code alg} in the allow-list and matching the key ({@code token-invalid-algorithm});</li>
 *   <li>the signature ({@code token-invalid-signature}) — before any claim is looked at;</li>
 *   <li>{@link ClaimValidator}s, in the order added.</li>
 * </ol>
 * Instances are immutable and thread-safe. Error messages never contain the token, a key or the list of kids.
 */
public final class JwtVerifier implements AutoCloseable {

    /** The default allow-list: RSASSA-PKCS1-v1_5, as Clerk signs. */
    public static final Set<JWSAlgorithm> RSA_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    /** The {@code typ} accepted unless {@link Builder#types} says otherwise. */
    private static final String DEFAULT_TYPE = "JWT";

    public static final Set<JWSAlgorithm> HMAC_ALGORITHMS =
            Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private final JwtKeySource keySource;
    /** Allowed algorithms by name, each with a prebuilt header for the signature check. */
    private final Map<String, JWSHeader> allowed;

    private final List<HeaderValidator> headerValidators;
    private final List<ClaimValidator> claimValidators;
    private final Set<String> types;
    private final Clock clock;
    private final int maxTokenLength;

    private JwtVerifier(Builder builder) {
        this.keySource = Objects.requireNonNull(builder.keySource, "keySource");
        this.allowed = builder.algorithms.stream()
                .collect(Collectors.toUnmodifiableMap(JWSAlgorithm::getName, JWSHeader::new));
        this.headerValidators = List.copyOf(builder.headerValidators);
        this.claimValidators = List.copyOf(builder.claimValidators);
        this.types = builder.types;
        this.clock = builder.clock;
        this.maxTokenLength = builder.maxTokenLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check on {@code token}; returns its header and claims, or throws with the first failing reason. */
    public VerifiedJwt verify(String token) throws AuthenticationException {
        DecodedJwt jwt = JwtDecoder.decode(token, maxTokenLength);
        JwtHeader header = jwt.header();
        for (HeaderValidator validator : headerValidators) {
            validator.validate(header);
        }
        VerificationKey key = keySource.select(header);
        if (header.hasParameter("typ") && (header.type() == null || !types.contains(header.type()))) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Token type (typ) is not accepted");
        }
        String alg = header.algorithm();
        JWSHeader verifierHeader = alg == null ? null : allowed.get(alg);
        if (verifierHeader == null || !key.accepts(verifierHeader.getAlgorithm())) {
            throw new AuthenticationException(
                    AuthReason.TOKEN_INVALID_ALGORITHM, "Token algorithm (alg) is not accepted");
        }
        if (!key.check().verify(verifierHeader, jwt.signingInput(), jwt.signature())) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID_SIGNATURE, "Token signature is invalid");
        }
        Instant now = clock.instant();
        for (ClaimValidator validator : claimValidators) {
            validator.validate(jwt.claims(), now);
        }
        return new VerifiedJwt(header, jwt.claims());
    }

    /**
     * Loads the signing keys and runs the whole check once on a throwaway token, which fails at its signature: the
     * JWKS fetch and the first use of the JSON, base64 and RSA code then happen now, not in the first user's request.
     * Never throws; an unreachable JWKS is left for the first request to report.
     */
    public void warmUp() {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put(
                    "alg",
                    allowed.containsKey("RS256")
                            ? "RS256"
                            : allowed.keySet().iterator().next());
            header.put("typ", "JWT");
            String kid = keySource.anyKeyId();
            if (kid != null) {
                header.put("kid", kid);
            }
            long now = clock.instant().getEpochSecond();
            Map<String, Object> claims = Map.of("sub", "mastra4j-warm-up", "iat", now, "exp", now + 60);
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            verify(base64.encodeToString(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8))
                    + "." + base64.encodeToString(new byte[256]));
        } catch (AuthenticationException expected) {
            // The throwaway token is meant to fail; the code ran.
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(JwtVerifier.class).debug("Verifier warm-up failed: {}", e.toString());
        }
    }

    public Clock clock() {
        return clock;
    }

    public int maxTokenLength() {
        return maxTokenLength;
    }

    public JwtKeySource keySource() {
        return keySource;
    }

    /** Closes the key source (stops its background refresh). */
    @Override
    public void close() {
        keySource.close();
    }

    @Override
    public String toString() {
        return "JwtVerifier[keySource=" + keySource + ", algorithms=" + allowed.keySet() + "]";
    }

    public static final class Builder {
        private JwtKeySource keySource;
        private Set<JWSAlgorithm> algorithms = RSA_ALGORITHMS;
        private final List<HeaderValidator> headerValidators = new ArrayList<>();
        private final List<ClaimValidator> claimValidators = new ArrayList<>();
        private Set<String> types = Set.of(DEFAULT_TYPE);
        private Clock clock = Clock.systemUTC();
        private int maxTokenLength = JwtDecoder.DEFAULT_MAX_LENGTH;

        private Builder() {}

        public Builder keySource(JwtKeySource keySource) {
            this.keySource = Objects.requireNonNull(keySource, "keySource");
            return this;
        }

        /** The algorithm allow-list (default {@link #RSA_ALGORITHMS}); {@code none} can never be allowed. */
        public Builder algorithms(Set<JWSAlgorithm> algorithms) {
            Set<JWSAlgorithm> copy = new LinkedHashSet<>(algorithms);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("At least one algorithm must be allowed");
            }
            for (JWSAlgorithm alg : copy) {
                if (!RSA_ALGORITHMS.contains(alg) && !HMAC_ALGORITHMS.contains(alg)) {
                    throw new IllegalArgumentException("Unsupported algorithm: " + alg);
                }
            }
            this.algorithms = Set.copyOf(copy);
            return this;
        }

        /**
         * The accepted {@code typ} header values, compared exactly (default only {@code JWT}); a token without
         * {@code typ} is always accepted. OAuth 2.0 JWT access tokens need {@code at+jwt} and
         * {@code application/at+jwt} (RFC 9068); session tokens keep the default.
         */
        public Builder types(String... accepted) {
            Set<String> copy = new LinkedHashSet<>();
            for (String type : accepted) {
                if (type == null || type.isBlank()) {
                    throw new IllegalArgumentException("A token type must not be blank");
                }
                copy.add(type);
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("At least one token type must be accepted");
            }
            this.types = Set.copyOf(copy);
            return this;
        }

        public Builder headerValidator(HeaderValidator validator) {
            headerValidators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        public Builder claimValidator(ClaimValidator validator) {
            claimValidators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Longer tokens are refused before any parsing (default 8 KiB). */
        public Builder maxTokenLength(int chars) {
            if (chars < 16) {
                throw new IllegalArgumentException("maxTokenLength is too small");
            }
            this.maxTokenLength = chars;
            return this;
        }

        public JwtVerifier build() {
            return new JwtVerifier(this);
        }
    }
}
