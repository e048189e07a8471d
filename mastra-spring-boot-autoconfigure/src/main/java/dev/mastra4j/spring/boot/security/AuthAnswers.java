package dev.mastra4j.spring.boot.security;

import dev.mastra4j.auth.AuthDecision;
import dev.mastra4j.core.util.Ids;
import dev.mastra4j.server.http.ErrorResponse;
import dev.mastra4j.server.http.HttpStatusException;
import dev.mastra4j.server.http.RequestPipeline;
import dev.mastra4j.spring.boot.web.ServletHttpResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's refusals in Mastra's words: the JSON body, status, {@code WWW-Authenticate} and
 * {@code Retry-After} that mastra4j's server sends for the same refusal, written by the same code.
 *
 * <ul>
 *   <li>no credentials on a protected endpoint: 401 {@code {"error":"Authentication required"}},
 *       {@code WWW-Authenticate: Bearer};
 *   <li>a credential the pipeline refused: its answer (401 with the reason and
 *       {@code WWW-Authenticate: Bearer error="invalid_token"}, 503, 429, 403);
 *   <li>authenticated, but an authorization rule says no: 403 {@code {"error":"Access denied"}}.
 * </ul>
 */
public final class AuthAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The request attribute where the filter leaves the pipeline's refusal of a request without credentials. */
    static final String REJECTION_ATTRIBUTE = AuthAnswers.class.getName() + ".rejection";

    private static final AuthDecision.Rejected NO_CREDENTIALS =
            new AuthDecision.Rejected(401, "Authentication required", null, "Bearer");
    private static final AuthDecision.Rejected ACCESS_DENIED =
            new AuthDecision.Rejected(403, "Access denied", null, null);

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException) {
        AuthDecision.Rejected rejected =
                request.getAttribute(REJECTION_ATTRIBUTE) instanceof AuthDecision.Rejected r ? r : NO_CREDENTIALS;
        write(response, rejected);
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException) {
        write(response, ACCESS_DENIED);
    }

    /** Writes the answer to {@code rejected}, as mastra4j's request pipeline writes it. */
    static void write(HttpServletResponse response, AuthDecision.Rejected rejected) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (rejected.wwwAuthenticate() != null) {
            headers.put("WWW-Authenticate", rejected.wwwAuthenticate());
        }
        if (rejected.retryAfter() != null) {
            headers.put("Retry-After", HttpStatusException.retryAfterSeconds(rejected.retryAfter()));
        }
        String requestId = Ids.uuid();
        HttpStatusException failure =
                new HttpStatusException(rejected.status(), rejected.error(), rejected.reason(), headers);
        RequestPipeline.writeError(
                new ServletHttpResponse(response), ErrorResponse.forFailure(failure, requestId), requestId);
    }
}
