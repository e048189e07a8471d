package dev.mastra4j.auth.clerk.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Clerk's Backend API said about a machine token it verified (M2M token, API key or OAuth access token). The
 * caller knows which kind it asked about; {@code dev.mastra4j.auth.clerk.MachineIdentity.of} turns it into the
 * principal.
 *
 * @param subject   who the credential acts for ({@code mch_…}, {@code user_…} or {@code org_…})
 * @param id        the credential's own id at Clerk; may be {@code null}
 * @param clientId  the machine id for M2M tokens, the OAuth client id for OAuth tokens, {@code null} for API keys
 * @param scopes    granted scopes; may be {@code null}
 * @param claims    custom claims attached to the credential; may be {@code null}
 * @param expiresAt when the credential expires, or {@code null} if it does not
 * @param raw       the verification answer as Clerk sent it
 */
public record VerifiedMachineToken(
        String subject,
        String id,
        String clientId,
        List<String> scopes,
        Map<String, Object> claims,
        Instant expiresAt,
        Map<String, Object> raw) {}
