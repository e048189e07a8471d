package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleAuthTest {

    private final SimpleAuth<String> auth = SimpleAuth.of(Map.of("token-one-1234", "alice", "token-two-5678", "bob"));
    private final AuthRequest request = TestRequest.get("/api/agents");

    @Test
    void mapsEachTokenToItsUser() {
        assertThat(auth.authenticateToken("token-one-1234", request)).isEqualTo("alice");
        assertThat(auth.authenticateToken("token-two-5678", request)).isEqualTo("bob");
    }

    @Test
    void nearMissesAreRejected() {
        for (String probe : List.of(
                "token-one-123",
                "token-one-12345",
                "token-one-1235",
                "Token-one-1234",
                " token-one-1234",
                "token-one-1234\u0000",
                "token-two-5678token-one-1234")) {
            assertThatThrownBy(() -> auth.authenticateToken(probe, request))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.reason()).isEqualTo("token-invalid");
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain(probe.strip());
                    });
        }
    }

    @Test
    void emptyAndNullTokensAreRejected() {
        assertThatThrownBy(() -> auth.authenticateToken("", request)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticateToken(null, request)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void keepsNoPlainTokens() throws Exception {
        for (var field : SimpleAuth.class.getDeclaredFields()) {
            field.setAccessible(true);
            Object value = field.get(auth);
            assertThat(String.valueOf(value)).doesNotContain("token-one-1234", "token-two-5678");
        }
        assertThat(auth.toString()).isEqualTo("SimpleAuth[2 tokens]");
    }

    @Test
    void unicodeTokens() {
        SimpleAuth<String> unicode = SimpleAuth.of(Map.of("tök€n-ünïcødé", "carol"));
        assertThat(unicode.authenticateToken("tök€n-ünïcødé", request)).isEqualTo("carol");
        assertThatThrownBy(() -> unicode.authenticateToken("tok€n-ünïcødé", request))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> SimpleAuth.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimpleAuth.<String>builder().token("", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimpleAuth.<String>builder().token("t", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsAndPassthrough() {
        assertThat(auth.authorizeUser("alice", request)).isTrue();
        assertThat(auth.mapUserToResourceId("alice")).isNull();
        assertThat(auth.publicRoutes()).isEmpty();
        assertThat(auth.protectedRoutes()).isEmpty();
        assertThat(auth.rules()).isEmpty();
        assertThat(auth.tokenResolver()).isSameAs(TokenResolver.bearer());

        RoutePattern open = RoutePattern.of("/open");
        RoutePattern closed = RoutePattern.of("/closed");
        AuthRule<Object> rule = AuthRule.allow(RoutePattern.of("/api/*"));
        SimpleAuth<String> configured = SimpleAuth.<String>builder()
                .token("t", "u")
                .publicRoutes(List.of(open))
                .protectedRoutes(List.of(closed))
                .rules(List.of(rule))
                .build();
        assertThat(configured.publicRoutes()).containsExactly(open);
        assertThat(configured.protectedRoutes()).containsExactly(closed);
        assertThat(configured.rules()).containsExactly(rule);
    }
}
