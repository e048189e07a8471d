package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthProviderOptionsTest {

    private static final AuthRequest REQUEST = TestRequest.of("GET", "/api/agents");
    private static final RoutePattern OPEN = RoutePattern.of("/open");
    private static final RoutePattern CLOSED = RoutePattern.of("/closed");

    @Test
    void aProviderWithoutOptionsReadsBearerTokensAndAddsNothing() {
        MastraAuthProvider<String> provider = (token, request) -> token;

        assertThat(provider.tokenResolver()).isSameAs(TokenResolver.bearer());
        assertThat(provider.publicRoutes()).isEmpty();
        assertThat(provider.protectedRoutes()).isEmpty();
        assertThat(provider.rules()).isEmpty();
        assertThat(provider.mapUserToResourceId("alice")).isNull();
    }

    @Test
    void theAccessorsReadTheOptionsAProviderRegisters() {
        TokenResolver fixed = request -> Optional.of(new ResolvedToken("t", ResolvedToken.Source.QUERY));
        AuthRule<String> rule = AuthRule.allow(RoutePattern.of("/api/agents"));
        AuthProviderOptions<String> options =
                new AuthProviderOptions<>(List.of(OPEN), List.of(CLOSED), List.of(rule), fixed, user -> "res-" + user);
        MastraAuthProvider<String> provider = new MastraAuthProvider<>() {
            @Override
            public String authenticateToken(String token, AuthRequest request) {
                return token;
            }

            @Override
            public AuthProviderOptions<String> options() {
                return options;
            }
        };

        assertThat(provider.tokenResolver().resolve(REQUEST))
                .map(ResolvedToken::value)
                .contains("t");
        assertThat(provider.publicRoutes()).containsExactly(OPEN);
        assertThat(provider.protectedRoutes()).containsExactly(CLOSED);
        assertThat(provider.rules()).containsExactly(rule);
        assertThat(provider.mapUserToResourceId("alice")).isEqualTo("res-alice");
    }

    @Test
    void everyBuilderSharesTheSameSetters() {
        SimpleAuth<String> simple = SimpleAuth.<String>builder()
                .token("secret-token-1", "alice")
                .publicRoutes(List.of(OPEN))
                .protectedRoutes(List.of(CLOSED))
                .mapUserToResourceId(user -> "res-" + user)
                .build();

        assertThat(simple.options().publicRoutes()).containsExactly(OPEN);
        assertThat(simple.options().protectedRoutes()).containsExactly(CLOSED);
        assertThat(simple.mapUserToResourceId("alice")).isEqualTo("res-alice");
        assertThat(simple.tokenResolver()).isSameAs(TokenResolver.bearer());
    }
}
