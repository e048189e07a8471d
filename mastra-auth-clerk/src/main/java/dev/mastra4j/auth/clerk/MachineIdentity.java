package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.clerk.backend.VerifiedMachineToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is calling when the credential is a machine token (M2M token, API key or OAuth access token) rather than a
 * user's session token. A distinct {@link ClerkPrincipal} on purpose: a machine identity has no session, no
 * organization claims and no profile, and authorization code should not mistake one for a signed-in user.
 *
 * @param tokenType what kind of credential was verified (never {@link TokenType#SESSION_TOKEN})
 * @param subject   who the credential acts for: the machine ({@code mch_…}) for M2M tokens, the user or organization
 *                  ({@code user_…}/{@code org_…}) for API keys, the user who granted access for OAuth tokens
 * @param id        the credential's own id at Clerk ({@code mt_…}, {@code ak_…}, {@code oat_…}, or the JWT's
 *                  {@code jti}); may be {@code null}
 * @param clientId  the machine id for M2M tokens, the OAuth application's client id for OAuth tokens, {@code null}
 *                  for API keys
 * @param scopes    granted scopes (for M2M tokens: the machines it may call); unmodifiable, never {@code null}
 * @param claims    custom claims attached to the credential; unmodifiable, never {@code null}
 * @param expiresAt when the credential expires, or {@code null} if it does not
 * @param raw       the verification answer as Clerk sent it (or the JWT claims); unmodifiable
 */
public record MachineIdentity(
        TokenType tokenType,
        String subject,
        String id,
        String clientId,
        List<String> scopes,
        Map<String, Object> claims,
        Instant expiresAt,
        Map<String, Object> raw)
        implements ClerkPrincipal {

    public MachineIdentity {
        Objects.requireNonNull(tokenType, "tokenType");
        if (tokenType == TokenType.SESSION_TOKEN) {
            throw new IllegalArgumentException("A session token is not a machine identity");
        }
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("A machine identity needs a subject");
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        claims = claims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** For M2M tokens: the calling machine ({@code mch_…}); otherwise {@code null}. */
    public String machineId() {
        return tokenType == TokenType.M2M_TOKEN ? clientId : null;
    }

    /** True when the credential has an expiry at or before {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The identity of a {@code type} credential the Backend API verified. */
    public static MachineIdentity of(TokenType type, VerifiedMachineToken token) {
        return new MachineIdentity(
                type,
                token.subject(),
                token.id(),
                token.clientId(),
                token.scopes(),
                token.claims(),
                token.expiresAt(),
                token.raw());
    }

    /**
     * The identity carried by a JWT-form machine token whose signature and time claims were already verified.
     * {@code sub} is required; the scopes come from {@code scp} (array), {@code scopes} (array or space-separated)
     * or {@code scope} (space-separated); the client id from {@code client_id} or {@code azp} (OAuth) or {@code sub}
     * (M2M); the id from {@code jti}; the expiry from {@code exp}. For M2M JWTs, custom claims are in {@code claims}
     * when present, else every claim.
     */
    public static MachineIdentity fromJwtClaims(TokenType type, Map<String, ?> jwtClaims) {
        Objects.requireNonNull(jwtClaims, "jwtClaims");
        String subject = jwtClaims.get("sub") instanceof String s ? s : null;
        String jti = jwtClaims.get("jti") instanceof String s ? s : null;
        String clientId = switch (type) {
            case M2M_TOKEN -> subject;
            case OAUTH_TOKEN ->
                jwtClaims.get("client_id") instanceof String s
                        ? s
                        : jwtClaims.get("azp") instanceof String s ? s : null;
            default -> null;
        };
        Instant exp = jwtClaims.get("exp") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        Map<String, Object> raw = new LinkedHashMap<>();
        jwtClaims.forEach(raw::put);
        Map<String, Object> custom = raw;
        if (jwtClaims.get("claims") instanceof Map<?, ?> nested) {
            custom = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : nested.entrySet()) {
                custom.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return new MachineIdentity(type, subject, jti, clientId, scopesOf(jwtClaims), custom, exp, raw);
    }

    private static List<String> scopesOf(Map<String, ?> claims) {
        for (String name : new String[] {"scp", "scopes", "scope"}) {
            Object value = claims.get(name);
            if (value instanceof Collection<?> list) {
                List<String> scopes = new ArrayList<>();
                list.forEach(item -> scopes.add(String.valueOf(item)));
                return scopes;
            }
            if (value instanceof String text && !text.isBlank()) {
                return List.of(text.trim().split("\\s+"));
            }
        }
        return List.of();
    }
}
