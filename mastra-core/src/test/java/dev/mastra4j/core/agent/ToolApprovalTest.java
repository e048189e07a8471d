package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.AccessDeniedException;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.InMemorySuspendedRunStore;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tool calls that wait for a person's approval, with the offline stand-in model: suspend, approve, decline, refuse. */
class ToolApprovalTest {

    record Input(String location) {}

    private final AtomicInteger runs = new AtomicInteger();
    private final MutableClock clock = MutableClock.startingNow();

    private Tool tool(String id, boolean requireApproval) {
        return Tool.builder()
                .id(id)
                .description("Current weather for a city")
                .inputSchema(Input.class)
                .requireApproval(requireApproval)
                .execute((input, ctx) -> {
                    runs.incrementAndGet();
                    return Json.MAPPER
                            .createObjectNode()
                            .put("location", input.location())
                            .put("temperature", 21);
                })
                .build();
    }

    private Agent agent(Tool tool) {
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather.")
                .model("offline/stand-in")
                .tools(tool)
                .build();
        agent.useSuspendedRuns(SuspendedRuns.of(new InMemorySuspendedRunStore(), Duration.ofMinutes(10), clock));
        return agent;
    }

    private static RequestContext as(String resource) {
        return RequestContext.of(Map.of(RequestContext.RESOURCE_ID_KEY, resource));
    }

    private static AgentOptions options(RequestContext context) {
        return AgentOptions.builder().requestContext(context).build();
    }

    private static List<Message> ask() {
        return List.of(Message.user("Weather in London"));
    }

    private static List<StreamChunk> drain(AgentStream stream) {
        List<StreamChunk> chunks = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(chunks::add);
        }
        return chunks;
    }

    @Test
    void generateSuspendsBeforeTheToolRunsAndApprovalRunsItAndFinishes() throws Exception {
        Agent agent = agent(tool("weatherTool", true));

        GenerateResult suspended = agent.generate(ask(), options(as("alice")));

        assertThat(runs).hasValue(0);
        assertThat(suspended.finishReason()).isEqualTo(FinishReason.SUSPENDED);
        assertThat(suspended.finishReason().wireName()).isEqualTo("suspended");
        assertThat(suspended.isSuspended()).isTrue();
        assertThat(suspended.runId()).isNotBlank();
        ToolApprovalRequest payload = suspended.suspendPayload();
        assertThat(payload.toolName()).isEqualTo("weatherTool");
        assertThat(payload.args().path("location").asText()).isEqualTo("London");
        assertThat(suspended.resumeSchema()).isEqualTo(ToolApprovalRequest.RESUME_SCHEMA);
        assertThat(Json.MAPPER
                        .readTree(suspended.resumeSchema())
                        .path("required")
                        .get(0)
                        .asText())
                .isEqualTo("approved");
        assertThat(suspended.text()).isEmpty();

        GenerateResult done = agent.approveToolCallGenerate(suspended.runId(), payload.toolCallId(), as("alice"));

        assertThat(runs).hasValue(1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(done.runId()).isEqualTo(suspended.runId());
        assertThat(done.steps()).hasSize(2);
        assertThat(done.steps().getFirst().toolResults())
                .singleElement()
                .satisfies(
                        r -> assertThat(r.result().path("temperature").asInt()).isEqualTo(21));
        assertThat(done.text()).contains("weatherTool returned").contains("21");
        assertThat(done.suspendPayload()).isNull();
    }

    @Test
    void streamEndsWithTheApprovalChunkAndTheApprovedStreamStartsAtTheToolResult() {
        Agent agent = agent(tool("weatherTool", true));

        List<StreamChunk> first = drain(agent.stream(
                ask(), AgentOptions.builder().requestContext(as("alice")).build()));

        assertThat(first)
                .extracting(StreamChunk::type)
                .containsExactly("start", "step-start", "tool-call", "tool-call-approval");
        StreamChunk.ToolCallApproval approval = (StreamChunk.ToolCallApproval) first.getLast();
        assertThat(approval.request().resumeSchema()).isEqualTo(ToolApprovalRequest.RESUME_SCHEMA);
        assertThat(runs).hasValue(0);
        String runId = ((StreamChunk.Start) first.getFirst()).runId();

        AgentStream resumed = agent.approveToolCall(runId, approval.request().toolCallId(), as("alice"));
        List<StreamChunk> second = drain(resumed);

        assertThat(second.getFirst().type()).isEqualTo("tool-result");
        assertThat(second).extracting(StreamChunk::type).doesNotContain("start", "tool-call-approval");
        assertThat(second.get(1).type()).isEqualTo("step-finish");
        assertThat(second.getLast().type()).isEqualTo("finish");
        assertThat(resumed.runId()).isEqualTo(runId);
        assertThat(runs).hasValue(1);
    }

    @Test
    void declineTellsTheModelAndNeverRunsTheTool() {
        Agent agent = agent(tool("weatherTool", true));
        GenerateResult suspended = agent.generate(ask(), options(as("alice")));

        List<StreamChunk> chunks = drain(agent.declineToolCall(
                suspended.runId(), suspended.suspendPayload().toolCallId(), as("alice")));

        assertThat(chunks.getFirst()).isInstanceOfSatisfying(StreamChunk.ToolOutputDenied.class, denied -> {
            assertThat(denied.type()).isEqualTo("tool-output-denied");
            assertThat(denied.reason()).isEqualTo("Tool call was not approved by the user");
        });
        assertThat(chunks.getLast())
                .isInstanceOfSatisfying(
                        StreamChunk.Finish.class,
                        finish -> assertThat(finish.text()).contains("not approved"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void declineGenerateAnswersWithoutTheTool() {
        Agent agent = agent(tool("weatherTool", true));
        GenerateResult suspended = agent.generate(ask(), options(as("alice")));

        GenerateResult done = agent.declineToolCallGenerate(
                suspended.runId(), suspended.suspendPayload().toolCallId(), as("alice"));

        assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(done.text()).contains("not approved");
        assertThat(runs).hasValue(0);
    }

    @Test
    void perCallRequireToolApprovalSuspendsAPlainTool() {
        Agent agent = agent(tool("weatherTool", false));

        GenerateResult plain = agent.generate(ask(), options(as("alice")));
        GenerateResult suspended = agent.generate(
                ask(),
                AgentOptions.builder()
                        .requestContext(as("alice"))
                        .requireToolApproval(true)
                        .build());

        assertThat(plain.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(runs).hasValue(1);
        assertThat(suspended.finishReason()).isEqualTo(FinishReason.SUSPENDED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void onlyTheOwnerMayResumeAndARefusedAttemptLeavesTheRunSuspended() {
        Agent agent = agent(tool("weatherTool", true));
        GenerateResult suspended = agent.generate(ask(), options(as("alice")));
        String call = suspended.suspendPayload().toolCallId();

        assertThatThrownBy(() -> agent.approveToolCallGenerate(suspended.runId(), call, as("bob")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage(SuspendedRuns.RUN_DENIED);
        assertThatThrownBy(() -> agent.declineToolCallGenerate(suspended.runId(), call, new RequestContext()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(runs).hasValue(0);

        assertThat(agent.approveToolCallGenerate(suspended.runId(), call, as("alice"))
                        .finishReason())
                .isEqualTo(FinishReason.STOP);
    }

    @Test
    void unknownTwiceWrongCallAndExpiredAreRefusedWithTheirStatus() {
        Agent agent = agent(tool("weatherTool", true));
        GenerateResult suspended = agent.generate(ask(), options(as("alice")));
        String call = suspended.suspendPayload().toolCallId();

        assertThatThrownBy(() -> agent.approveToolCallGenerate("no-such-run", call, as("alice")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("could not find a suspended run for runId \"no-such-run\"");
        assertThatThrownBy(() -> agent.approveToolCallGenerate(suspended.runId(), "call-x", as("alice")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
        agent.approveToolCallGenerate(suspended.runId(), call, as("alice"));
        assertThatThrownBy(() -> agent.approveToolCallGenerate(suspended.runId(), call, as("alice")))
                .isInstanceOfSatisfying(
                        MastraException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(runs).hasValue(1);

        GenerateResult late = agent.generate(ask(), options(as("alice")));
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> agent.approveToolCallGenerate(
                        late.runId(), late.suspendPayload().toolCallId(), as("alice")))
                .isInstanceOfSatisfying(
                        MastraException.class, e -> assertThat(e.status()).isEqualTo(410));
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentApprovalsRunTheToolOnce() throws Exception {
        Agent agent = agent(tool("weatherTool", true));
        GenerateResult suspended = agent.generate(ask(), options(as("alice")));
        String call = suspended.suspendPayload().toolCallId();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger conflicts = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    agent.approveToolCallGenerate(suspended.runId(), call, as("alice"));
                } catch (MastraException e) {
                    if (e.status() == 409) {
                        conflicts.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(runs).hasValue(1);
        assertThat(conflicts).hasValue(7);
    }

    @Test
    void aRunWithMemorySavesItsTurnOnceTheApprovedRunFinishes() {
        InMemoryStore store = new InMemoryStore();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .model("offline/stand-in")
                .tools(tool("weatherTool", true))
                .memory(Memory.builder().storage(store).lastMessages(10).build())
                .build();
        AgentOptions options = AgentOptions.builder()
                .requestContext(as("alice"))
                .memory(new AgentMemoryOption("t-alice", "alice"))
                .build();

        GenerateResult suspended = agent.generate(ask(), options);
        assertThat(suspended.finishReason()).isEqualTo(FinishReason.SUSPENDED);

        GenerateResult done = agent.approveToolCallGenerate(
                suspended.runId(), suspended.suspendPayload().toolCallId(), as("alice"));

        assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(store.listMessages("t-alice", 0, 10, OrderBy.OLDEST_FIRST).items())
                .extracting(StorageMessage::role)
                .containsExactly("user", "assistant");
        assertThat(store.getThreadById("t-alice").orElseThrow().resourceId()).isEqualTo("alice");
    }
}
