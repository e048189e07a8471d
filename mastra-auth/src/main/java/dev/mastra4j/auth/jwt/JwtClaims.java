package dev.mastra4j.auth.jwt;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified payload of a token: an unmodifiable map of JSON values (objects are maps, arrays lists,
 * integers {@code Long} or {@code BigInteger}, other numbers {@code Double}).
 */
public record JwtClaims(Map<String, Object> asMap) {

    /** Marks an absent NumericDate claim in {@link #epochMillis}. */
    static final long ABSENT = Long.MIN_VALUE;

    public JwtClaims {
        asMap = Objects.requireNonNull(asMap, "asMap");
    }

    /** {@code sub}, or {@code null} when absent or not a string. */
    public String subject() {
        return string("sub");
    }

    /** {@code iss}, or {@code null} when absent or not a string. */
    public String issuer() {
        return string("iss");
    }

    public Optional<Object> get(String name) {
        return Optional.ofNullable(asMap.get(name));
    }

    /** A claim if it is a JSON string, else {@code null}. */
    public String string(String name) {
        return asMap.get(name) instanceof String s ? s : null;
    }

    /**
     * A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}) in epoch milliseconds, saturating instead of
     * overflowing; {@link #ABSENT} when the claim is missing.
     *
     * @throws IllegalArgumentException when the claim is present but not a finite number
     */
    long epochMillis(String name) {
        Object value = asMap.get(name);
        if (value == null) {
            if (asMap.containsKey(name)) {
                throw new IllegalArgumentException(name + " is null");
            }
            return ABSENT;
        }
        return switch (value) {
            case Long seconds -> seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
                    : seconds < Long.MIN_VALUE / 1000 + 1 ? Long.MIN_VALUE + 1 : seconds * 1000;
            case BigInteger big -> big.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
            case Double seconds when Double.isFinite(seconds) ->
                    Math.max(Long.MIN_VALUE + 1, (long) Math.floor(seconds * 1000));
            default -> throw new IllegalArgumentException(name + " is not a number");
        };
    }
}
