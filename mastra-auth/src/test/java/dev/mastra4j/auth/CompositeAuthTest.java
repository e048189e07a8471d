package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Rejected;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeAuthTest {

    record Employee(String id, boolean admin) {}

    record Robot(String serial) {}

    private final AuthRequest request = TestRequest.get("/api/agents");

    private static SimpleAuth.Builder<Employee> employees() {
        return SimpleAuth.<Employee>builder()
                .token("emp-token", new Employee("e1", true))
                .token("emp-plain", new Employee("e2", false));
    }

    private static SimpleAuth.Builder<Robot> robots() {
        return SimpleAuth.<Robot>builder().token("robot-token", new Robot("r1"));
    }

    @Test
    void firstProviderThatAuthenticatesWins() {
        Employee fromA = new Employee("a", false);
        Employee fromB = new Employee("b", false);
        CompositeAuth auth = CompositeAuth.of(
                SimpleAuth.of(java.util.Map.of("shared", fromA)),
                SimpleAuth.of(java.util.Map.of("shared", fromB, "only-b", fromB)));
        assertThat(auth.authenticateToken("shared", request)).isSameAs(fromA);
        assertThat(auth.authenticateToken("only-b", request)).isSameAs(fromB);
    }

    @Test
    void theUserIsTheProvidersOwnUser() {
        CompositeAuth auth = CompositeAuth.of(employees().build(), robots().build());
        assertThat(auth.authenticateToken("robot-token", request)).isEqualTo(new Robot("r1"));
        assertThat(auth.authenticateToken("emp-token", request)).isEqualTo(new Employee("e1", true));
    }

    @Test
    void authorizationAndResourceIdGoToTheAuthenticatingProvider() {
        CompositeAuth auth = CompositeAuth.of(
                employees()
                        .authorizeUser((user, r) -> user.admin())
                        .mapUserToResourceId(Employee::id)
                        .build(),
                robots().authorizeUser((user, r) -> r.method().equals("GET"))
                        .mapUserToResourceId(robot -> "robot:" + robot.serial())
                        .build());
        AuthPipeline p = AuthPipeline.create(AuthConfig.builder().provider(auth).build());

        assertThat(p.evaluate(TestRequest.get("/api/agents").bearer("emp-token")))
                .isEqualTo(new Allowed(new Employee("e1", true), "e1"));
        assertThat(p.evaluate(TestRequest.get("/api/agents").bearer("emp-plain")))
                .isEqualTo(new Rejected(403, "Access denied", null, null));
        assertThat(p.evaluate(TestRequest.get("/api/agents").bearer("robot-token")))
                .isEqualTo(new Allowed(new Robot("r1"), "robot:r1"));
        assertThat(p.evaluate(TestRequest.of("POST", "/api/agents").bearer("robot-token")))
                .isEqualTo(new Rejected(403, "Access denied", null, null));
    }

    @Test
    void equalUsersFromDifferentProvidersStayApart() {
        // Two providers produce equal (but distinct) users; each must still be judged by its own provider.
        String fromA = new String("same-name");
        String fromB = new String("same-name");
        CompositeAuth auth = CompositeAuth.of(
                SimpleAuth.<String>builder()
                        .token("a", fromA)
                        .mapUserToResourceId(u -> "A")
                        .build(),
                SimpleAuth.<String>builder()
                        .token("b", fromB)
                        .mapUserToResourceId(u -> "B")
                        .build());
        Object a = auth.authenticateToken("a", request);
        Object b = auth.authenticateToken("b", request);
        assertThat(a).isEqualTo(b);
        assertThat(auth.mapUserToResourceId(a)).isEqualTo("A");
        assertThat(auth.mapUserToResourceId(b)).isEqualTo("B");
    }

    @Test
    void aUserItDidNotAuthenticateIsNotAuthorized() {
        CompositeAuth auth = CompositeAuth.of(employees().build());
        assertThat(auth.authorizeUser(new Employee("e1", true), request)).isFalse();
        assertThat(auth.mapUserToResourceId(new Employee("e1", true))).isNull();
    }

    @Test
    void allFailingReportsTheFirstFailure() {
        MastraAuthProvider<Object> expired = (token, r) -> {
            throw new AuthenticationException("token-expired", "expired");
        };
        CompositeAuth auth = CompositeAuth.of(expired, employees().build());
        assertThatThrownBy(() -> auth.authenticateToken("nope", request))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo("token-expired"));
    }

    @Test
    void anUnavailableProviderMakesTheFailure503() {
        MastraAuthProvider<Object> down = (token, r) -> {
            throw new AuthenticationException("jwks-unavailable", "down", 503, null);
        };
        CompositeAuth auth = CompositeAuth.of(employees().build(), down);
        assertThatThrownBy(() -> auth.authenticateToken("nope", request))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.reason()).isEqualTo("jwks-unavailable");
                });
        assertThat(auth.authenticateToken("emp-token", request))
                .as("a working provider still answers")
                .isEqualTo(new Employee("e1", true));
    }

    @Test
    void aBrokenProviderDoesNotHideTheOthers() {
        MastraAuthProvider<Object> broken = (token, r) -> {
            throw new IllegalStateException("bug");
        };
        MastraAuthProvider<Object> nullUser = (token, r) -> null;
        CompositeAuth auth = CompositeAuth.of(broken, nullUser, robots().build());
        assertThat(auth.authenticateToken("robot-token", request)).isEqualTo(new Robot("r1"));
        assertThatThrownBy(() -> auth.authenticateToken("nope", request))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo("token-verification-failed"));
    }

    @Test
    void resolversAreChainedInOrder() {
        TokenResolver apiKeyHeader =
                r -> r.header("X-Api-Key").map(v -> new ResolvedToken(v, ResolvedToken.Source.HEADER));
        CompositeAuth auth = CompositeAuth.of(
                robots().tokenResolver(apiKeyHeader).build(), employees().build());
        AuthPipeline p = AuthPipeline.create(AuthConfig.builder().provider(auth).build());
        assertThat(p.evaluate(TestRequest.get("/api/agents").header("X-Api-Key", "robot-token")))
                .isEqualTo(new Allowed(new Robot("r1"), null));
        assertThat(p.evaluate(TestRequest.get("/api/agents").bearer("emp-token")))
                .isEqualTo(new Allowed(new Employee("e1", true), null));
        assertThat(auth.tokenResolver()
                        .resolve(TestRequest.get("/x").header("X-Api-Key", "k").bearer("b")))
                .map(ResolvedToken::value)
                .isEqualTo(Optional.of("k"));
    }

    @Test
    void patternsAreTheUnion() {
        RoutePattern docs = RoutePattern.of("/api/docs/*");
        RoutePattern admin = RoutePattern.of("/admin/*");
        CompositeAuth auth = CompositeAuth.of(
                employees().publicRoutes(List.of(docs)).build(),
                robots().protectedRoutes(List.of(admin)).build());
        assertThat(auth.publicRoutes()).containsExactly(docs);
        assertThat(auth.protectedRoutes()).containsExactly(admin);
    }

    @Test
    void ruleConditionsOnlyJudgeTheirOwnProvidersUsers() {
        CompositeAuth auth = CompositeAuth.of(
                employees()
                        .rules(List.of(
                                AuthRule.<Employee>allowIf(RoutePattern.of("/api/admin/*"), Employee::admin),
                                AuthRule.allow(RoutePattern.of("/api/*"))))
                        .build(),
                robots().build());
        assertThat(auth.rules()).hasSize(2);
        AuthPipeline p = AuthPipeline.create(AuthConfig.builder().provider(auth).build());
        assertThat(p.evaluate(TestRequest.get("/api/admin/x").bearer("emp-token")))
                .isInstanceOf(Allowed.class);
        assertThat(p.evaluate(TestRequest.get("/api/admin/x").bearer("emp-plain")))
                .isEqualTo(new Rejected(403, "Access denied", null, null));
        assertThat(p.evaluate(TestRequest.get("/api/admin/x").bearer("robot-token")))
                .as("a Robot is denied, not a ClassCastException turned into 500")
                .isEqualTo(new Rejected(403, "Access denied", null, null));
        assertThat(p.evaluate(TestRequest.get("/api/agents").bearer("robot-token")))
                .as("unconditional rules apply to everyone")
                .isInstanceOf(Allowed.class);
    }

    @Test
    void needsAProvider() {
        assertThatThrownBy(CompositeAuth::of).isInstanceOf(IllegalArgumentException.class);
    }

    /** A provider that counts its closes, failing them when asked to. */
    static final class Closing implements MastraAuthProvider<String> {
        final java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        final boolean fails;

        Closing(boolean fails) {
            this.fails = fails;
        }

        @Override
        public String authenticateToken(String token, AuthRequest request) {
            throw new AuthenticationException("token-invalid", "no");
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("cannot close");
            }
        }
    }

    @Test
    void closingClosesEveryProviderEvenWhenOneFails() {
        Closing first = new Closing(true);
        Closing second = new Closing(false);
        CompositeAuth.of(first, second).close();
        assertThat(first.closed).hasValue(1);
        assertThat(second.closed).as("closed although the first failed").hasValue(1);
    }
}
