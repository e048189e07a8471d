package dev.mastra4j.auth.clerk;

import java.util.Map;

/**
 * Whoever a verified Clerk credential names: a signed-in person ({@link ClerkUser}, from a session token) or a
 * machine credential ({@link MachineIdentity}: an M2M token, an API key or an OAuth access token). Sealed so that
 * authorization code handles both, and can never take one for the other:
 *
 * <pre>{@code
 * boolean allowed = switch (principal) {
 *     case ClerkUser user -> user.has("org:admin");
 *     case MachineIdentity machine -> machine.hasScope("mch_reporting");
 * };
 * }</pre>
 */
public sealed interface ClerkPrincipal permits ClerkUser, MachineIdentity {

    /** The Clerk id the credential acts for: {@code user_…} for a session, {@code mch_…}/{@code user_…}/{@code org_…} for a machine credential. */
    String subject();

    /** What kind of credential was verified. */
    TokenType tokenType();

    /** The verified token's claims (for machine credentials: the custom claims attached to it); unmodifiable. */
    Map<String, Object> claims();
}
