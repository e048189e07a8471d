package dev.mastra4j.examples.springweather;

import dev.mastra4j.auth.clerk.ClerkUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's own endpoints, protected by the same Clerk verification as the Mastra API. */
@RestController
public class MeController {

    /** The signed-in user, as Clerk's session token says. */
    @GetMapping("/me")
    public Map<String, Object> me(@AuthenticationPrincipal ClerkUser user, Authentication authentication) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("userId", user.userId());
        me.put("orgId", user.orgId());
        me.put("orgRole", user.orgRole());
        me.put(
                "authorities",
                authentication.getAuthorities().stream().map(Object::toString).toList());
        return me;
    }

    /** Only for organization admins ({@code hasAuthority("org:admin")} in {@link SecurityConfig}). */
    @GetMapping("/admin/org")
    public Map<String, Object> org(@AuthenticationPrincipal ClerkUser user) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("orgId", user.orgId());
        org.put("orgSlug", user.orgSlug());
        return org;
    }
}
