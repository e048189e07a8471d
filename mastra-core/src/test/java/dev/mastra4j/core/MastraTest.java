package dev.mastra4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.tool.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MastraTest {

    private static Tool tool(String id) {
        return Tool.builder().id(id).description(id).execute((input, ctx) -> id).build();
    }

    private static Agent agent(String id, Tool... tools) {
        return Agent.builder()
                .id(id)
                .name(id + " name")
                .model("offline/stand-in")
                .tools(tools)
                .build();
    }

    private static Mastra.Builder loopback() {
        return Mastra.builder()
                .server(ServerOptions.builder(Map.of())
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownTimeout(Duration.ofSeconds(1)));
    }

    @Test
    void agentsAreKeptInRegistrationOrderUnderTheirKeys() {
        Map<String, Agent> byKey = new LinkedHashMap<>();
        byKey.put("weatherAgent", agent("weather"));
        byKey.put("travelAgent", agent("travel"));
        Mastra mastra = Mastra.builder().agents(byKey).agent(agent("zetaAgent")).build();

        assertThat(mastra.getAgents().keySet()).containsExactly("weatherAgent", "travelAgent", "zetaAgent");
        assertThat(mastra.getAgent("weatherAgent").id()).isEqualTo("weather");
        assertThatThrownBy(() -> mastra.getAgent("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("Agent with id nope not found");
        });
        assertThatThrownBy(() -> mastra.getAgents().put("x", agent("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Mastra.builder().agent(agent("a")).agent(agent("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toolsIncludeMastraLevelAndEveryAgentsTools() {
        Tool shared = tool("shared");
        Mastra mastra = Mastra.builder()
                .tool(tool("global"))
                .agent(agent("a", tool("forA"), shared))
                .agent(agent("b", shared))
                .build();

        assertThat(mastra.getTools().keySet()).containsExactly("global", "forA", "shared");
        assertThat(mastra.getTool("forA").id()).isEqualTo("forA");
        assertThatThrownBy(() -> mastra.getTool("missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Tool with id missing not found");
        assertThatThrownBy(() -> Mastra.builder()
                        .tool(tool("dup"))
                        .agent(agent("a", tool("dup")))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dup");
    }

    @Test
    void startServesThroughTheEngineAndCloseStopsGracefully() throws Exception {
        Mastra mastra = loopback()
                .agent(agent("weatherAgent", tool("weatherTool")))
                .build()
                .start();
        int port;
        try {
            port = mastra.port();
            assertThat(port).isPositive();
            assertThat(mastra.url()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(mastra.url().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"success\":true}");
            JsonNode agents = Json.MAPPER.readTree(http.send(
                            HttpRequest.newBuilder(mastra.url().resolve("/api/agents"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(agents.at("/weatherAgent/tools/weatherTool/id").asText()).isEqualTo("weatherTool");
            assertThatThrownBy(mastra::start).isInstanceOf(IllegalStateException.class);
        } finally {
            mastra.close();
        }
        assertThat(LoopbackTestEngine.STOPS).contains(Duration.ofSeconds(1));
        assertThatThrownBy(mastra::port).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        mastra.close(); // idempotent
    }

    @Test
    void startWithoutAnEngineExplainsWhatToAdd() {
        Mastra mastra = loopback().build();
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("META-INF/services/")
                        ? Collections.emptyEnumeration()
                        : super.getResources(name);
            }
        });
        try {
            assertThatThrownBy(mastra::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("add dev.mastra4j:mastra-server");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void anAgentWithMemoryNeedsStorageOfItsOwnOrOfTheInstance() {
        Agent withMemory = Agent.builder()
                .id("remembering")
                .model("offline/stand-in")
                .memory(Memory.builder().build())
                .build();

        assertThatThrownBy(() -> Mastra.builder().agent(withMemory).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'remembering' has memory but no storage");
        InMemoryStore store = new InMemoryStore();
        Mastra.builder().storage(store).agent(withMemory).build();
        assertThat(withMemory.memory().orElseThrow().storage()).isSameAs(store);
    }

    @Test
    void portAndUrlNeedAStartedServer() {
        Mastra mastra = loopback().build();
        assertThatThrownBy(mastra::port)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        assertThatThrownBy(mastra::url).isInstanceOf(IllegalStateException.class);
        assertThat(mastra.getAgents()).isEmpty();
        assertThat(List.copyOf(mastra.getTools().values())).isEmpty();
    }
}
