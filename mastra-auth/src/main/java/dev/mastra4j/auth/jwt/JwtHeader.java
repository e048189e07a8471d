package dev.mastra4j.auth.jwt;

import java.util.Map;
import java.util.Objects;

/**
 * The decoded JOSE header of a token. The string accessors return {@code null} when the parameter is absent or
 * is not a JSON string, so a wrongly typed {@code kid} or {@code alg} is treated exactly like a missing one.
 */
public record JwtHeader(Map<String, Object> parameters) {

    public JwtHeader {
        Objects.requireNonNull(parameters, "parameters");
    }

    /** {@code alg}, for example {@code RS256}. */
    public String algorithm() {
        return string("alg");
    }

    /** {@code kid}: which published key signed the token. */
    public String keyId() {
        return string("kid");
    }

    /** {@code typ}; see {@link #hasParameter} to tell "absent" from "not a string". */
    public String type() {
        return string("typ");
    }

    public boolean hasParameter(String name) {
        return parameters.containsKey(name);
    }

    /** A parameter if it is a JSON string, else {@code null}. */
    public String string(String name) {
        return parameters.get(name) instanceof String s ? s : null;
    }
}
