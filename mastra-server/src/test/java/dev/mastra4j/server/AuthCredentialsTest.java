package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.ResolvedToken;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.auth.TokenResolver;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request parts the server hands to auth: cookies and the opt-in {@code ?apiKey=} query parameter. */
class AuthCredentialsTest {

    private static final String TOKEN = "session-token-abc.def";

    @Test
    void aProviderCanReadASessionCookie() {
        TokenResolver sessionCookie =
                request -> Optional.ofNullable(request.cookies().get("__session"))
                        .map(value -> new ResolvedToken(value, ResolvedToken.Source.COOKIE));
        SimpleAuth<String> auth = SimpleAuth.<String>builder()
                .token(TOKEN, "alice")
                .tokenResolver(TokenResolver.bearer().orElse(sessionCookie))
                .build();
        try (ServerHarness server = ServerHarness.start(Mastra.builder(), s -> s.auth(auth))) {
            assertThat(server.get("/api/tools").statusCode()).isEqualTo(401);
            assertThat(server.get("/api/tools", "Cookie", "theme=dark; __session=" + TOKEN + "; other=1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/tools", "Cookie", "__session=\"" + TOKEN + "\"")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/tools", "Cookie", "__session=wrong").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void theApiKeyQueryParameterWorksOnlyWhenEnabled() {
        SimpleAuth<String> auth =
                SimpleAuth.<String>builder().token(TOKEN, "alice").build();
        try (ServerHarness server =
                ServerHarness.start(Mastra.builder(), s -> s.auth(auth).allowApiKeyQuery(true))) {
            assertThat(server.get("/api/tools?apiKey=" + TOKEN).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/tools?x=1&apiKey=" + TOKEN.replace(".", "%2E"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/tools?apiKey=wrong").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aCommaInsideOneAuthorizationHeaderIsOneBadCredentialNotTwoHeaders() {
        SimpleAuth<String> auth =
                SimpleAuth.<String>builder().token(TOKEN, "alice").build();
        try (ServerHarness server = ServerHarness.start(Mastra.builder(), s -> s.auth(auth))) {
            assertThat(server.get("/api/agents", "Authorization", "Bearer " + TOKEN + ",x")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(server.get("/api/agents", "Authorization", "Bearer " + TOKEN)
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
