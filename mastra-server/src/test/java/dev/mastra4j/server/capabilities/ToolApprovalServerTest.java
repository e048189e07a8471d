package dev.mastra4j.server.capabilities;

import static dev.mastra4j.server.capabilities.CapabilityFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.storage.libsql.LibSQLStore;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool approval over real HTTP, signed in as two Clerk users with real tokens, with the offline stand-in model: the
 * suspended stream and generate, approval and decline (stream and generate), the refusals (another user, twice,
 * unknown, expired, bad bodies) and a run that survives a server restart on a SQLite file. Shapes are compared with the
 * captures from Mastra 1.71 ({@code approval-*.json}).
 */
class ToolApprovalServerTest {

    record Input(String location) {}

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path dir;

    private LocalClerkIssuer issuer;
    private MutableClock clock;
    private ServerHarness server;

    @BeforeEach
    void start() {
        RUNS.set(0);
        issuer = LocalClerkIssuer.start();
        clock = MutableClock.startingNow();
        server = start(Mastra.builder());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        issuer.close();
    }

    private ServerHarness start(Mastra.Builder builder) {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(Input.class)
                .execute((in, ctx) -> {
                    RUNS.incrementAndGet();
                    return Map.of("location", in.location(), "temperature", 21, "conditions", "Sunny");
                })
                .build();
        Tool approval = Tool.builder()
                .id("approvalTool")
                .description("Books a table; needs a person's yes")
                .inputSchema(Input.class)
                .requireApproval(true)
                .execute((in, ctx) -> {
                    RUNS.incrementAndGet();
                    return Map.of("booked", in.location());
                })
                .build();
        Agent weatherAgent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather.")
                .model("offline/stand-in")
                .tools(weather)
                .build();
        Agent bookingAgent = Agent.builder()
                .id("bookingAgent")
                .name("Booking Agent")
                .model("offline/stand-in")
                .tools(approval)
                .build();
        MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
        return ServerHarness.start(
                builder.agent(weatherAgent).agent(bookingAgent).clock(clock).approvalTimeout(Duration.ofMinutes(10)),
                s -> s.auth(clerk));
    }

    private String[] as(String user) {
        return new String[] {"Authorization", "Bearer " + issuer.token(user), "Content-Type", "application/json"};
    }

    private HttpResponse<String> post(String user, String path, String body) {
        return server.post(path, body, as(user));
    }

    private static final String ASK =
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in London\"}],\"requireToolApproval\":true}";

    private static String decision(String runId, String toolCallId) {
        return "{\"runId\":\"" + runId + "\",\"toolCallId\":\"" + toolCallId + "\"}";
    }

    private static List<JsonNode> frames(HttpResponse<String> response) {
        List<JsonNode> frames = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            block = block.strip();
            if (block.startsWith("data: ") && !block.equals("data: [DONE]")) {
                frames.add(ServerHarness.json(block.substring(6)));
            }
        }
        return frames;
    }

    /** The chunk types in order, a run of text deltas as one (the stand-in model streams word by word). */
    private static List<String> types(List<JsonNode> frames) {
        List<String> types = new ArrayList<>();
        for (JsonNode frame : frames) {
            String type = frame.path("type").asText();
            if (!(type.equals("text-delta")
                    && !types.isEmpty()
                    && types.getLast().equals(type))) {
                types.add(type);
            }
        }
        return types;
    }

    private static List<String> types(JsonNode chunks) {
        List<JsonNode> frames = new ArrayList<>();
        chunks.forEach(frames::add);
        return types(frames);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    /** A suspended generate as alice: its body. */
    private JsonNode suspend(String user) {
        HttpResponse<String> response = post(user, "/api/agents/weatherAgent/generate", ASK);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerHarness.json(response);
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(ServerHarness.json(response).path("error").isTextual()).isTrue();
    }

    @Test
    void theStreamEndsWithMastrasApprovalChunkAndTheOwnersApprovalStreamsTheRest() {
        HttpResponse<String> first = post("user_alice", "/api/agents/weatherAgent/stream", ASK);

        assertThat(first.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = frames(first);
        JsonNode mastra = fixture("approval-stream");
        assertThat(types(chunks)).isEqualTo(types(mastra.path("chunks")));
        JsonNode approval = chunks.getLast();
        JsonNode theirs = mastra.path("chunks").get(3);
        assertThat(fieldNames(approval)).isEqualTo(fieldNames(theirs));
        assertThat(fieldNames(approval.path("payload"))).isEqualTo(fieldNames(theirs.path("payload")));
        assertThat(approval.path("payload").path("resumeSchema").asText())
                .isEqualTo(theirs.path("payload").path("resumeSchema").asText());
        assertThat(approval.path("payload").path("args"))
                .isEqualTo(theirs.path("payload").path("args"));
        assertThat(approval.path("from").asText()).isEqualTo("AGENT");
        String runId = chunks.getFirst().path("runId").asText();
        assertThat(approval.path("runId").asText()).isEqualTo(runId);
        assertThat(RUNS).hasValue(0);

        HttpResponse<String> approved = post(
                "user_alice",
                "/api/agents/weatherAgent/approve-tool-call",
                decision(runId, approval.path("payload").path("toolCallId").asText()));

        assertThat(approved.statusCode()).isEqualTo(200);
        List<JsonNode> rest = frames(approved);
        assertThat(types(rest))
                .isEqualTo(types(fixture("approval-approve-other-user").path("chunks")));
        assertThat(rest.getFirst()
                        .path("payload")
                        .path("result")
                        .path("temperature")
                        .asInt())
                .isEqualTo(21);
        assertThat(rest).allSatisfy(f -> assertThat(f.path("runId").asText()).isEqualTo(runId));
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void aToolBuiltWithRequireApprovalSuspendsWithoutTheOption() {
        HttpResponse<String> first = post(
                "user_alice",
                "/api/agents/bookingAgent/stream",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Book in London\"}]}");

        List<JsonNode> chunks = frames(first);
        assertThat(types(chunks))
                .isEqualTo(types(fixture("approval-stream-tool-flag").path("chunks")));
        assertThat(chunks.getLast().path("payload").path("toolName").asText()).isEqualTo("approvalTool");
        assertThat(RUNS).hasValue(0);
    }

    @Test
    void generateSuspendsWithMastrasFieldsAndTheOwnerApprovesIt() {
        JsonNode suspended = suspend("user_alice");

        JsonNode mastra = fixture("approval-generate").path("body");
        assertThat(suspended.path("finishReason").asText()).isEqualTo("suspended");
        assertThat(suspended.path("resumeSchema").asText())
                .isEqualTo(mastra.path("resumeSchema").asText());
        assertThat(fieldNames(suspended.path("suspendPayload"))).isEqualTo(fieldNames(mastra.path("suspendPayload")));
        assertThat(suspended.path("suspendPayload").path("toolName").asText()).isEqualTo("weatherTool");
        assertThat(suspended.path("runId").asText()).isNotBlank();
        assertThat(RUNS).hasValue(0);

        HttpResponse<String> done = post(
                "user_alice",
                "/api/agents/weatherAgent/approve-tool-call-generate",
                decision(
                        suspended.path("runId").asText(),
                        suspended.path("suspendPayload").path("toolCallId").asText()));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode body = ServerHarness.json(done);
        JsonNode theirs = fixture("approval-approve-generate").path("body");
        assertThat(body.path("finishReason").asText())
                .isEqualTo(theirs.path("finishReason").asText());
        assertThat(body.path("steps").size()).isEqualTo(theirs.path("steps").size());
        assertThat(body.path("steps")
                        .get(0)
                        .path("toolResults")
                        .get(0)
                        .path("payload")
                        .path("result")
                        .path("temperature")
                        .asInt())
                .isEqualTo(21);
        assertThat(body.path("runId").asText())
                .isEqualTo(suspended.path("runId").asText());
        assertThat(body.has("suspendPayload")).isFalse();
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void anotherUserIsRefusedAndTheRunStaysApprovableByItsOwner() {
        JsonNode suspended = suspend("user_alice");
        String body = decision(
                suspended.path("runId").asText(),
                suspended.path("suspendPayload").path("toolCallId").asText());

        assertError(post("user_bob", "/api/agents/weatherAgent/approve-tool-call", body), 403);
        assertError(post("user_bob", "/api/agents/weatherAgent/decline-tool-call-generate", body), 403);
        assertError(post("user_bob", "/api/agents/weatherAgent/approve-tool-call-generate", body), 403);
        assertThat(RUNS).hasValue(0);

        HttpResponse<String> owner = post("user_alice", "/api/agents/weatherAgent/approve-tool-call-generate", body);
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.json(owner).path("finishReason").asText()).isEqualTo("stop");
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void approvingTwiceUnknownRunsWrongCallsAndExpiredRunsGetTheirStatus() {
        JsonNode suspended = suspend("user_alice");
        String runId = suspended.path("runId").asText();
        String call = suspended.path("suspendPayload").path("toolCallId").asText();

        HttpResponse<String> unknown =
                post("user_alice", "/api/agents/weatherAgent/approve-tool-call", decision("no-such-run", call));
        assertError(unknown, 404);
        assertThat(ServerHarness.json(unknown).path("error").asText())
                .isEqualTo(fixture("approval-approve-unknown")
                        .path("body")
                        .path("error")
                        .asText());
        assertError(post("user_alice", "/api/agents/weatherAgent/approve-tool-call", decision(runId, "call-x")), 400);
        assertError(post("user_alice", "/api/agents/bookingAgent/approve-tool-call", decision(runId, call)), 404);

        assertThat(post("user_alice", "/api/agents/weatherAgent/approve-tool-call", decision(runId, call))
                        .statusCode())
                .isEqualTo(200);
        assertError(post("user_alice", "/api/agents/weatherAgent/approve-tool-call", decision(runId, call)), 409);
        assertError(
                post("user_alice", "/api/agents/weatherAgent/decline-tool-call-generate", decision(runId, call)), 409);
        assertThat(RUNS).hasValue(1);

        JsonNode late = suspend("user_alice");
        clock.advance(Duration.ofMinutes(11));
        assertError(
                post(
                        "user_alice",
                        "/api/agents/weatherAgent/approve-tool-call-generate",
                        decision(
                                late.path("runId").asText(),
                                late.path("suspendPayload").path("toolCallId").asText())),
                410);
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void declineStreamsMastrasDeniedChunkAndTheModelAnswersWithoutTheTool() {
        JsonNode suspended = suspend("user_alice");

        HttpResponse<String> declined = post(
                "user_alice",
                "/api/agents/weatherAgent/decline-tool-call",
                decision(
                        suspended.path("runId").asText(),
                        suspended.path("suspendPayload").path("toolCallId").asText()));

        assertThat(declined.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = frames(declined);
        JsonNode mastra = fixture("approval-decline").path("chunks");
        assertThat(types(chunks)).isEqualTo(types(mastra));
        JsonNode denied = chunks.getFirst();
        assertThat(fieldNames(denied.path("payload")))
                .isEqualTo(fieldNames(mastra.get(0).path("payload")));
        JsonNode theirApproval = mastra.get(0).path("payload").path("approval");
        assertThat(fieldNames(denied.path("payload").path("approval"))).isEqualTo(fieldNames(theirApproval));
        assertThat(denied.path("payload").path("approval").path("approved")).isEqualTo(theirApproval.path("approved"));
        assertThat(denied.path("payload").path("approval").path("reason")).isEqualTo(theirApproval.path("reason"));
        assertThat(denied.path("payload").path("approval").path("id").asText())
                .isEqualTo(denied.path("payload").path("toolCallId").asText());
        assertThat(chunks.getLast().path("payload").path("output").path("text").asText())
                .contains("not approved");
        assertThat(RUNS).hasValue(0);
    }

    @Test
    void declineGenerateAnswersGenerateShaped() {
        JsonNode suspended = suspend("user_alice");

        HttpResponse<String> declined = post(
                "user_alice",
                "/api/agents/weatherAgent/decline-tool-call-generate",
                decision(
                        suspended.path("runId").asText(),
                        suspended.path("suspendPayload").path("toolCallId").asText()));

        assertThat(declined.statusCode()).isEqualTo(200);
        JsonNode body = ServerHarness.json(declined);
        assertThat(body.path("finishReason").asText()).isEqualTo("stop");
        assertThat(body.path("text").asText()).contains("not approved");
        assertThat(RUNS).hasValue(0);
    }

    @Test
    void badBodiesAndMissingTokensAreRefusedAsJson() {
        String path = "/api/agents/weatherAgent/approve-tool-call";
        assertError(post("user_alice", path, "[1,2]"), 400);
        assertError(post("user_alice", path, "{\"runId\":\"r\"}"), 400);
        assertError(post("user_alice", path, "{\"runId\":7,\"toolCallId\":\"c\"}"), 400);
        assertError(post("user_alice", path, "{not json"), 400);
        assertError(post("user_alice", "/api/agents/nobody/approve-tool-call", decision("r", "c")), 404);
        assertError(
                post(
                        "user_alice",
                        "/api/agents/weatherAgent/generate",
                        "{\"messages\":\"hi\",\"requireToolApproval\":\"yes\"}"),
                400);
        assertError(server.post(path, decision("r", "c"), "Content-Type", "application/json"), 401);
    }

    @Test
    void aSuspendedRunSurvivesARestartOnASqliteFile() {
        server.close();
        String url = "file:" + dir.resolve("mastra.db");
        LibSQLStore first = LibSQLStore.builder().url(url).build();
        server = start(Mastra.builder().storage(first));
        JsonNode suspended = suspend("user_alice");
        server.close();
        first.close();

        try (LibSQLStore second = LibSQLStore.builder().url(url).build()) {
            server = start(Mastra.builder().storage(second));
            String body = decision(
                    suspended.path("runId").asText(),
                    suspended.path("suspendPayload").path("toolCallId").asText());
            assertError(post("user_bob", "/api/agents/weatherAgent/approve-tool-call", body), 403);

            HttpResponse<String> approved = post("user_alice", "/api/agents/weatherAgent/approve-tool-call", body);

            assertThat(approved.statusCode()).isEqualTo(200);
            assertThat(types(frames(approved))).startsWith("tool-result").endsWith("finish");
            assertThat(RUNS).hasValue(1);
            assertError(post("user_alice", "/api/agents/weatherAgent/approve-tool-call", body), 409);
            server.close();
            server = null;
        }
    }

    @Test
    void theOpenApiDocumentListsTheApprovalRoutes() {
        JsonNode doc = ServerHarness.json(server.get("/api/openapi.json", as("user_alice")));
        for (String route : List.of(
                "approve-tool-call", "decline-tool-call", "approve-tool-call-generate", "decline-tool-call-generate")) {
            JsonNode op =
                    doc.path("paths").path("/api/agents/{agentId}/" + route).path("post");
            assertThat(op.isObject()).as(route).isTrue();
            assertThat(op.path("requestBody").toString()).contains("ToolApprovalRequest");
            assertThat(op.path("responses").has("409")).isTrue();
            assertThat(op.path("responses").has("410")).isTrue();
        }
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("ToolApprovalRequest")
                        .path("required"))
                .isEqualTo(Json.MAPPER.createArrayNode().add("runId").add("toolCallId"));
    }
}
