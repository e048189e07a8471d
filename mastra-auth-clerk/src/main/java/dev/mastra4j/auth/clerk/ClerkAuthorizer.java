package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;

/**
 * A custom authorization decision with access to the Backend API, in the form Mastra's upgrade notes use:
 *
 * <pre>{@code
 * MastraAuthClerk.builder().authorizeUser((principal, request, clerk) -> switch (principal) {
 *     case ClerkUser user -> clerk.organizationMemberships(user.userId()).stream()
 *             .anyMatch(m -> m.role().equals("org:admin"));
 *     case MachineIdentity machine -> machine.hasScope("mch_reporting");
 * })
 * }</pre>
 *
 * It replaces the default authorization, including the organization restriction. Returning {@code false} answers
 * 403; throwing is an authorization error (500), never access. It needs Clerk's Backend API SDK
 * ({@code com.clerk:backend-api}, optional in mastra-auth-clerk) on the class path: without it,
 * {@link MastraAuthClerk.Builder#build()} refuses this form.
 */
@FunctionalInterface
public interface ClerkAuthorizer {

    /**
     * Decides whether the verified principal may make the request.
     *
     * @param principal who the verified credential names
     * @param request   the request being authorized
     * @param clerk     the provider's Backend API client (secret key, URL and timeouts already configured)
     */
    boolean authorize(ClerkPrincipal principal, AuthRequest request, ClerkBackendApi clerk) throws Exception;
}
