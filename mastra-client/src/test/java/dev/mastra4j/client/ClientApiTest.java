package dev.mastra4j.client;

import static dev.mastra4j.client.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientApiTest {

    private static final String GENERATE = StubServer.resource("mastra-1.71-generate-response.json");
    private static final String AGENTS = StubServer.resource("mastra-1.71-list-agents.json");

    @Test
    void listAgentsReadsMastrasOwnResponse() {
        try (StubServer server = StubServer.start().then(json(200, AGENTS));
                MastraClient client = server.client().build()) {
            Map<String, AgentInfo> agents = client.listAgents();

            assertThat(agents).containsOnlyKeys("weatherAgent");
            AgentInfo agent = agents.get("weatherAgent");
            assertThat(agent.id()).isEqualTo("weatherAgent");
            assertThat(agent.name()).isEqualTo("Weather Agent");
            assertThat(agent.description()).isEmpty();
            assertThat(agent.instructions()).isEqualTo("You answer questions about the weather in one short sentence.");
            assertThat(agent.provider()).isEqualTo("harness");
            assertThat(agent.modelId()).isEqualTo("fixed-reply");
            assertThat(agent.tools()).isEmpty();
            assertThat(agent.raw().path("modelVersion").asText()).isEqualTo("v2");
            assertThat(server.received().get(0).method()).isEqualTo("GET");
            assertThat(server.received().get(0).path()).isEqualTo("/api/agents");
        }
    }

    @Test
    void detailsReadToolsWithSchemasAsTextOrAsObjects() {
        String body = """
                {"name":"Weather Agent","instructions":[{"role":"system","content":"Be brief."},"Use tools."],
                 "provider":"openai","modelId":"gpt-4o-mini",
                 "tools":{
                   "weather":{"id":"weather","description":"Current weather",
                              "inputSchema":"{\\"type\\":\\"object\\",\\"required\\":[\\"city\\"]}"},
                   "clock":{"id":"clock","description":"Time","inputSchema":{"type":"object"},
                            "outputSchema":{"type":"string"}}}}
                """;
        try (StubServer server = StubServer.start().then(json(200, body));
                MastraClient client = server.client().build()) {
            AgentInfo agent = client.getAgent("weatherAgent").details();

            assertThat(agent.id()).as("falls back to the requested id").isEqualTo("weatherAgent");
            assertThat(agent.instructions()).isEqualTo("Be brief.\nUse tools.");
            assertThat(agent.tools()).containsOnlyKeys("weather", "clock");
            ToolInfo weather = agent.tools().get("weather");
            assertThat(weather.inputSchema().path("required").get(0).asText()).isEqualTo("city");
            assertThat(weather.outputSchema()).isNull();
            assertThat(agent.tools().get("clock").outputSchema().path("type").asText())
                    .isEqualTo("string");
            assertThat(server.received().get(0).path()).isEqualTo("/api/agents/weatherAgent");
        }
    }

    @Test
    void generateReadsMastrasOwnResponse() {
        try (StubServer server = StubServer.start().then(json(200, GENERATE));
                MastraClient client = server.client().build()) {
            GenerateResponse response = client.getAgent("weatherAgent").generate("Weather in London");

            assertThat(response.text()).startsWith("Sunny, 21 C");
            assertThat(response.finishReason()).isEqualTo("stop");
            assertThat(response.usage()).isEqualTo(new Usage(8, 16, 24));
            assertThat(response.toolCalls()).isEmpty();
            assertThat(response.steps()).hasSize(1);
            assertThat(response.steps().get(0).finishReason()).isEqualTo("stop");
            assertThat(response.steps().get(0).usage().totalTokens()).isEqualTo(24);
            assertThat(response.raw().path("runId").asText()).isEqualTo("57f4ea2d-381f-4d70-84bb-704de4c2046d");

            StubServer.Received request = server.received().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/agents/weatherAgent/generate");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(tree(request.body())).isEqualTo(tree("{\"messages\":\"Weather in London\"}"));
        }
    }

    @Test
    void generateReadsToolCallsInFlatAndChunkShape() {
        String body = """
                {"text":"It is sunny.","finishReason":"stop","usage":{"inputTokens":3},
                 "toolCalls":[{"type":"tool-call","payload":{"toolCallId":"c1","toolName":"weather",
                                "args":{"city":"London"}}}],
                 "toolResults":[{"toolCallId":"c1","toolName":"weather","args":{"city":"London"},
                                 "result":{"temperature":21}}]}
                """;
        try (StubServer server = StubServer.start().then(json(200, body));
                MastraClient client = server.client().build()) {
            GenerateResponse response = client.getAgent("a").generate("hi");

            assertThat(response.toolCalls()).singleElement().satisfies(call -> {
                assertThat(call.toolCallId()).isEqualTo("c1");
                assertThat(call.toolName()).isEqualTo("weather");
                assertThat(call.args().path("city").asText()).isEqualTo("London");
            });
            assertThat(response.toolResults())
                    .singleElement()
                    .satisfies(result -> assertThat(
                                    result.result().path("temperature").asInt())
                            .isEqualTo(21));
            assertThat(response.usage()).isEqualTo(new Usage(3, 0, 0));
            assertThat(response.steps()).isEmpty();
        }
    }

    @Test
    void generateSendsConversationAndOptionsWithMastrasFieldNames() {
        try (StubServer server = StubServer.start().then(json(200, "{\"text\":\"ok\"}"));
                MastraClient client = server.client().build()) {
            GenerateOptions options = GenerateOptions.builder()
                    .instructions("Answer in French.")
                    .maxSteps(3)
                    .requestContext("units", "metric")
                    .requestContext("tries", 2)
                    .memory("thread-1", "user-1")
                    .modelSettings(ModelSettings.builder()
                            .temperature(0.2)
                            .maxOutputTokens(100)
                            .topP(0.9)
                            .build())
                    .toolChoice(ToolChoice.tool("weather"))
                    .activeTools("weather", "clock")
                    .build();
            client.getAgent("a")
                    .generate(
                            List.of(
                                    ClientMessage.system("Be terse."),
                                    ClientMessage.user("Hi"),
                                    ClientMessage.assistant("Hello"),
                                    ClientMessage.user("Weather?")),
                            options);

            assertThat(tree(server.received().get(0).body())).isEqualTo(tree("""
                    {"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"},
                                 {"role":"assistant","content":"Hello"},{"role":"user","content":"Weather?"}],
                     "instructions":"Answer in French.","maxSteps":3,
                     "requestContext":{"units":"metric","tries":2},
                     "memory":{"thread":"thread-1","resource":"user-1"},
                     "modelSettings":{"temperature":0.2,"maxOutputTokens":100,"topP":0.9},
                     "toolChoice":{"type":"tool","toolName":"weather"},
                     "activeTools":["weather","clock"]}
                    """));
        }
    }

    @Test
    void simpleToolChoicesAreStrings() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{\"text\":\"ok\"}"));
                MastraClient client = server.client().build()) {
            for (ToolChoice choice : List.of(ToolChoice.auto(), ToolChoice.none(), ToolChoice.required())) {
                client.getAgent("a")
                        .generate(
                                "hi",
                                GenerateOptions.builder().toolChoice(choice).build());
            }
            assertThat(server.received())
                    .extracting(r -> tree(r.body()).path("toolChoice").asText())
                    .containsExactly("auto", "none", "required");
        }
    }

    @Test
    void configuredHeadersAndTokenAreSentOnEveryRequest() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{}"));
                MastraClient client = server.client()
                        .header("X-Tenant", "acme")
                        .headers(Map.of("X-Trace", "t-1"))
                        .tokenSupplier(() -> "session-token")
                        .build()) {
            client.listAgents();
            client.listTools();

            assertThat(server.received()).hasSize(2).allSatisfy(r -> {
                assertThat(r.header("X-Tenant")).isEqualTo("acme");
                assertThat(r.header("X-Trace")).isEqualTo("t-1");
                assertThat(r.header("Authorization")).isEqualTo("Bearer session-token");
            });
        }
    }

    @Test
    void aNullTokenSendsNoAuthorizationHeader() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{}"));
                MastraClient client = server.client().tokenSupplier(() -> null).build()) {
            client.listAgents();
            assertThat(server.received().get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void aFailingTokenSupplierFailsTheCallWithoutSendingIt() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{}"));
                MastraClient client = server.client()
                        .tokenSupplier(() -> {
                            throw new IllegalStateException("session signed out");
                        })
                        .build()) {
            assertThatThrownBy(client::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                assertThat(e.status()).isEqualTo(MastraClientException.NO_RESPONSE);
                assertThat(e.getCause()).hasMessage("session signed out");
            });
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aToolValidationErrorIsAResultNotAnException() {
        String body = "{\"error\":true,\"message\":\"Tool input validation failed for weather. Please fix the "
                + "following errors and try again:\\n- city: Invalid input: expected string, received number\","
                + "\"validationErrors\":{\"errors\":[],\"fields\":{\"city\":{\"errors\":[\"Invalid input\"],"
                + "\"fields\":{}}}}}";
        try (StubServer server = StubServer.start().then(json(200, body)).then(json(200, "{\"error\":true}"));
                MastraClient client = server.client().build()) {
            JsonNode result = client.getTool("weather").execute(Map.of("city", 5));
            assertThat(ToolClient.isValidationError(result)).isTrue();
            assertThat(result.path("validationErrors").path("fields").has("city"))
                    .isTrue();
            // A tool whose own output happens to have error: true is not a validation error.
            assertThat(ToolClient.isValidationError(client.getTool("weather").execute(Map.of("city", "x"))))
                    .isFalse();
        }
    }

    @Test
    void badRequestCarriesIssues() {
        String body =
                "{\"error\":\"Invalid request body\",\"issues\":[{\"field\":\"messages\",\"message\":\"Required\"},"
                        + "{\"path\":[\"data\",\"city\"],\"message\":\"Expected string\"}]}";
        try (StubServer server = StubServer.start().then(json(400, body));
                MastraClient client = server.client().build()) {
            assertThatThrownBy(() -> client.getTool("weather").execute(Map.of("city", 5)))
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error()).isEqualTo("Invalid request body");
                        assertThat(e.issues())
                                .containsExactly(
                                        new Issue("messages", "Required"), new Issue("data.city", "Expected string"));
                        assertThat(e.getMessage()).contains("data.city: Expected string");
                    });
        }
    }

    @Test
    void notFoundNamesTheCall() {
        try (StubServer server = StubServer.start().then(json(404, "{\"error\":\"Agent with id nope not found\"}"));
                MastraClient client = server.client().build()) {
            assertThatThrownBy(() -> client.getAgent("nope").details())
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage())
                                .isEqualTo("GET /api/agents/nope failed with status 404: Agent with id nope not found");
                    });
        }
    }

    @Test
    void aNonJsonErrorBodyIsQuotedShortly() {
        String html = "<html><body>Bad gateway" + "!".repeat(1000) + "</body></html>";
        try (StubServer server = StubServer.start().otherwise(json(502, html));
                MastraClient client = server.client().retries(0).build()) {
            assertThatThrownBy(client::listTools).isInstanceOfSatisfying(MastraClientException.class, e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.error()).isNull();
                assertThat(e.getMessage()).contains("<html><body>Bad gateway").hasSizeLessThan(400);
            });
        }
    }

    @Test
    void tokensEchoedByTheServerAreRedacted() {
        try (StubServer server = StubServer.start().otherwise(exchange -> {
                    String token = exchange.getRequestHeaders()
                            .getFirst("Authorization")
                            .substring("Bearer ".length());
                    String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
                    json(
                                    401,
                                    "{\"error\":\"bad token " + token + " and key " + key
                                            + "\",\"reason\":\"token-invalid\"}")
                            .handle(exchange);
                });
                MastraClient client = server.client()
                        .tokenSupplier(() -> "eyJhbGciOi.secret-payload.sig")
                        .header("X-Api-Key", "sk_test_static")
                        .build()) {
            assertThatThrownBy(client::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                assertThat(e.getMessage())
                        .doesNotContain("secret-payload", "sk_test_static")
                        .contains("[redacted]");
                assertThat(e.error()).doesNotContain("secret-payload", "sk_test_static");
            });
        }
    }

    @Test
    void toolsListDetailsAndExecute() {
        String tools = "{\"weather\":{\"id\":\"weather\",\"description\":\"Current weather\","
                + "\"inputSchema\":\"{\\\"type\\\":\\\"object\\\"}\",\"outputSchema\":\"{\\\"type\\\":\\\"object\\\"}\"}}";
        try (StubServer server = StubServer.start()
                        .then(json(200, tools))
                        .then(json(200, "{\"id\":\"weather\",\"description\":\"Current weather\"}"))
                        .then(json(200, "{\"temperature\":21,\"conditions\":\"Sunny\"}"))
                        .then(json(200, "{\"temperature\":22}"));
                MastraClient client = server.client().build()) {
            Map<String, ToolInfo> listed = client.listTools();
            assertThat(listed.get("weather").inputSchema().path("type").asText())
                    .isEqualTo("object");
            assertThat(listed.get("weather").outputSchema().path("type").asText())
                    .isEqualTo("object");

            ToolClient tool = client.getTool("weather");
            assertThat(tool.details().description()).isEqualTo("Current weather");

            record Input(String city) {}
            JsonNode output = tool.execute(new Input("London"));
            assertThat(output.path("conditions").asText()).isEqualTo("Sunny");
            tool.execute(Map.of("city", "Paris"), Map.of("units", "metric"));

            List<StubServer.Received> received = server.received();
            assertThat(received)
                    .extracting(StubServer.Received::path)
                    .containsExactly(
                            "/api/tools",
                            "/api/tools/weather",
                            "/api/tools/weather/execute",
                            "/api/tools/weather/execute");
            assertThat(tree(received.get(2).body())).isEqualTo(tree("{\"data\":{\"city\":\"London\"}}"));
            assertThat(tree(received.get(3).body()))
                    .isEqualTo(tree("{\"data\":{\"city\":\"Paris\"},\"requestContext\":{\"units\":\"metric\"}}"));
        }
    }

    @Test
    void healthReadsSuccess() {
        try (StubServer server = StubServer.start()
                        .then(json(200, "{\"success\":true}"))
                        .then(json(200, "{\"success\":false}"));
                MastraClient client = server.client().build()) {
            assertThat(client.health()).isTrue();
            assertThat(client.health()).isFalse();
            assertThat(server.received().get(0).path()).isEqualTo("/health");
        }
    }

    @Test
    void idsAreEncodedAsOnePathSegment() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{}"));
                MastraClient client = server.client().build()) {
            client.getAgent("my agent/../x").details();
            assertThat(server.received().get(0).path()).isEqualTo("/api/agents/my%20agent%2F..%2Fx");
            assertThatThrownBy(() -> client.getAgent("..")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.getTool(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBaseUrlWithPathPrefixIsKept() {
        try (StubServer server = StubServer.start().otherwise(json(200, "{}"));
                MastraClient client =
                        server.client().baseUrl(server.uri() + "/mastra/").build()) {
            client.listAgents();
            assertThat(client.baseUrl()).isEqualTo(server.uri() + "/mastra");
            assertThat(server.received().get(0).path()).isEqualTo("/mastra/api/agents");
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> MastraClient.builder().baseUrl("localhost:4111"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().baseUrl("ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().baseUrl("http://u:p@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().header("Host", "evil"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().header("X-A", "line\r\nbreak"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().retries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().backoff(Duration.ofSeconds(3), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MastraClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientMessage("robot", "hi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerateOptions.builder().maxSteps(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultBaseUrlIsMastrasDefault() {
        try (MastraClient client = MastraClient.builder().build()) {
            assertThat(client.baseUrl()).isEqualTo("http://localhost:4111");
        }
    }

    @Test
    void anInterruptedCallerGetsAnExceptionAndKeepsTheFlag() {
        try (StubServer server = StubServer.start().otherwise(json(503, "{\"error\":\"busy\"}"));
                MastraClient client = server.client()
                        .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30))
                        .build()) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(client::listAgents)
                        .isInstanceOfSatisfying(
                                MastraClientException.class,
                                e -> assertThat(e.getMessage()).contains("interrupted"));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JsonFields.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
