package dev.mastra4j.spring.boot.security;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthDecision;
import dev.mastra4j.auth.AuthPipeline;
import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests to the application's own endpoints with the same verifier that protects the Mastra API:
 * mastra4j's {@link AuthPipeline} over the application's {@link MastraAuthProvider} (for Clerk, MastraAuthClerk's
 * strict session and machine token checks, its {@code authorizeUser} and organization restriction). There is no
 * second JWT decoder.
 *
 * <ul>
 *   <li>a credential that passes: the request goes on as a {@link MastraAuthentication} (the provider's user as
 *       principal, Clerk org role and permissions as authorities);
 *   <li>a credential that fails: answered here with the pipeline's refusal (401 and its reason, 503, 429, 403),
 *       exactly as the Mastra API answers it;
 *   <li>no credential: the request goes on unauthenticated, and Spring Security's rules decide; a protected endpoint
 *       then answers through {@link AuthAnswers} with Mastra's 401.
 * </ul>
 */
public final class MastraAuthenticationFilter extends OncePerRequestFilter {

    private final AuthPipeline pipeline;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    // Kept on the request (never in a session), so an error dispatch of the same request stays authenticated.
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    public MastraAuthenticationFilter(MastraAuthProvider<?> provider) {
        // Every path is "protected" for the pipeline, so it checks any credential it finds; whether an endpoint needs
        // one is Spring Security's authorization rules' decision.
        this.pipeline = AuthPipeline.create(AuthConfig.builder()
                .provider(provider)
                .protectedRoutes(List.of(RoutePattern.of("/*")))
                .build());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuthRequest> authRequest = ServletAuthRequest.of(request);
        if (authRequest.isEmpty()) {
            // A path that cannot be normalised: Spring Security's firewall refuses it further down.
            chain.doFilter(request, response);
            return;
        }
        switch (pipeline.evaluate(authRequest.get())) {
            case AuthDecision.Allowed allowed -> {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new MastraAuthentication(allowed.user(), allowed.resourceId()));
                contexts.setContext(context);
                repository.saveContext(context, request, response);
                chain.doFilter(request, response);
            }
            case AuthDecision.Rejected rejected
            when isMissingCredentials(rejected) -> {
                request.setAttribute(AuthAnswers.REJECTION_ATTRIBUTE, rejected);
                chain.doFilter(request, response);
            }
            case AuthDecision.Rejected rejected -> AuthAnswers.write(response, rejected);
            case AuthDecision.Open open -> chain.doFilter(request, response);
        }
    }

    private static boolean isMissingCredentials(AuthDecision.Rejected rejected) {
        return rejected.status() == 401 && rejected.reason() == null;
    }
}
