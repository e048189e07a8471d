package dev.mastra4j.spring.boot;

import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.spring.boot.security.MastraAuthentication;
import dev.mastra4j.spring.boot.security.MastraSecurityConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * Spring Security with mastra4j's auth, when Spring Security and a {@link MastraAuthProvider} bean are present. Without
 * a {@code SecurityFilterChain} of the application's own, every endpoint of the application needs a valid credential
 * (the Mastra API has its own rules, see {@link MastraWebAutoConfiguration}) except Actuator's health endpoint;
 * sessions are not created, and there is no form login, HTTP Basic or generated password. An application with its own
 * chain adds
 * {@code http.with(MastraSecurityConfigurer.mastra(), Customizer.withDefaults())}.
 */
@AutoConfiguration(
        after = MastraAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean(MastraAuthProvider.class)
public class MastraSecurityAutoConfiguration {

    private static final String HEALTH_ENDPOINT = "org.springframework.boot.health.actuate.endpoint.HealthEndpoint";

    /**
     * Every endpoint needs a valid credential, except Actuator's health endpoint and its groups when Actuator is
     * present ({@code <management.endpoints.web.base-path>/health/**}, as Boot's own default chain leaves them open),
     * so that probes need no token; what they show beyond the status follows
     * {@code management.endpoint.health.show-details}.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain mastraSecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
        String health = ClassUtils.isPresent(HEALTH_ENDPOINT, getClass().getClassLoader())
                ? healthPath(environment.getProperty("management.endpoints.web.base-path", "/actuator"))
                : null;
        // No CSRF token: a request is authenticated by its bearer token (or Clerk's SameSite __session cookie), never
        // by a server session, as on the Mastra API.
        return http.authorizeHttpRequests(requests -> {
                    if (health != null) {
                        requests.requestMatchers(HttpMethod.GET, health, health + "/**")
                                .permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .with(MastraSecurityConfigurer.mastra(), Customizer.withDefaults())
                .build();
    }

    /** The health endpoint's path under Actuator's base path ({@code /actuator/health} by default). */
    static String healthPath(String basePath) {
        String base = basePath == null ? "" : basePath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.isEmpty() && !base.startsWith("/")) {
            base = "/" + base;
        }
        return base + "/health";
    }

    /**
     * The authentication manager: it accepts only what {@code MastraAuthenticationFilter} authenticated, so Boot's
     * in-memory user with a generated password is never created.
     */
    @Bean
    @ConditionalOnMissingBean(AuthenticationManager.class)
    public AuthenticationManager mastraAuthenticationManager() {
        return authentication -> {
            if (authentication instanceof MastraAuthentication mastra) {
                return mastra;
            }
            throw new ProviderNotFoundException("Credentials are checked by mastra4j's auth pipeline only");
        };
    }
}
