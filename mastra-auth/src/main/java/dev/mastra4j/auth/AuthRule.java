package dev.mastra4j.auth;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One authorization rule. Rules are tried in order; the first whose pattern matches the request decides,
 * by {@code allow} and, when set, {@code condition(user)}. A condition that throws is an error (500), never access.
 */
public record AuthRule<U>(RoutePattern pattern, boolean allow, Predicate<? super U> condition) {

    public AuthRule {
        Objects.requireNonNull(pattern, "pattern");
    }

    public static <U> AuthRule<U> allow(RoutePattern pattern) {
        return new AuthRule<>(pattern, true, null);
    }

    public static <U> AuthRule<U> allowIf(RoutePattern pattern, Predicate<? super U> condition) {
        return new AuthRule<>(pattern, true, Objects.requireNonNull(condition, "condition"));
    }

    public static <U> AuthRule<U> deny(RoutePattern pattern) {
        return new AuthRule<>(pattern, false, null);
    }

    /** Whether this rule grants access to the user; only called for a matching request. */
    public boolean grants(U user) {
        return allow && (condition == null || condition.test(user));
    }
}
