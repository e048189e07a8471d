package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tool approval through the client, against the real server with Clerk tokens of two users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolApprovalClientTest {

    record Input(String location) {}

    private final AtomicInteger runs = new AtomicInteger();
    private LocalClerkIssuer issuer;
    private Mastra mastra;

    @BeforeAll
    void start() {
        issuer = LocalClerkIssuer.start();
        MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(Input.class)
                .execute((in, ctx) -> {
                    runs.incrementAndGet();
                    return Map.of("location", in.location(), "temperature", 21);
                })
                .build();
        mastra = Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .model("offline/stand-in")
                        .tools(weather)
                        .build())
                .server(s -> s.port(0).host("127.0.0.1").auth(clerk))
                .build()
                .start();
    }

    @AfterAll
    void stop() {
        mastra.close();
        issuer.close();
    }

    private AgentClient agent(String user) {
        return MastraClient.builder()
                .baseUrl(mastra.url())
                .tokenSupplier(() -> issuer.token(user))
                .retries(0)
                .build()
                .getAgent("weatherAgent");
    }

    private GenerateResponse suspend(AgentClient agent) {
        GenerateResponse response = agent.generate(
                "Weather in London",
                GenerateOptions.builder().requireToolApproval(true).build());
        assertThat(response.isSuspended()).isTrue();
        return response;
    }

    @Test
    void streamSuspendsAndApproveToolCallStreamsTheRest() {
        AgentClient alice = agent("user_alice");
        List<StreamEvent> first;
        try (StreamResponse stream = alice.stream(
                "Weather in London",
                GenerateOptions.builder().requireToolApproval(true).build())) {
            first = stream.chunks().toList();
        }
        StreamEvent approval = first.getLast();
        assertThat(approval.type()).isEqualTo("tool-call-approval");

        List<StreamEvent> rest;
        try (StreamResponse stream = alice.approveToolCall(
                approval.runId(), approval.payload().path("toolCallId").asText())) {
            rest = stream.chunks().toList();
        }

        assertThat(rest.getFirst().type()).isEqualTo("tool-result");
        assertThat(rest.getLast().type()).isEqualTo("finish");
    }

    @Test
    void approveAndDeclineGenerateAndTheRefusals() {
        AgentClient alice = agent("user_alice");
        AgentClient bob = agent("user_bob");
        GenerateResponse suspended = suspend(alice);
        String runId = suspended.runId();
        String call = suspended.suspendPayload().path("toolCallId").asText();
        int before = runs.get();

        assertThatThrownBy(() -> bob.approveToolCallGenerate(runId, call))
                .isInstanceOfSatisfying(
                        MastraClientException.class, e -> assertThat(e.status()).isEqualTo(403));
        GenerateResponse done = alice.approveToolCallGenerate(runId, call);
        assertThat(done.finishReason()).isEqualTo("stop");
        assertThat(runs.get()).isEqualTo(before + 1);
        assertThatThrownBy(() -> alice.approveToolCall(runId, call))
                .isInstanceOfSatisfying(
                        MastraClientException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> alice.declineToolCallGenerate("no-such-run", call))
                .isInstanceOfSatisfying(
                        MastraClientException.class, e -> assertThat(e.status()).isEqualTo(404));

        GenerateResponse again = suspend(alice);
        GenerateResponse declined = alice.declineToolCallGenerate(
                again.runId(), again.suspendPayload().path("toolCallId").asText());
        assertThat(declined.text()).contains("not approved");
        assertThat(runs.get()).isEqualTo(before + 1);

        GenerateResponse third = suspend(alice);
        try (StreamResponse stream = alice.declineToolCall(
                third.runId(), third.suspendPayload().path("toolCallId").asText())) {
            assertThat(stream.chunks().toList().getFirst().type()).isEqualTo("tool-output-denied");
        }
    }
}
