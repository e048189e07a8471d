package dev.mastra4j.spring.boot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Mastra.start()} on this class path is the Spring host, so the reused suites test what they mean to. */
class SpringServerEngineTest {

    @Test
    void mastraStartServesFromTomcatAndCloseStopsIt() throws Exception {
        Mastra mastra = Mastra.builder()
                .agent(Agent.builder()
                        .id("echo")
                        .env(Map.of())
                        .model("offline/echo")
                        .build())
                .server(s -> s.host("127.0.0.1").port(0))
                .build()
                .start();
        int port = mastra.port();
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/agents"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"echo\"");
        } finally {
            mastra.close();
        }
        assertThat(ServerEngineProbe.firstEngine()).isInstanceOf(SpringServerEngine.class);
        // Stopped with the Mastra: the port no longer answers.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())))
                .isInstanceOf(java.io.IOException.class);
    }
}
