package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClerkUserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = ClerkUserTest.class.getResourceAsStream("/clerk-org-permissions-vectors.json")) {
            return JSON.readTree(in);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Test
    void decodesEveryPermissionVector() throws Exception {
        JsonNode vectors = vectors().get("vectors");
        assertThat(vectors.size()).isGreaterThanOrEqualTo(13);
        for (JsonNode vector : vectors) {
            Map<String, Object> o = new HashMap<>();
            o.put("id", "org_1");
            o.put("rol", "member");
            if (text(vector.get("per")) != null) {
                o.put("per", text(vector.get("per")));
            }
            if (text(vector.get("fpm")) != null) {
                o.put("fpm", text(vector.get("fpm")));
            }
            Map<String, Object> claims = new HashMap<>();
            claims.put("sub", "user_1");
            claims.put("v", 2L);
            claims.put("o", o);
            if (text(vector.get("fea")) != null) {
                claims.put("fea", text(vector.get("fea")));
            }
            List<String> expected = new ArrayList<>();
            vector.get("expected").forEach(p -> expected.add(p.asText()));

            ClerkUser user = ClerkUser.fromClaims(claims);

            assertThat(user.orgPermissions()).as(vector.get("name").asText()).containsExactlyElementsOf(expected);
            for (String permission : expected) {
                assertThat(user.has(permission)).isTrue();
            }
        }
    }

    @Test
    void permissionsDecodedOnFirstUseBehaveAsAnImmutableListOfTheDecodedValues() throws Exception {
        for (JsonNode vector : vectors().get("vectors")) {
            String fea = text(vector.get("fea"));
            String per = text(vector.get("per"));
            String fpm = text(vector.get("fpm"));
            List<String> eager = OrgPermissions.decode(fea, per, fpm);
            List<String> lazy = OrgPermissions.lazy(fea, per, fpm);
            assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
            assertThat(eager).isEqualTo(lazy);
            assertThat(lazy.toArray()).isEqualTo(eager.toArray());
            assertThat(lazy.stream().toList()).isEqualTo(eager);
            assertThat(lazy.reversed()).isEqualTo(eager.reversed());
            assertThatThrownBy(() -> lazy.add("org:x:y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lazy.removeIf(p -> false)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lazy.clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lazy.contains(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void permissionsDecodedOnFirstUseAgreeAcrossThreads() throws Exception {
        Map<String, Object> claims = Map.of(
                "sub",
                "user_1",
                "v",
                2L,
                "fea",
                "o:docs,o:billing,u:profile",
                "o",
                Map.of("id", "org_1", "rol", "admin", "per", "read,write,manage", "fpm", "5,3"));
        List<String> expected = List.of("org:docs:read", "org:docs:manage", "org:billing:read", "org:billing:write");
        for (int round = 0; round < 50; round++) {
            ClerkUser user = ClerkUser.fromClaims(claims);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> seen = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    seen.add(threads.submit(() -> {
                        start.await();
                        return List.copyOf(user.orgPermissions());
                    }));
                }
                start.countDown();
                for (Future<List<String>> result : seen) {
                    assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(expected);
                }
            }
            assertThat(user)
                    .isEqualTo(new ClerkUser(
                            user.userId(),
                            user.sessionId(),
                            user.orgId(),
                            user.orgSlug(),
                            user.orgRole(),
                            expected,
                            user.claims()));
        }
    }

    @Test
    void aFeatureEntryWithoutAColonVoidsThePermissionsButNotTheUser() {
        ClerkUser user = ClerkUser.fromClaims(Map.of(
                "sub",
                "user_1",
                "v",
                2L,
                "fea",
                "o:docs,broken",
                "o",
                Map.of("id", "org_1", "rol", "admin", "per", "read", "fpm", "1,1")));
        assertThat(user.orgPermissions()).isEmpty();
        assertThat(user.orgRole()).isEqualTo("org:admin");
        assertThat(user.userId()).isEqualTo("user_1");
    }

    @Test
    void readsRolesAsTheFixtureSays() throws Exception {
        JsonNode role = vectors().get("role");
        JsonNode v2 = role.get("v2");
        ClerkUser modern = ClerkUser.fromClaims(
                Map.of("sub", "user_1", "sid", "sess_1", "v", 2L, "o", JSON.convertValue(v2.get("o"), Map.class)));
        assertThat(modern.orgRole()).isEqualTo(v2.get("expectedRole").asText());
        assertThat(modern.orgId()).isEqualTo("org_1");
        assertThat(modern.orgSlug()).isEqualTo("acme");
        assertThat(modern.sessionId()).isEqualTo("sess_1");

        JsonNode v1 = role.get("v1");
        ClerkUser legacy = ClerkUser.fromClaims(Map.of(
                "sub",
                "user_1",
                "org_id",
                "org_9",
                "org_slug",
                "umbrella",
                "org_role",
                v1.get("org_role").asText(),
                "org_permissions",
                List.of("org:docs:read", 7L)));
        assertThat(legacy.orgRole()).isEqualTo(v1.get("expectedRole").asText());
        assertThat(legacy.orgId()).isEqualTo("org_9");
        assertThat(legacy.orgSlug()).isEqualTo("umbrella");
        assertThat(legacy.orgPermissions()).containsExactly("org:docs:read");
    }

    @Test
    void hasAcceptsRolesAndPermissionsWithOrWithoutThePrefix() {
        ClerkUser user = ClerkUser.fromClaims(Map.of(
                "sub",
                "user_1",
                "v",
                2L,
                "fea",
                "o:docs",
                "o",
                Map.of("id", "org_1", "rol", "admin", "per", "read,write", "fpm", "2")));
        assertThat(user.has("org:admin")).isTrue();
        assertThat(user.has("admin")).isTrue();
        assertThat(user.has("org:docs:write")).isTrue();
        assertThat(user.has("docs:write")).isTrue();
        assertThat(user.has("org:docs:read")).isFalse();
        assertThat(user.has("org:member")).isFalse();
        assertThat(user.has("")).isFalse();
        assertThat(user.has(null)).isFalse();
    }

    @Test
    void aSessionWithoutOrganizationHasNoOrganizationFields() {
        ClerkUser user = ClerkUser.fromClaims(Map.of("sub", "user_1", "v", 2L));
        assertThat(user.orgId()).isNull();
        assertThat(user.orgRole()).isNull();
        assertThat(user.orgPermissions()).isEmpty();
        assertThat(user.has("admin")).isFalse();
        assertThat(user.claim("v")).contains(2L);
        assertThat(user.claim("nope")).isEmpty();
    }

    @Test
    void wronglyTypedOrganizationClaimsAreIgnored() {
        ClerkUser user =
                ClerkUser.fromClaims(Map.of("sub", "user_1", "v", 2L, "o", Map.of("id", 5L, "rol", List.of("admin"))));
        assertThat(user.orgId()).isNull();
        assertThat(user.orgRole()).isNull();
    }
}
