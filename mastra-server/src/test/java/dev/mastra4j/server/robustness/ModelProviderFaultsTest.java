package dev.mastra4j.server.robustness;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.server.robustness.FaultyModelProvider.Fault;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model provider fails in each way a real one does: an HTTP 500, no answer within the timeout, a connection
 * reset, an answer cut off half-way. A generate call gets 502 or 504 with a short cause; a stream that has started
 * gets an SSE error frame and then {@code [DONE]}, never a silently truncated answer. After each failure the server is
 * healthy and the next call works.
 */
class ModelProviderFaultsTest {

    private static final String KEY = "sk-faults-secret-9876543210";
    private static final String TIMED_OUT = "the provider did not answer in time";
    private static final String CONNECTION_FAILED = "connection to the provider failed";
    private static FaultyModelProvider provider;
    private static ServerHarness server;

    @BeforeAll
    static void start() {
        provider = FaultyModelProvider.start();
        Agent remote = Agent.builder()
                .id("remote")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", provider.env(KEY), Duration.ofSeconds(1)))
                .build();
        server = ServerHarness.start(Mastra.builder().agent(remote));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    static Stream<Arguments> generateFaults() {
        return Stream.of(
                Arguments.of(new Fault.Status(500, "upstream exploded"), 502, "provider unavailable (HTTP 500)"),
                Arguments.of(new Fault.Status(429, "slow down"), 502, "rate limited (HTTP 429)"),
                Arguments.of(new Fault.Silence(Duration.ofSeconds(3)), 504, TIMED_OUT),
                Arguments.of(new Fault.Reset(), 502, CONNECTION_FAILED),
                Arguments.of(new Fault.CutShort(0, false), 502, CONNECTION_FAILED),
                Arguments.of(new Fault.CutShort(0, true), 502, CONNECTION_FAILED));
    }

    @ParameterizedTest
    @MethodSource("generateFaults")
    void generateAnswers502Or504AndTheNextCallWorks(Fault fault, int status, String cause) {
        provider.then(fault);
        HttpResponse<String> failed = server.post("/api/agents/remote/generate", "{\"messages\":\"hi\"}");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(status);
        assertThat(json(failed).path("error").asText()).isEqualTo("Model provider error: " + cause);
        assertThat(failed.body())
                .doesNotContain(KEY)
                .doesNotContain("upstream exploded")
                .doesNotContain("Exception");

        assertHealthyAndWorking();
    }

    static Stream<Arguments> streamFaults() {
        return Stream.of(
                Arguments.of(new Fault.Status(500, "upstream exploded"), "provider unavailable (HTTP 500)"),
                Arguments.of(new Fault.Silence(Duration.ofSeconds(3)), TIMED_OUT),
                Arguments.of(new Fault.Reset(), CONNECTION_FAILED),
                Arguments.of(new Fault.CutShort(3, true), CONNECTION_FAILED),
                // The connection closes in order but without the finish chunk or [DONE]: still a cut-off answer.
                Arguments.of(
                        new Fault.CutShort(3, false), "the provider's answer stream ended before it was complete"));
    }

    @ParameterizedTest
    @MethodSource("streamFaults")
    void aStreamEndsWithAnErrorFrameThenDoneAndTheNextStreamWorks(Fault fault, String cause) {
        provider.then(fault);
        HttpResponse<String> response = server.post("/api/agents/remote/stream", "{\"messages\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> frames = frames(response.body());
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        List<String> types = types(frames);
        assertThat(types.getFirst()).isEqualTo("start");
        assertThat(types.getLast())
                .as("a failed stream must say so, not finish: " + types)
                .isEqualTo("error");
        assertThat(types).doesNotContain("finish");
        JsonNode error = json(frames.get(frames.size() - 2));
        assertThat(error.path("payload").path("error").path("message").asText())
                .isEqualTo("Model provider error: " + cause);
        assertThat(response.body()).doesNotContain(KEY).doesNotContain("upstream exploded");

        assertHealthyAndWorking();
        HttpResponse<String> next = server.post("/api/agents/remote/stream", "{\"messages\":\"hi\"}");
        List<String> nextTypes = types(frames(next.body()));
        assertThat(nextTypes).contains("text-delta").endsWith("finish").doesNotContain("error");
    }

    private static void assertHealthyAndWorking() {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> next = server.post("/api/agents/remote/generate", "{\"messages\":\"hi\"}");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(json(next).path("text").asText()).isEqualTo("All good.");
    }

    static List<String> frames(String body) {
        List<String> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                frames.add(block.substring("data: ".length()));
            }
        }
        return frames;
    }

    static List<String> types(List<String> frames) {
        return frames.stream()
                .filter(f -> !f.equals("[DONE]"))
                .map(f -> json(f).path("type").asText())
                .toList();
    }
}
