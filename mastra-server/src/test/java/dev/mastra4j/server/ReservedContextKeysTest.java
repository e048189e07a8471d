package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.jwt.MastraJwtAuth;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client's {@code requestContext} never sets a reserved key (Mastra's list, {@link RequestContext#RESERVED_KEYS}),
 * whatever the auth provider: a tool that reports what it sees is called directly, through generate and through
 * stream, with every reserved key forged in the body.
 */
class ReservedContextKeysTest {

    record Note(String note) {}

    static final String FORGED = "forged";
    static final String JWT_SECRET = "a-shared-secret-of-at-least-32-bytes!";

    /** What a tool sees: each key, with the user reduced to its presence (user types need not serialise). */
    static final Tool PROBE = Tool.builder()
            .id("contextProbe")
            .description("Reports its request context")
            .inputSchema(Note.class)
            .execute((input, ctx) -> {
                Map<String, Object> seen = new LinkedHashMap<>();
                ctx.requestContext()
                        .asMap()
                        .forEach((k, v) -> seen.put(k, RequestContext.USER_KEY.equals(k) ? "(server's user)" : v));
                return seen;
            })
            .build();

    enum Provider {
        NONE,
        SIMPLE_AUTH,
        MASTRA_JWT_AUTH,
        CLERK
    }

    /** A started server and the Authorization header value that gets past its auth (null without auth). */
    record Setup(ServerHarness server, String bearer, AutoCloseable extra) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
            if (extra != null) {
                extra.close();
            }
        }
    }

    static Setup start(Provider provider) throws Exception {
        Mastra.Builder mastra = Mastra.builder()
                .tool(PROBE)
                .agent(Agent.builder()
                        .id("probeAgent")
                        .model("offline/stand-in")
                        .tools(PROBE)
                        .build());
        return switch (provider) {
            case NONE -> new Setup(ServerHarness.start(mastra), null, null);
            case SIMPLE_AUTH ->
                new Setup(
                        ServerHarness.start(
                                mastra, s -> s.auth(SimpleAuth.of(Map.of("simple-token-0123456789", "alice")))),
                        "simple-token-0123456789",
                        null);
            case MASTRA_JWT_AUTH -> {
                MastraJwtAuth jwt =
                        MastraJwtAuth.builder().secret(JWT_SECRET).env(Map.of()).build();
                long now = System.currentTimeMillis();
                SignedJWT token = new SignedJWT(
                        new JWSHeader(JWSAlgorithm.HS256),
                        new JWTClaimsSet.Builder()
                                .subject("user_1")
                                .issueTime(new Date(now))
                                .expirationTime(new Date(now + 600_000))
                                .build());
                token.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
                yield new Setup(ServerHarness.start(mastra, s -> s.auth(jwt)), token.serialize(), jwt);
            }
            case CLERK -> {
                LocalClerkIssuer issuer = LocalClerkIssuer.start();
                MastraAuthClerk clerk = MastraAuthClerk.builder()
                        .env(Map.of())
                        .publishableKey(issuer.publishableKey())
                        .secretKey(issuer.secretKey())
                        .jwksUri(issuer.jwksUri().toString())
                        .build();
                yield new Setup(ServerHarness.start(mastra, s -> s.auth(clerk)), issuer.token(), issuer);
            }
        };
    }

    static String hostileContext() {
        ObjectNode context = ServerHarness.JSON.createObjectNode();
        RequestContext.RESERVED_KEYS.forEach(key -> context.put(key, FORGED));
        context.put(RequestContext.USER_KEY, FORGED);
        context.put("tenant", "acme");
        return context.toString();
    }

    static HttpResponse<String> post(Setup setup, String path, String body) {
        return setup.bearer() == null
                ? setup.server().post(path, body)
                : setup.server().post(path, body, "Authorization", "Bearer " + setup.bearer());
    }

    /** What the tool saw, from each of the three ways to run it. */
    static List<JsonNode> seenByTheTool(Setup setup) {
        List<JsonNode> seen = new ArrayList<>();
        HttpResponse<String> direct = post(
                setup,
                "/api/tools/contextProbe/execute",
                "{\"data\":{\"note\":\"x\"},\"requestContext\":" + hostileContext() + "}");
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
        seen.add(json(direct));

        HttpResponse<String> generate = post(
                setup,
                "/api/agents/probeAgent/generate",
                "{\"messages\":\"Note in London\",\"requestContext\":" + hostileContext() + "}");
        assertThat(generate.statusCode()).as(generate.body()).isEqualTo(200);
        seen.add(json(generate).path("toolResults").get(0).path("result"));

        HttpResponse<String> stream = post(
                setup,
                "/api/agents/probeAgent/stream",
                "{\"messages\":\"Note in London\",\"requestContext\":" + hostileContext() + "}");
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
        JsonNode finish = StreamRouteTest.frames(stream.body()).stream()
                .filter(f -> f.startsWith("{"))
                .map(ServerHarness::json)
                .filter(f -> f.path("type").asText().equals("finish"))
                .findFirst()
                .orElseThrow();
        seen.add(
                finish.path("payload").path("output").path("toolResults").get(0).path("result"));
        return seen;
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void noReservedKeyFromTheBodyReachesATool(Provider provider) throws Exception {
        try (Setup setup = start(provider)) {
            for (JsonNode seen : seenByTheTool(setup)) {
                assertThat(seen.path("tenant").asText()).as(seen.toString()).isEqualTo("acme");
                assertThat(seen.toString()).as(provider.name()).doesNotContain(FORGED);
                for (String key : RequestContext.RESERVED_KEYS) {
                    if (provider == Provider.CLERK && key.equals(RequestContext.RESOURCE_ID_KEY)) {
                        // Clerk maps each user to a resource: the server's value, never the client's.
                        assertThat(seen.path(key).asText()).isEqualTo(LocalClerkIssuer.DEFAULT_USER);
                    } else {
                        assertThat(seen.has(key))
                                .as(provider + " " + key + " in " + seen)
                                .isFalse();
                    }
                }
                if (provider != Provider.NONE) {
                    assertThat(seen.path(RequestContext.USER_KEY).asText()).isEqualTo("(server's user)");
                } else {
                    assertThat(seen.has(RequestContext.USER_KEY)).isFalse();
                }
            }
        }
    }
}
