package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.MastraFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route of the API over real HTTP, with the offline stand-in model and real tools. */
class ApiRoutesTest {

    record WeatherInput(String location) {}

    record Weather(String location, int temperature, String conditions) {}

    record Note(String note) {}

    static final AtomicInteger WEATHER_CALLS = new AtomicInteger();
    static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    WEATHER_CALLS.incrementAndGet();
                    return new Weather(input.location(), 21, "Sunny");
                })
                .build();
        Tool whoAmI = Tool.builder()
                .id("whoAmI")
                .description("Echoes what the tool can see")
                .inputSchema(Note.class)
                .execute((input, ctx) -> Map.of(
                        "agentId",
                        String.valueOf(ctx.agentId()),
                        "context",
                        ctx.requestContext().asMap(),
                        "note",
                        input.note()))
                .build();
        Tool standalone = Tool.builder()
                .id("standaloneTool")
                .description("Registered on Mastra only")
                .execute((input, ctx) -> Map.of("got", input))
                .build();
        Agent weatherAgent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather in one short sentence.")
                .model("offline/stand-in")
                .tools(weather)
                .build();
        Agent helper = Agent.builder()
                .id("helperAgent")
                .name("Helper")
                .description("Says things back")
                .model("offline/echo")
                .tools(whoAmI)
                .build();
        Agent echo = Agent.builder().id("echoAgent").model("offline/echo").build();
        server = ServerHarness.start(
                Mastra.builder().agent(weatherAgent).agent(helper).agent(echo).tool(standalone));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsSuccessWithARequestId() {
        HttpResponse<String> response = server.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(json("{\"success\":true}"));
        assertThat(header(response, "X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(header(server.get("/health"), "X-Request-Id")).isNotEqualTo(header(response, "X-Request-Id"));
    }

    @Test
    void apiRootIsAPlainTextGreeting() {
        HttpResponse<String> response = server.get("/api");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("text/plain");
        assertThat(response.body()).isEqualTo("Hello to the Mastra API!");
    }

    @Test
    void listAgentsIsKeyedByIdWithMastrasFields() throws IOException {
        HttpResponse<String> response = server.get("/api/agents");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("weatherAgent", "helperAgent", "echoAgent");
        JsonNode agent = body.get("weatherAgent");
        assertThat(agent.path("id").asText()).isEqualTo("weatherAgent");
        assertThat(agent.path("name").asText()).isEqualTo("Weather Agent");
        assertThat(agent.path("instructions").asText()).startsWith("You answer questions");
        assertThat(agent.path("provider").asText()).isEqualTo("offline");
        assertThat(agent.path("modelId").asText()).isEqualTo("stand-in");
        JsonNode tool = agent.path("tools").path("weatherTool");
        assertThat(tool.path("id").asText()).isEqualTo("weatherTool");
        assertThat(tool.path("description").asText()).isEqualTo("Current weather for a city");
        assertThat(tool.path("inputSchema").path("properties").has("location")).isTrue();
        // Every field of the agent captured from Mastra 1.71 is present with the same JSON type.
        JsonNode fixture = fixture("mastra-1.71-list-agents.json").get("weatherAgent");
        for (Map.Entry<String, JsonNode> field : fixture.properties()) {
            assertThat(agent.has(field.getKey())).as(field.getKey()).isTrue();
            assertThat(agent.get(field.getKey()).getNodeType())
                    .as(field.getKey())
                    .isEqualTo(field.getValue().getNodeType());
        }
    }

    @Test
    void getOneAgentAndUnknownAgent() {
        HttpResponse<String> response = server.get("/api/agents/helperAgent");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("description").asText()).isEqualTo("Says things back");
        assertThat(json(response).path("tools").has("whoAmI")).isTrue();

        HttpResponse<String> missing = server.get("/api/agents/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing)).isEqualTo(json("{\"error\":\"Agent with id nope not found\"}"));
    }

    @Test
    void generateRunsTheToolLoopAndAnswersInMastrasShape() throws IOException {
        int before = WEATHER_CALLS.get();
        HttpResponse<String> response =
                server.post("/api/agents/weatherAgent/generate", "{\"messages\":\"Weather in London\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(WEATHER_CALLS.get()).isEqualTo(before + 1);
        assertThat(body.path("text").asText()).contains("weatherTool returned").contains("London");
        assertThat(body.path("finishReason").asText()).isEqualTo("stop");
        assertThat(body.path("toolCalls").get(0).path("toolName").asText()).isEqualTo("weatherTool");
        assertThat(body.path("toolCalls").get(0).path("args").path("location").asText())
                .isEqualTo("London");
        assertThat(body.path("toolResults")
                        .get(0)
                        .path("result")
                        .path("temperature")
                        .asInt())
                .isEqualTo(21);
        assertThat(body.path("steps")).hasSize(2);
        assertThat(body.path("usage").path("totalTokens").asLong())
                .isEqualTo(body.path("usage").path("inputTokens").asLong()
                        + body.path("usage").path("outputTokens").asLong())
                .isPositive();
        assertThat(body.path("response").path("modelId").asText()).isEqualTo("stand-in");
        assertThat(body.path("response").path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // The documented fields of the captured Mastra response exist with the same types.
        JsonNode fixture = fixture("mastra-1.71-generate-response.json");
        for (String field : List.of("text", "finishReason", "usage", "toolCalls", "toolResults", "steps", "response")) {
            assertThat(body.get(field).getNodeType())
                    .as(field)
                    .isEqualTo(fixture.get(field).getNodeType());
        }
        for (String field : List.of("inputTokens", "outputTokens", "totalTokens")) {
            assertThat(body.path("usage").has(field)).as(field).isTrue();
        }
        for (String field : List.of("id", "modelId", "timestamp")) {
            assertThat(body.path("response").has(field)).as(field).isTrue();
        }
    }

    @Test
    void generateAcceptsTheThreeMessageForms() {
        String asString = generateText("{\"messages\":\"only one\"}");
        assertThat(asString).contains("You said: only one");

        String asStrings = generateText("{\"messages\":[\"first\",\"second\"]}");
        assertThat(asStrings).contains("second");

        String asObjects = generateText("{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"hello objects\"}]}");
        assertThat(asObjects).contains("hello objects");

        String asParts = generateText(
                "{\"messages\":[{\"role\":\"user\",\"content\":" + "[{\"type\":\"text\",\"text\":\"hello parts\"}]}]}");
        assertThat(asParts).contains("hello parts");
    }

    private String generateText(String body) {
        HttpResponse<String> response = server.post("/api/agents/echoAgent/generate", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("text").asText();
    }

    @Test
    void listAndGetTools() {
        HttpResponse<String> response = server.get("/api/tools");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fieldNames(json(response))).containsExactlyInAnyOrder("standaloneTool", "weatherTool", "whoAmI");

        JsonNode tool = json(server.get("/api/tools/weatherTool"));
        assertThat(tool.path("id").asText()).isEqualTo("weatherTool");
        assertThat(tool.path("inputSchema").path("type").asText()).isEqualTo("object");

        HttpResponse<String> missing = server.get("/api/tools/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing)).isEqualTo(json("{\"error\":\"Tool with id nope not found\"}"));
    }

    @Test
    void executeToolValidatesDataAgainstTheSchema() {
        int before = WEATHER_CALLS.get();
        HttpResponse<String> ok = server.post("/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Paris\"}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok)).isEqualTo(json("{\"location\":\"Paris\",\"temperature\":21,\"conditions\":\"Sunny\"}"));

        // Input that fails the schema is, as in Mastra, a result with error set; the tool does not run.
        HttpResponse<String> wrongType = server.post("/api/tools/weatherTool/execute", "{\"data\":{\"location\":5}}");
        assertThat(wrongType.statusCode()).isEqualTo(200);
        assertThat(json(wrongType).path("error").asBoolean()).isTrue();
        assertThat(json(wrongType).path("validationErrors").path("fields").has("location"))
                .isTrue();

        HttpResponse<String> noData = server.post("/api/tools/weatherTool/execute", "{}");
        assertThat(noData.statusCode()).isEqualTo(400);
        assertThat(json(noData).path("issues").get(0))
                .isEqualTo(json("{\"field\":\"data\",\"message\":\"data is required\"}"));

        HttpResponse<String> badContext = server.post(
                "/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Rome\"},\"requestContext\":[1]}");
        assertThat(badContext.statusCode()).isEqualTo(400);
        assertThat(json(badContext).path("issues").get(0).path("field").asText())
                .isEqualTo("requestContext");
        // Only the valid call ran the tool.
        assertThat(WEATHER_CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void agentToolRoutesAreLimitedToThatAgent() {
        HttpResponse<String> tool = server.get("/api/agents/weatherAgent/tools/weatherTool");
        assertThat(tool.statusCode()).isEqualTo(200);
        assertThat(json(tool).path("id").asText()).isEqualTo("weatherTool");

        HttpResponse<String> other = server.get("/api/agents/helperAgent/tools/weatherTool");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).path("error").asText()).isEqualTo("Tool with id weatherTool not found");
        assertThat(server.get("/api/agents/nope/tools/weatherTool").statusCode())
                .isEqualTo(404);

        HttpResponse<String> run = server.post(
                "/api/agents/helperAgent/tools/whoAmI/execute",
                "{\"data\":{\"note\":\"hi\"},\"requestContext\":{\"tenant\":\"acme\",\"user\":\"mallory\"}}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode body = json(run);
        assertThat(body.path("agentId").asText()).isEqualTo("helperAgent");
        assertThat(body.path("note").asText()).isEqualTo("hi");
        assertThat(body.path("context").path("tenant").asText()).isEqualTo("acme");
        // A client cannot claim a user.
        assertThat(body.path("context").has("user")).isFalse();
        assertThat(server.post(
                                "/api/agents/helperAgent/tools/weatherTool/execute",
                                "{\"data\":{\"location\":\"Oslo\"}}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void openApiDescribesEveryRoute() {
        HttpResponse<String> response = server.get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        Set<String> operations = new HashSet<>();
        doc.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations)
                .containsExactlyInAnyOrder(
                        "GET /health",
                        "GET /health/ready",
                        "GET /api",
                        "GET /api/agents",
                        "GET /api/agents/{agentId}",
                        "POST /api/agents/{agentId}/generate",
                        "POST /api/agents/{agentId}/approve-tool-call",
                        "POST /api/agents/{agentId}/decline-tool-call",
                        "POST /api/agents/{agentId}/approve-tool-call-generate",
                        "POST /api/agents/{agentId}/decline-tool-call-generate",
                        "POST /api/agents/{agentId}/stream",
                        "GET /api/agents/{agentId}/tools/{toolId}",
                        "POST /api/agents/{agentId}/tools/{toolId}/execute",
                        "GET /api/tools",
                        "GET /api/tools/{toolId}",
                        "POST /api/tools/{toolId}/execute",
                        "GET /api/openapi.json",
                        "GET /api/auth/me",
                        "GET /api/auth/capabilities",
                        "GET /api/memory/status",
                        "GET /api/memory/config",
                        "GET /api/memory/threads",
                        "POST /api/memory/threads",
                        "GET /api/memory/threads/{threadId}",
                        "PATCH /api/memory/threads/{threadId}",
                        "DELETE /api/memory/threads/{threadId}",
                        "GET /api/memory/threads/{threadId}/messages",
                        "GET /api/memory/threads/{threadId}/working-memory",
                        "POST /api/memory/threads/{threadId}/working-memory",
                        "POST /api/memory/threads/{threadId}/clone",
                        "POST /api/memory/save-messages",
                        "POST /api/memory/messages/delete");
        JsonNode generate =
                doc.path("paths").path("/api/agents/{agentId}/generate").path("post");
        assertThat(generate.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/AgentRequest");
        assertThat(generate.path("responses").has("400")).isTrue();
        assertThat(generate.path("parameters").get(0).path("name").asText()).isEqualTo("agentId");
        // Every $ref points at a schema that exists.
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs)
                .isNotEmpty()
                .allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode())
                        .as(ref)
                        .isFalse());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode fixture(String name) throws IOException {
        return ServerHarness.JSON.readTree(MastraFixtures.text(name));
    }
}
