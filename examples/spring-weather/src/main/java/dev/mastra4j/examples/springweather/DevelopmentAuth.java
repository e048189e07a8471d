package dev.mastra4j.examples.springweather;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.spring.boot.ClerkEnvironment;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Development auth mode, as in the weather example: with no {@code CLERK_*} variable set, tokens come from an
 * in-process {@link LocalClerkIssuer} bound to 127.0.0.1, a loopback Backend API stands in for Clerk's, and a
 * ready-to-paste curl command with a dev token is printed (never logged) once the application is up. It refuses a
 * non-loopback {@code HOST} unless {@code DEV_AUTH_ALLOW_NON_LOOPBACK=true}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ClerkEnvironment.NotConfigured.class)
public class DevelopmentAuth {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentAuth.class);
    static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(1);
    static final String ALLOW_NON_LOOPBACK = "DEV_AUTH_ALLOW_NON_LOOPBACK";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.\\[\\]]+");

    @Bean(destroyMethod = "close")
    LocalClerkIssuer devIssuer(Environment environment) {
        String host = environment.getProperty("server.address", "localhost");
        if (!isLoopback(host)
                && !"true"
                        .equals(environment.getProperty(ALLOW_NON_LOOPBACK, "").toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("Development auth mode (no CLERK_* variable is set) is for one person on "
                    + "one machine, but HOST=" + host + " is not a loopback address. Set CLERK_PUBLISHABLE_KEY and "
                    + "CLERK_SECRET_KEY, bind to loopback (HOST=127.0.0.1), or set " + ALLOW_NON_LOOPBACK + "=true.");
        }
        return LocalClerkIssuer.start();
    }

    @Bean(destroyMethod = "close")
    LocalClerkBackendApi devBackendApi(LocalClerkIssuer devIssuer) {
        LocalClerkBackendApi backend = LocalClerkBackendApi.forIssuer(devIssuer);
        backend.addUser("user_dev", "dev@example.com", "Dev", "User", null, Map.of());
        return backend;
    }

    @Bean
    MastraAuthClerk mastraAuthClerk(LocalClerkIssuer devIssuer, LocalClerkBackendApi devBackendApi) {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(devIssuer.publishableKey())
                .secretKey(devIssuer.secretKey())
                .jwksUri(devIssuer.jwksUri().toString())
                .apiUrl(devBackendApi.apiUrl().toString())
                .build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> devTokenPrinter(
            LocalClerkIssuer devIssuer, Environment environment, Mastra mastra) {
        return event -> {
            LOG.warn(
                    "DEVELOPMENT AUTH MODE: no CLERK_* variables are set, so tokens come from an in-process "
                            + "LocalClerkIssuer bound to 127.0.0.1 (JWKS {}). Set CLERK_PUBLISHABLE_KEY, "
                            + "CLERK_SECRET_KEY and CLERK_JWKS_URI for real Clerk.",
                    devIssuer.jwksUri());
            String token = devIssuer
                    .tokenBuilder()
                    .subject("user_dev")
                    .expiresIn(DEV_TOKEN_LIFETIME)
                    .build();
            String base = "http://" + shown(environment.getProperty("server.address", "localhost")) + ":"
                    + environment.getProperty("local.server.port");
            // mastra.server.standalone: the API is on the standalone server's port, the application's /me on its own.
            String api = environment.getProperty("mastra.server.standalone", Boolean.class, false)
                    ? mastra.url().toString()
                    : base;
            // Printed, not logged: the dev token is meant to be pasted, and log pipelines must never carry tokens.
            System.out.println("Try it (dev token valid " + DEV_TOKEN_LIFETIME.toMinutes() + " min):");
            System.out.println("curl -X POST " + api + "/api/agents/weatherAgent/generate -H \"Authorization: Bearer "
                    + token + "\" -H \"Content-Type: application/json\" -d '{\"messages\": \"Weather in London\"}'");
            System.out.println("curl " + base + "/me -H \"Authorization: Bearer " + token + "\"");
        };
    }

    private static String shown(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    /** {@code localhost}, or an IP literal in 127.0.0.0/8 or {@code ::1}; no name is looked up. */
    static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches() || !(h.contains(".") || h.contains(":"))) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
