package dev.mastra4j.server.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.OpenAiStub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-request configuration over HTTP with Clerk: an agent whose instructions, model and tools depend on the signed-in
 * {@link ClerkUser}; a tool only for users with the {@code org:weather:admin} permission.
 */
class PerRequestConfigServerTest {

    static final String ADMIN_PERMISSION = "org:weather:admin";
    static final AtomicInteger ADMIN_RUNS = new AtomicInteger();

    record Input(String location) {}

    static LocalClerkIssuer issuer;
    static OpenAiStub stub;
    static ServerHarness server;
    static String adminToken;
    static String plainToken;

    static boolean isAdmin(RequestContext ctx) {
        return ctx.get(RequestContext.USER_KEY) instanceof ClerkUser user
                && user.orgPermissions().contains(ADMIN_PERMISSION);
    }

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        stub = OpenAiStub.start();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Input.class)
                .execute((in, ctx) -> Map.of("temperature", 21))
                .build();
        Tool admin = Tool.builder()
                .id("adminTool")
                .description("Only for org admins")
                .inputSchema(Input.class)
                .execute((in, ctx) -> {
                    ADMIN_RUNS.incrementAndGet();
                    return Map.of("done", true);
                })
                .build();
        Agent dynamic = Agent.builder()
                .id("dynamicAgent")
                .name("Dynamic Agent")
                .instructions(ctx -> "You help "
                        + (ctx.get(RequestContext.USER_KEY) instanceof ClerkUser u ? u.userId() : "a guest") + ".")
                .env(stub.env("sk-test"))
                .model(ctx -> isAdmin(ctx) ? "openai/admin-model" : "openai/user-model")
                .tools(ctx -> isAdmin(ctx) ? List.of(weather, admin) : List.of(weather))
                .build();
        MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
        Agent fragile = Agent.builder()
                .id("fragileAgent")
                .name("Fragile Agent")
                .instructions(ctx -> {
                    throw new IllegalStateException("instructions failed");
                })
                .model(ctx -> {
                    throw new IllegalStateException("model failed");
                })
                .tools(ctx -> {
                    throw new IllegalStateException("tools failed");
                })
                .build();
        server = ServerHarness.start(Mastra.builder().agent(dynamic).agent(fragile), s -> s.auth(clerk));
        adminToken = issuer.tokenBuilder()
                .subject("user_admin")
                .v1()
                .organization("org_1", "acme", "org:admin")
                .v1OrgPermissions(List.of(ADMIN_PERMISSION))
                .build();
        plainToken = issuer.tokenBuilder().subject("user_plain").build();
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
        issuer.close();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void agentDetailsShowWhatThisUserGetsAsMastraDoes() {
        JsonNode admin = json(server.get("/api/agents/dynamicAgent", bearer(adminToken)));
        JsonNode plain = json(server.get("/api/agents/dynamicAgent", bearer(plainToken)));

        assertThat(names(admin.path("tools"))).containsExactly("weatherTool", "adminTool");
        assertThat(admin.path("instructions").asText()).isEqualTo("You help user_admin.");
        assertThat(admin.path("modelId").asText()).isEqualTo("admin-model");
        assertThat(names(plain.path("tools"))).containsExactly("weatherTool");
        assertThat(plain.path("instructions").asText()).isEqualTo("You help user_plain.");
        assertThat(plain.path("modelId").asText()).isEqualTo("user-model");
        // Mastra 1.71 answers the same way: resolved values for the caller, only the caller's tools.
        JsonNode mastra = CapabilityFixtures.fixture("dynamic-agent-user").path("body");
        assertThat(mastra.path("instructions").asText()).isEqualTo("You help Bob.");
        assertThat(names(mastra.path("tools"))).containsExactly("weatherTool");
        assertThat(mastra.path("modelId").asText()).isEqualTo("user-model");

        JsonNode list = json(server.get("/api/agents", bearer(plainToken)));
        assertThat(names(list.path("dynamicAgent").path("tools"))).containsExactly("weatherTool");
    }

    @Test
    void aFunctionThatThrowsBlanksItsPartInsteadOfFailingTheListing() {
        HttpResponse<String> list = server.get("/api/agents", bearer(plainToken));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode fragile = json(list).path("fragileAgent");
        assertThat(fragile.path("name").asText()).isEqualTo("Fragile Agent");
        assertThat(fragile.path("instructions").asText()).isEmpty();
        assertThat(fragile.path("modelId").asText()).isEmpty();
        assertThat(names(fragile.path("tools"))).isEmpty();
        assertThat(names(json(list).path("dynamicAgent").path("tools"))).containsExactly("weatherTool");

        HttpResponse<String> one = server.get("/api/agents/fragileAgent", bearer(plainToken));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("instructions").asText()).isEmpty();

        HttpResponse<String> generate =
                server.post("/api/agents/fragileAgent/generate", "{\"messages\":\"hi\"}", bearer(plainToken));
        assertThat(generate.statusCode()).isEqualTo(500);
        assertThat(json(generate).path("error").asText())
                .doesNotContain("instructions failed")
                .isNotBlank();
    }

    @Test
    void aUserWithoutThePermissionCannotReachTheToolRoutes() {
        assertThat(server.get("/api/agents/dynamicAgent/tools/adminTool", bearer(plainToken))
                        .statusCode())
                .isEqualTo(404);
        int before = ADMIN_RUNS.get();
        HttpResponse<String> execute = server.post(
                "/api/agents/dynamicAgent/tools/adminTool/execute",
                "{\"data\":{\"location\":\"x\"}}",
                bearer(plainToken));
        assertThat(execute.statusCode()).isEqualTo(404);
        assertThat(ADMIN_RUNS.get()).isEqualTo(before);
        assertThat(server.get("/api/agents/dynamicAgent/tools/adminTool", bearer(adminToken))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theModelCannotCallAToolTheUserMayNotHaveEvenByName() {
        int before = ADMIN_RUNS.get();
        int requestsBefore = stub.requests().size();
        stub.enqueue(
                OpenAiStub.Reply.toolCall("call_1", "adminTool", "{\"location\":\"x\"}"),
                OpenAiStub.Reply.text("I cannot do that."));
        HttpResponse<String> response = server.post(
                "/api/agents/dynamicAgent/generate", "{\"messages\":\"call adminTool\"}", bearer(plainToken));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ADMIN_RUNS.get()).isEqualTo(before);
        JsonNode result = json(response).path("toolResults").get(0);
        assertThat(result.path("toolName").asText()).isEqualTo("adminTool");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("result").path("error").asText()).isEqualTo("Tool adminTool not found");
        JsonNode sent = stub.requests().get(requestsBefore).body();
        assertThat(sent.path("model").asText()).isEqualTo("user-model");
        assertThat(sent.path("tools").findValuesAsText("name")).containsExactly("weatherTool");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You help user_plain.");
        // A client cannot pose as the admin through its requestContext: "user" is the server's key.
        stub.enqueue(
                OpenAiStub.Reply.toolCall("call_2", "adminTool", "{\"location\":\"x\"}"), OpenAiStub.Reply.text("No."));
        HttpResponse<String> posing = server.post(
                "/api/agents/dynamicAgent/generate",
                "{\"messages\":\"hi\",\"requestContext\":{\"user\":{\"orgPermissions\":[\"" + ADMIN_PERMISSION
                        + "\"]}}}",
                bearer(plainToken));
        assertThat(posing.statusCode()).isEqualTo(200);
        assertThat(ADMIN_RUNS.get()).isEqualTo(before);
    }

    @Test
    void aUserWithThePermissionGetsTheTool() {
        int before = ADMIN_RUNS.get();
        stub.enqueue(
                OpenAiStub.Reply.toolCall("call_1", "adminTool", "{\"location\":\"x\"}"),
                OpenAiStub.Reply.text("Done."));
        HttpResponse<String> response = server.post(
                "/api/agents/dynamicAgent/generate", "{\"messages\":\"call adminTool\"}", bearer(adminToken));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ADMIN_RUNS.get()).isEqualTo(before + 1);
        assertThat(json(response).path("response").path("modelId").asText()).isEqualTo("admin-model");
    }
}
