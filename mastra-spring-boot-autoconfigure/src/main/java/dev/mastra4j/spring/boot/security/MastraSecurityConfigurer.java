package dev.mastra4j.spring.boot.security;

import dev.mastra4j.auth.MastraAuthProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Puts mastra4j's authentication into a {@code SecurityFilterChain}: {@code http.with(MastraSecurityConfigurer.mastra(),
 * Customizer.withDefaults())}. Adds {@link MastraAuthenticationFilter} (with the application's
 * {@link MastraAuthProvider} bean) ahead of anonymous authentication, and answers refusals as Mastra does
 * ({@link AuthAnswers}). The chain's {@code authorizeHttpRequests} rules stay the application's.
 */
public final class MastraSecurityConfigurer extends AbstractHttpConfigurer<MastraSecurityConfigurer, HttpSecurity> {

    private MastraAuthProvider<?> provider;

    private MastraSecurityConfigurer() {}

    /** A configurer that takes the {@link MastraAuthProvider} bean of the application context. */
    public static MastraSecurityConfigurer mastra() {
        return new MastraSecurityConfigurer();
    }

    /** Uses {@code provider} instead of the application context's {@link MastraAuthProvider} bean. */
    public MastraSecurityConfigurer provider(MastraAuthProvider<?> provider) {
        this.provider = provider;
        return this;
    }

    @Override
    public void init(HttpSecurity http) {
        AuthAnswers answers = new AuthAnswers();
        http.exceptionHandling(
                exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers));
    }

    @Override
    public void configure(HttpSecurity http) {
        MastraAuthProvider<?> chosen = provider;
        if (chosen == null) {
            chosen = http.getSharedObject(ApplicationContext.class).getBean(MastraAuthProvider.class);
        }
        http.addFilterBefore(new MastraAuthenticationFilter(chosen), AnonymousAuthenticationFilter.class);
    }
}
