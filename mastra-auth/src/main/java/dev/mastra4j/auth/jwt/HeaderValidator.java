package dev.mastra4j.auth.jwt;

import dev.mastra4j.auth.AuthenticationException;

/**
 * A check on the decoded header that runs before any key is looked up, so a token of the wrong kind costs
 * neither a JWKS lookup nor a signature check (Clerk: a machine token's {@code cat} in a session-token slot).
 */
@FunctionalInterface
public interface HeaderValidator {

    void validate(JwtHeader header) throws AuthenticationException;

    /** Refuses tokens whose header parameter {@code name} equals {@code value}, with {@link Reasons#TOKEN_INVALID}. */
    static HeaderValidator rejectValue(String name, String value) {
        return header -> {
            if (value.equals(header.string(name))) {
                throw new AuthenticationException(Reasons.TOKEN_INVALID, "Token header " + name + " is not accepted here");
            }
        };
    }
}
