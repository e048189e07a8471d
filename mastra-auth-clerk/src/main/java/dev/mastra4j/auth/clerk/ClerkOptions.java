package dev.mastra4j.auth.clerk;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Clerk-specific tuning a {@link MastraAuthClerk.Builder} collected (the shared route, rule and resource-id
 * options are in {@link dev.mastra4j.auth.AuthProviderOptions}; the keys and URLs in {@link ClerkSettings}). The
 * defaults are documented on the builder's setters.
 */
record ClerkOptions(
        List<String> audiences,
        Duration clockSkew,
        Duration jwksRefetchInterval,
        int verifiedTokenCacheSize,
        Clock clock,
        Set<TokenType> accepted,
        Duration machineTokenCacheTtl,
        Duration invalidMachineTokenCacheTtl,
        int machineTokenRateBurst,
        double machineTokenRatePerSecond,
        Duration profileCacheTtl,
        int breakerFailures,
        Duration breakerOpenDuration) {

    ClerkOptions {
        audiences = List.copyOf(audiences);
        accepted = Collections.unmodifiableSet(EnumSet.copyOf(accepted));
    }

    /** Whether JWTs must be looked into to tell a machine JWT from a session token (only when one is accepted). */
    boolean acceptsMachineJwts() {
        return accepted.contains(TokenType.M2M_TOKEN) || accepted.contains(TokenType.OAUTH_TOKEN);
    }
}
