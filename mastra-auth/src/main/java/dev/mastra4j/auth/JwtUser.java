package dev.mastra4j.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The user {@link dev.mastra4j.auth.jwt.MastraJwtAuth} produces: the verified claims, with {@code sub} at hand (null when absent). */
public record JwtUser(String subject, Map<String, Object> claims) {

    public JwtUser {
        Objects.requireNonNull(claims, "claims");
    }

    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    @Override
    public String toString() {
        return "JwtUser[subject=" + subject + "]";
    }
}
