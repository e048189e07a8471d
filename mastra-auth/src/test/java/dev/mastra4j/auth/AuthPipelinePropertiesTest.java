package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Open;
import dev.mastra4j.auth.AuthDecision.Rejected;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class AuthPipelinePropertiesTest {

    private static final String GOOD = "the-one-good-token";
    private static final AuthPipeline PIPELINE = AuthPipeline.create(
            AuthConfig.builder().provider(SimpleAuth.of(Map.of(GOOD, "user"))).build());

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('-', '_', '.', '0', '9')
                .ofMinLength(1)
                .ofMaxLength(8)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(12).ofMaxLength(200);
    }

    @Property
    void pathsOutsideApiAreOpen(
            @ForAll("methods") String method, @ForAll("segments") String rest, @ForAll("tokens") String token) {
        Assume.that(!rest.equals("api") && !rest.startsWith("api/"));
        assertThat(PIPELINE.evaluate(TestRequest.of(method, "/" + rest))).isEqualTo(new Open());
        assertThat(PIPELINE.evaluate(TestRequest.of(method, "/" + rest).bearer(token)))
                .isEqualTo(new Open());
    }

    @Property
    void pathsUnderApiNeedCredentials(@ForAll("methods") String method, @ForAll("segments") String rest) {
        Assume.that(!rest.equals("auth") && !rest.startsWith("auth/"));
        assertThat(PIPELINE.evaluate(TestRequest.of(method, "/api/" + rest)))
                .isEqualTo(new Rejected(401, "Authentication required", null, "Bearer"));
        assertThat(PIPELINE.evaluate(TestRequest.of(method, "/api/" + rest).bearer(GOOD)))
                .isEqualTo(new Allowed("user", null));
    }

    @Property
    void anyOtherTokenIsRejectedWithoutEchoingIt(@ForAll("segments") String rest, @ForAll("tokens") String token) {
        Assume.that(!token.equals(GOOD));
        AuthDecision decision =
                PIPELINE.evaluate(TestRequest.get("/api/agents/" + rest).header("Authorization", "Bearer " + token));
        assertThat(decision).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) decision;
        assertThat(rejected.status()).isIn(400, 401);
        assertThat(List.of(
                        rejected.error(),
                        String.valueOf(rejected.reason()),
                        String.valueOf(rejected.wwwAuthenticate())))
                .noneMatch(field -> field.contains(token));
    }

    @Property
    void simpleAuthAcceptsExactlyItsTokens(
            @ForAll @Size(min = 1, max = 8) @UniqueElements
                    List<@net.jqwik.api.constraints.StringLength(min = 1, max = 40) String> known,
            @ForAll String probe) {
        Map<String, String> tokens = known.stream().collect(Collectors.toMap(t -> t, t -> "user:" + t));
        SimpleAuth<String> auth = SimpleAuth.of(tokens);
        for (String token : known) {
            assertThat(auth.authenticateToken(token, TestRequest.get("/api/x"))).isEqualTo("user:" + token);
        }
        Set<String> set = tokens.keySet();
        boolean accepted;
        try {
            accepted = auth.authenticateToken(probe, TestRequest.get("/api/x")).equals("user:" + probe);
        } catch (AuthenticationException e) {
            accepted = false;
            assertThat(e.reason()).isEqualTo("token-invalid");
        }
        assertThat(accepted).isEqualTo(set.contains(probe));
    }
}
