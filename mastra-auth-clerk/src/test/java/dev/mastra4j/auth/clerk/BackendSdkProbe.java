package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Run by {@link MissingBackendSdkTest} in a child JVM: one line per step, {@code <step> OK <result>} or
 * {@code <step> ERROR <exception class>: <message>}. Mode {@code all} runs every step; mode {@code sessions} only
 * the session-token steps that must work, and load nothing of the SDK, whether or not the SDK is there.
 */
public final class BackendSdkProbe {

    private BackendSdkProbe() {}

    public static void main(String[] args) {
        boolean all = args.length > 0 && args[0].equals("all");
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            String token = issuer.tokenBuilder()
                    .subject("user_42")
                    .claim("email", "ada@example.com")
                    .build();
            TestRequest request = TestRequest.get("/api/agents").header("Authorization", "Bearer " + token);
            // Nothing listens on the API URL: a Backend API call could only fail.
            try (MastraAuthClerk clerk =
                    clerk(issuer).apiUrl(WiredFixture.refusedUrl()).build()) {
                step("session", () -> {
                    ClerkPrincipal principal = clerk.authenticateToken(token, request);
                    return principal.subject() + " authorized=" + clerk.authorizeUser(principal, request);
                });
                step(
                        "pipeline",
                        () -> WiredFixture.decide(clerk, request).getClass().getSimpleName());
                if (all) {
                    step("getCurrentUser", () -> {
                        var profile = clerk.getCurrentUser(request);
                        return profile.id() + " " + profile.email();
                    });
                    step("getUser", () -> clerk.getUser("user_42"));
                    step("backendApi", clerk::backendApi);
                }
            }
            if (all) {
                step(
                        "m2m",
                        () -> clerk(issuer)
                                .acceptsToken("session_token", "m2m_token", "api_key")
                                .build());
                step(
                        "organizationId",
                        () -> clerk(issuer).organizationId("org_1").build());
                step(
                        "organizationSlugFromEnv",
                        () -> clerk(issuer)
                                .env(Map.of("CLERK_ORGANIZATION_SLUG", "acme"))
                                .build());
                step(
                        "clerkAuthorizer",
                        () -> clerk(issuer)
                                .authorizeUser((principal, req, api) -> true)
                                .build());
                step(
                        "organizationIdWithPredicate",
                        () -> clerk(issuer)
                                .organizationId("org_1")
                                .authorizeUser((user, req) -> true)
                                .build()
                                .acceptedTokenTypes());
            }
        }
        System.exit(0);
    }

    private static MastraAuthClerk.Builder clerk(LocalClerkIssuer issuer) {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwtKey(issuer.jwtKeyPem());
    }

    private static void step(String name, Supplier<Object> action) {
        String line;
        try {
            line = name + " OK " + action.get();
        } catch (RuntimeException | LinkageError e) {
            line = name + " ERROR " + e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(line);
    }
}
