package dev.mastra4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.UserProfileProvider;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.HttpStatusException;
import java.util.Map;
import java.util.Optional;

/**
 * Mastra's {@code /api/auth/me} and {@code /api/auth/capabilities}, which Mastra's own tools (Studio) call to learn
 * who is signed in and what the server supports. Both are public to the auth pipeline ({@code /api/auth/*}, Mastra's
 * default), so they look at the request's credential themselves, through the provider.
 *
 * <ul>
 *   <li>{@code GET /api/auth/me}: the caller's profile, {@code {id, email?, name?, avatarUrl?}} (Mastra's
 *       {@code currentUserResponseSchema}; absent values left out), or {@code null} when signed out, when the
 *       credential is missing or not valid, with auth off, or with a provider that cannot describe its users (not a
 *       {@link UserProfileProvider}).</li>
 *   <li>{@code GET /api/auth/capabilities}: {@code {"enabled": false, "login": null}} with auth off;
 *       {@code {"enabled": true, "login": null}} with auth on and nobody signed in; signed in,
 *       {@code {"enabled": true, "login": null, "user": {...}, "capabilities": {"user": true, "session": false,
 *       "sso": false, "rbac": false, "acl": false, "fga": false}, "access": null}}. {@code login} is null because
 *       no provider here offers SSO or credential sign-in; Mastra gives the signed-in form only in development or
 *       with an enterprise licence, this server whenever it can describe the user.</li>
 * </ul>
 * Unlike Mastra, a verifier that cannot reach its keys is a 503 (not "signed out"), and a malformed request (two
 * {@code Authorization} headers) a 400.
 */
final class AuthRoutes {

    private final MastraAuthProvider<?> provider;
    private final UserProfileProvider profiles;

    AuthRoutes(ServerOptions options) {
        this.provider = options.authProvider();
        this.profiles = options.authMeRoute() && provider instanceof UserProfileProvider p ? p : null;
    }

    void me(Exchange ex) {
        ex.json(200, currentUser(ex).<JsonNode>map(user -> user).orElse(NullNode.getInstance()));
    }

    void capabilities(Exchange ex) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("enabled", provider != null);
        body.putNull("login");
        if (provider != null) {
            currentUser(ex).ifPresent(user -> {
                body.set("user", user);
                ObjectNode flags = body.putObject("capabilities");
                flags.put("user", true);
                flags.put("session", false);
                flags.put("sso", false);
                flags.put("rbac", false);
                flags.put("acl", false);
                flags.put("fga", false);
                body.putNull("access");
            });
        }
        ex.json(200, body);
    }

    /** The signed-in caller in Mastra's user shape; empty when nobody (valid) is signed in or profiles are off. */
    private Optional<ObjectNode> currentUser(Exchange ex) {
        if (profiles == null) {
            return Optional.empty();
        }
        Object profile;
        try {
            profile = profiles.currentUserProfile(ex.authRequest());
        } catch (AuthenticationException e) {
            if (e.status() == 401) {
                return Optional.empty();
            }
            String error = switch (e.status()) {
                case 503 -> "Authentication service unavailable";
                case 429 -> "Too many requests";
                default -> "Invalid request";
            };
            throw new HttpStatusException(
                    e.status(),
                    error,
                    e.reason(),
                    e.retryAfter()
                            .map(wait -> Map.of("Retry-After", HttpStatusException.retryAfterSeconds(wait)))
                            .orElse(Map.of()));
        }
        if (profile == null) {
            return Optional.empty();
        }
        JsonNode full = Json.MAPPER.valueToTree(profile);
        ObjectNode user = Json.MAPPER.createObjectNode();
        for (String field : new String[] {"id", "email", "name", "avatarUrl"}) {
            JsonNode value = full.get(field);
            if (value != null && value.isTextual()) {
                user.set(field, value);
            }
        }
        return Optional.of(user);
    }
}
