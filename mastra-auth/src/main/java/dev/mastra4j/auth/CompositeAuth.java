package dev.mastra4j.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several providers behind one, like Mastra's {@code CompositeAuth}: each token is tried against the providers in
 * order and the first that authenticates it wins. The user placed in the request context is that provider's own
 * user; {@link #authorizeUser} and {@link #mapUserToResourceId} go back to the provider that produced it.
 *
 * <p>When every provider refuses, the first provider's failure is reported, unless one was unavailable (503): then
 * the unavailability is reported, because the token might have been valid. Credentials are found by the providers'
 * resolvers in order; public and protected patterns and rules are the union, in provider order. A rule's
 * {@code condition} only ever sees users from its own provider; for anyone else it does not grant.
 */
public final class CompositeAuth implements MastraAuthProvider<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeAuth.class);

    private final List<MastraAuthProvider<Object>> providers;
    private final IdentityWeakMap<Object, MastraAuthProvider<Object>> owners = new IdentityWeakMap<>();
    private final AuthProviderOptions<Object> options;

    @SuppressWarnings("unchecked")
    private CompositeAuth(List<? extends MastraAuthProvider<?>> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("CompositeAuth needs at least one provider");
        }
        List<MastraAuthProvider<Object>> typed = new ArrayList<>();
        providers.forEach(p -> typed.add((MastraAuthProvider<Object>) Objects.requireNonNull(p, "provider")));
        this.providers = List.copyOf(typed);

        TokenResolver resolver = null;
        LinkedHashSet<RoutePattern> publicSet = new LinkedHashSet<>();
        LinkedHashSet<RoutePattern> protectedSet = new LinkedHashSet<>();
        List<AuthRule<? super Object>> allRules = new ArrayList<>();
        for (MastraAuthProvider<Object> provider : this.providers) {
            TokenResolver next = provider.tokenResolver();
            resolver = resolver == null ? next : resolver.orElse(next);
            publicSet.addAll(provider.publicRoutes());
            protectedSet.addAll(provider.protectedRoutes());
            for (AuthRule<? super Object> rule : provider.rules()) {
                allRules.add(ownedBy(provider, rule));
            }
        }
        this.options = new AuthProviderOptions<>(
                List.copyOf(publicSet), List.copyOf(protectedSet), allRules, resolver, this::ownersResourceId);
    }

    public static CompositeAuth of(MastraAuthProvider<?>... providers) {
        return new CompositeAuth(List.of(providers));
    }

    public static CompositeAuth of(List<? extends MastraAuthProvider<?>> providers) {
        return new CompositeAuth(providers);
    }

    @Override
    public Object authenticateToken(String token, AuthRequest request) {
        AuthenticationException first = null;
        AuthenticationException unavailable = null;
        for (MastraAuthProvider<Object> provider : providers) {
            AuthenticationException failure;
            try {
                Object user = provider.authenticateToken(token, request);
                if (user != null) {
                    owners.put(user, provider);
                    return user;
                }
                failure = new AuthenticationException(AuthReason.TOKEN_INVALID, "Invalid token");
            } catch (AuthenticationException e) {
                failure = e;
            } catch (RuntimeException e) {
                // One broken provider must not hide the others; the class name only, the message may quote the token.
                LOG.warn(
                        "Auth provider {} failed unexpectedly ({})",
                        provider.getClass().getSimpleName(),
                        e.getClass().getName());
                failure =
                        new AuthenticationException(AuthReason.TOKEN_VERIFICATION_FAILED, "Token verification failed");
            }
            if (first == null) {
                first = failure;
            }
            if (unavailable == null && failure.status() == 503) {
                unavailable = failure;
            }
        }
        throw unavailable != null ? unavailable : first;
    }

    @Override
    public void warmUp() {
        providers.forEach(MastraAuthProvider::warmUp);
    }

    /** Ready when every provider is. */
    @Override
    public boolean ready() {
        return providers.stream().allMatch(MastraAuthProvider::ready);
    }

    @Override
    public void observe(AuthObserver observer) {
        providers.forEach(provider -> provider.observe(observer));
    }

    @Override
    public boolean authorizeUser(Object user, AuthRequest request) {
        MastraAuthProvider<Object> owner = owners.get(user);
        // A user this composite did not authenticate has no provider to vouch for it.
        return owner != null && owner.authorizeUser(user, request);
    }

    /**
     * The union of the providers' options: their resolvers tried in order, their patterns and rules in provider
     * order, and a resource-id mapping by the provider that authenticated the user.
     */
    @Override
    public AuthProviderOptions<Object> options() {
        return options;
    }

    private String ownersResourceId(Object user) {
        MastraAuthProvider<Object> owner = owners.get(user);
        return owner == null ? null : owner.mapUserToResourceId(user);
    }

    /** The providers in the order they are tried. */
    public List<MastraAuthProvider<?>> providers() {
        return List.copyOf(providers);
    }

    private AuthRule<Object> ownedBy(MastraAuthProvider<Object> provider, AuthRule<Object> rule) {
        if (rule.condition() == null) {
            return rule;
        }
        var condition = rule.condition();
        return new AuthRule<>(
                rule.pattern(), rule.allow(), user -> owners.get(user) == provider && condition.test(user));
    }

    /** Closes every provider, in order; one that fails to close does not keep the others open. */
    @Override
    public void close() {
        for (MastraAuthProvider<Object> provider : providers) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing auth provider {} failed", provider.getClass().getName(), LogSafe.throwable(e));
            }
        }
    }
}
