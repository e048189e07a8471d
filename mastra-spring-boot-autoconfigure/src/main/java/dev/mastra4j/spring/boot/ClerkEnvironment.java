package dev.mastra4j.spring.boot;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.env.EnvLookup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The {@code CLERK_*} settings as the Spring environment holds them (process environment, system properties,
 * {@code application.properties}), and the conditions that Clerk is, or is not, configured at all (for an application's
 * development-mode configuration, say).
 */
public final class ClerkEnvironment {

    /** Any of these (or its {@code mastra.auth.clerk.*} property) turns Clerk auth on. */
    public static final List<String> SWITCHES =
            List.of("CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "CLERK_JWKS_URI", "CLERK_JWT_KEY");

    private static final List<String> PROPERTIES = List.of(
            "mastra.auth.clerk.publishable-key",
            "mastra.auth.clerk.secret-key",
            "mastra.auth.clerk.jwks-uri",
            "mastra.auth.clerk.jwt-key");

    private static final List<String> ALL = List.of(
            "CLERK_PUBLISHABLE_KEY",
            "CLERK_SECRET_KEY",
            "CLERK_JWKS_URI",
            "CLERK_JWT_KEY",
            "CLERK_AUTHORIZED_PARTIES",
            "CLERK_API_URL",
            "CLERK_ISSUER",
            "CLERK_ORGANIZATION_ID",
            "CLERK_ORGANIZATION_SLUG");

    private ClerkEnvironment() {}

    /** The {@code CLERK_*} variables the environment sets, for {@link MastraAuthClerk.Builder#env}. */
    static Map<String, String> variables(Environment environment) {
        Map<String, String> env = new HashMap<>();
        for (String name : ALL) {
            String value = environment.getProperty(name);
            if (value != null && !value.isBlank()) {
                env.put(name, value);
            }
        }
        return env;
    }

    /**
     * Whether Clerk is configured: {@code mastra.auth.clerk.enabled} is not false, and a key property
     * ({@code mastra.auth.clerk.publishable-key}, {@code secret-key}, {@code jwks-uri}, {@code jwt-key}) or one of
     * {@link #SWITCHES} is set, in the Spring environment or {@code .env}.
     */
    public static boolean configured(Environment environment) {
        if (!environment.getProperty("mastra.auth.clerk.enabled", Boolean.class, true)) {
            return false;
        }
        for (String property : PROPERTIES) {
            if (present(environment.getProperty(property))) {
                return true;
            }
        }
        EnvLookup dotenv = EnvLookup.system();
        for (String name : SWITCHES) {
            if (present(environment.getProperty(name)) || dotenv.get(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Matches when Clerk is configured ({@link #configured}). */
    public static final class Configured extends SpringBootCondition {
        public Configured() {}

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context.getEnvironment())
                    ? ConditionOutcome.match("Clerk settings found")
                    : ConditionOutcome.noMatch("no mastra.auth.clerk.* key and no CLERK_* variable");
        }
    }

    /** Matches when Clerk is not configured ({@link #configured}). */
    public static final class NotConfigured extends SpringBootCondition {
        public NotConfigured() {}

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context.getEnvironment())
                    ? ConditionOutcome.noMatch("Clerk settings found")
                    : ConditionOutcome.match("no mastra.auth.clerk.* key and no CLERK_* variable");
        }
    }
}
