package dev.mastra4j.examples.weather;

import java.util.List;
import java.util.Map;

/** How the example protects its routes, decided once from the environment at startup. */
enum AuthMode {
    /** Real Clerk keys: {@code MastraAuthClerk} with the configured instance. */
    CLERK,
    /** No Clerk variable set: an in-process, loopback-only {@code LocalClerkIssuer} issues dev tokens. */
    DEVELOPMENT;

    /** Any of these switches the example to Clerk mode; MastraAuthClerk then names whatever is still missing. */
    static final List<String> CLERK_VARIABLES = List.of(
            "CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "CLERK_JWKS_URI", "CLERK_JWT_KEY");

    static AuthMode from(Map<String, String> env) {
        return CLERK_VARIABLES.stream().anyMatch(name -> present(env.get(name))) ? CLERK : DEVELOPMENT;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
