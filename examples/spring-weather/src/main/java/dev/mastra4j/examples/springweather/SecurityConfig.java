package dev.mastra4j.examples.springweather;

import dev.mastra4j.spring.boot.security.MastraSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's security rules, on the Clerk verification that protects the Mastra API
 * ({@link MastraSecurityConfigurer}): organization admins only under {@code /admin}, Actuator's health endpoint open
 * to probes, any signed-in user elsewhere.
 * The Mastra API has its own rules and never reaches this chain.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain appSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        // Actuator's health endpoint and its probe groups: no token, only the status.
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasAuthority("org:admin")
                        .anyRequest()
                        .authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens (or Clerk's SameSite __session cookie), no server session: no CSRF token.
                .csrf(csrf -> csrf.disable())
                .with(MastraSecurityConfigurer.mastra(), Customizer.withDefaults())
                .build();
    }
}
