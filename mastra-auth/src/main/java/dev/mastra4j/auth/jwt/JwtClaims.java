package dev.mastra4j.auth.jwt;

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
    /** The latest NumericDate accepted, in seconds: 9999-12-31T23:59:59Z. */
    public static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    public JwtClaims {
        Objects.requireNonNull(asMap, "asMap");
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
     * A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}) in epoch milliseconds; {@link #ABSENT} when the
     * claim is missing. Only 0 to {@link #MAX_NUMERIC_DATE} seconds (1970 to the end of the year 9999) is a date: a
     * value like {@code 1e308} is refused rather than read as "never expires".
     *
     * @throws IllegalArgumentException when the claim is present but not a number in that range
     */
    long epochMillis(String name) {
        Object value = asMap.get(name);
        if (value == null) {
            if (asMap.containsKey(name)) {
                throw new IllegalArgumentException(name + " is null");
            }
            return ABSENT;
        }
        long millis = switch (value) {
            case Long seconds when seconds >= 0 && seconds <= MAX_NUMERIC_DATE -> seconds * 1000;
            case Double seconds when seconds >= 0 && seconds <= MAX_NUMERIC_DATE -> (long) Math.floor(seconds * 1000);
            default -> -1;
        };
        if (millis < 0) {
            throw new IllegalArgumentException(name + " is not a NumericDate between 0 and " + MAX_NUMERIC_DATE);
        }
        return millis;
    }
}
