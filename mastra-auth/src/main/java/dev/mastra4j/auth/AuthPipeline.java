package dev.mastra4j.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider-neutral request check: route classification, credentials, authentication, authorization.
 * Built once per server from an {@link AuthConfig}; {@link #evaluate} is thread-safe and never throws.
 *
 * <p>Order, as Mastra's server does it: a public pattern wins over a protected one, and a path that is neither is
 * open. On a protected path: resolve credentials (400 for a malformed request, 401 when there are none), authenticate
 * (401, or 503 when the verifier is unavailable), {@code authorizeUser} (403), then the rules, first match decides
 * and no match denies (403). Anything unexpected fails closed. Rejections are logged at debug with reason and path,
 * never with the token.
 */
public final class AuthPipeline {

    static final String BEARER_INVALID_TOKEN = "Bearer error=\"invalid_token\"";
    private static final Logger LOG = LoggerFactory.getLogger(AuthPipeline.class);
    private static final AuthDecision OPEN = new AuthDecision.Open();
    private static final String API_KEY_PARAM = "apiKey";

    private final MastraAuthProvider<Object> provider;
    private final List<RoutePattern> publicRoutes;
    private final List<RoutePattern> protectedRoutes;
    private final List<AuthRule<Object>> rules;
    private final TokenResolver resolver;

    private AuthPipeline(
            MastraAuthProvider<Object> provider,
            List<RoutePattern> publicRoutes,
            List<RoutePattern> protectedRoutes,
            List<AuthRule<Object>> rules,
            TokenResolver resolver) {
        this.provider = provider;
        this.publicRoutes = publicRoutes;
        this.protectedRoutes = protectedRoutes;
        this.rules = rules;
        this.resolver = resolver;
    }

    @SuppressWarnings("unchecked")
    public static AuthPipeline create(AuthConfig config) {
        // The provider's user type is erased here; every user it returns only ever goes back to the same provider.
        MastraAuthProvider<Object> provider = (MastraAuthProvider<Object>) config.provider();
        List<RoutePattern> publicRoutes =
                concat(AuthConfig.DEFAULT_PUBLIC, config.publicRoutes(), provider.publicRoutes());
        List<RoutePattern> protectedRoutes =
                concat(AuthConfig.DEFAULT_PROTECTED, config.protectedRoutes(), provider.protectedRoutes());
        List<AuthRule<Object>> rules = new ArrayList<>();
        config.rules().forEach(rule -> rules.add((AuthRule<Object>) rule));
        provider.rules().forEach(rule -> rules.add(rule));
        TokenResolver resolver = provider.tokenResolver();
        if (config.allowApiKeyQuery()) {
            resolver = resolver.orElse(AuthPipeline::apiKeyQuery);
        }
        return new AuthPipeline(provider, publicRoutes, protectedRoutes, List.copyOf(rules), resolver);
    }

    public AuthDecision evaluate(AuthRequest request) {
        String method = request.method();
        String path = request.path();
        if (matchesAny(publicRoutes, method, path) || !matchesAny(protectedRoutes, method, path)) {
            return OPEN;
        }

        Optional<ResolvedToken> token;
        try {
            token = resolver.resolve(request);
        } catch (AuthenticationException e) {
            if (e.status() == 400) {
                return reject(request, 400, e.getMessage(), e.reason(), null);
            }
            return authenticationFailure(request, e);
        } catch (RuntimeException e) {
            return failClosed(request, e);
        }
        if (token.isEmpty()) {
            return reject(request, 401, "Authentication required", null, "Bearer");
        }

        Object user;
        try {
            user = provider.authenticateToken(token.get().value(), request);
        } catch (AuthenticationException e) {
            return authenticationFailure(request, e);
        } catch (RuntimeException e) {
            return failClosed(request, e);
        }
        if (user == null) {
            return reject(
                    request,
                    401,
                    "Invalid or expired token",
                    AuthReason.TOKEN_INVALID.wireName(),
                    BEARER_INVALID_TOKEN);
        }

        try {
            if (!provider.authorizeUser(user, request)) {
                return reject(request, 403, "Access denied", null, null);
            }
        } catch (RuntimeException e) {
            return authorizationError(request, "authorizeUser", e);
        }

        if (!rules.isEmpty()) {
            AuthRule<Object> decisive = null;
            for (AuthRule<Object> rule : rules) {
                if (rule.pattern().matches(method, path)) {
                    decisive = rule;
                    break;
                }
            }
            if (decisive == null) {
                LOG.debug("No rule matches {} {}", LogSafe.text(method), LogSafe.text(path));
                return reject(request, 403, "Access denied", null, null);
            }
            try {
                if (!decisive.grants(user)) {
                    return reject(request, 403, "Access denied", null, null);
                }
            } catch (RuntimeException e) {
                return authorizationError(request, "rule " + decisive.pattern(), e);
            }
        }

        try {
            return new AuthDecision.Allowed(user, provider.mapUserToResourceId(user));
        } catch (RuntimeException e) {
            return authorizationError(request, "mapUserToResourceId", e);
        }
    }

    private static AuthDecision authenticationFailure(AuthRequest request, AuthenticationException e) {
        return switch (e.status()) {
            case 401 -> reject(request, 401, "Invalid or expired token", e.reason(), BEARER_INVALID_TOKEN);
            case 503 -> reject(request, 503, "Authentication service unavailable", e.reason(), null);
            default ->
                reject(
                        request,
                        e.status(),
                        e.getMessage() != null ? e.getMessage() : "Authentication failed",
                        e.reason(),
                        null,
                        e.retryAfter().orElse(null));
        };
    }

    private static AuthDecision failClosed(AuthRequest request, RuntimeException e) {
        // Only the class: an unexpected exception's message may quote the credential.
        LOG.warn(
                "Authentication failed unexpectedly ({}) on {} {}; denying",
                e.getClass().getName(),
                LogSafe.text(request.method()),
                LogSafe.text(request.path()));
        return reject(
                request,
                401,
                "Invalid or expired token",
                AuthReason.TOKEN_VERIFICATION_FAILED.wireName(),
                BEARER_INVALID_TOKEN);
    }

    private static AuthDecision authorizationError(AuthRequest request, String where, RuntimeException e) {
        LOG.warn(
                "Authorization error in {} on {} {}; denying",
                LogSafe.text(where),
                LogSafe.text(request.method()),
                LogSafe.text(request.path()),
                LogSafe.throwable(e));
        return reject(request, 500, "Authorization error", null, null);
    }

    private static AuthDecision reject(AuthRequest request, int status, String error, String reason, String challenge) {
        return reject(request, status, error, reason, challenge, null);
    }

    private static AuthDecision reject(
            AuthRequest request, int status, String error, String reason, String challenge, Duration retryAfter) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Auth rejected {} {}: {} {}",
                    LogSafe.text(request.method()),
                    LogSafe.text(request.path()),
                    status,
                    LogSafe.text(reason != null ? reason : error));
        }
        return new AuthDecision.Rejected(status, error, reason, challenge, retryAfter);
    }

    private static Optional<ResolvedToken> apiKeyQuery(AuthRequest request) {
        return request.queryParam(API_KEY_PARAM)
                .filter(value -> !value.isBlank())
                .map(value -> new ResolvedToken(value, ResolvedToken.Source.QUERY));
    }

    private static boolean matchesAny(List<RoutePattern> patterns, String method, String path) {
        for (RoutePattern pattern : patterns) {
            if (pattern.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static List<RoutePattern> concat(List<RoutePattern>... lists) {
        List<RoutePattern> all = new ArrayList<>();
        for (List<RoutePattern> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
