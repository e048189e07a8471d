package dev.mastra4j.spring.boot.security;

import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.auth.clerk.MachineIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by mastra4j's auth pipeline. The principal is the provider's user as it returned it (a
 * {@link ClerkUser} or {@link MachineIdentity} for Clerk), so {@code @AuthenticationPrincipal ClerkUser user} works.
 * Authorities, for a Clerk user: the active organization role ({@code org:admin}) and each organization permission
 * ({@code org:invoices:read}), so {@code hasAuthority("org:admin")} reads as Clerk's {@code has()}; for a machine
 * identity: its scopes. The credential is never kept.
 */
public final class MastraAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient Object principal;
    private final String resourceId;

    public MastraAuthentication(Object principal, String resourceId) {
        super(authoritiesOf(principal));
        this.principal = principal;
        this.resourceId = resourceId;
        setAuthenticated(true);
    }

    /** The authorities a user gets: see the class comment. */
    public static List<GrantedAuthority> authoritiesOf(Object principal) {
        Set<String> names = new LinkedHashSet<>();
        if (principal instanceof ClerkUser user) {
            if (user.orgRole() != null) {
                names.add(user.orgRole());
            }
            names.addAll(user.orgPermissions());
        } else if (principal instanceof MachineIdentity machine && machine.scopes() != null) {
            names.addAll(machine.scopes());
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        names.forEach(name -> authorities.add(new SimpleGrantedAuthority(name)));
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** The resource id the provider maps the user to ({@code mapUserToResourceId}), or null. */
    public String resourceId() {
        return resourceId;
    }

    @Override
    public String getName() {
        return switch (principal) {
            case ClerkUser user -> user.userId();
            case MachineIdentity machine -> machine.subject();
            default -> String.valueOf(principal);
        };
    }

    @Override
    public Collection<GrantedAuthority> getAuthorities() {
        return super.getAuthorities();
    }
}
