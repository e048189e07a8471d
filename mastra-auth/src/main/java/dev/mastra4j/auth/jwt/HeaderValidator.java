package dev.mastra4j.auth.jwt;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.util.Set;

/**
 * A check on the decoded header that runs before any key is looked up, so a token of the wrong kind costs
 * neither a JWKS lookup nor a signature check (Clerk: a machine token's {@code cat} in a session-token slot).
 */
@FunctionalInterface
public interface HeaderValidator {

    void validate(JwtHeader header) throws AuthenticationException;

    /**
     * Accepts a token without the header parameter {@code name}, or with it set to one of {@code accepted}; any other
     * value (of any JSON type, {@code null} included) is refused with {@link AuthReason#TOKEN_INVALID}.
     */
    static HeaderValidator absentOrOneOf(String name, Set<String> accepted) {
        Set<String> allowed = Set.copyOf(accepted);
        return header -> {
            String value = header.string(name);
            if (header.hasParameter(name) && (value == null || !allowed.contains(value))) {
                throw new AuthenticationException(
                        AuthReason.TOKEN_INVALID, "Token header " + name + " is not accepted here");
            }
        };
    }

    /** Refuses tokens whose header parameter {@code name} equals {@code value}, with {@link AuthReason#TOKEN_INVALID}. */
    static HeaderValidator rejectValue(String name, String value) {
        return header -> {
            if (value.equals(header.string(name))) {
                throw new AuthenticationException(
                        AuthReason.TOKEN_INVALID, "Token header " + name + " is not accepted here");
            }
        };
    }
}
