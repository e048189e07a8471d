package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.core.agent.CancellationTest.BlockingModel;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A run on the caller's thread: same chunks as AgentStream, cancellable from anywhere, never interrupting a write. */
class StreamRunTest {

    private static final List<Message> HELLO = List.of(Message.user("Weather in Quito"));

    record WeatherInput(String location) {}

    private static Agent offline() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> Json.MAPPER.createObjectNode().put("location", input.location()))
                .build();
        return Agent.builder()
                .id("weatherAgent")
                .model("offline/stand-in")
                .tools(weather)
                .build();
    }

    @Test
    void producesTheSameChunksAsAnAgentStream() {
        List<String> direct = new ArrayList<>();
        GenerateResult result =
                offline().streamRun(HELLO, AgentOptions.DEFAULTS).run(c -> direct.add(c.type()));
        List<String> queued;
        try (AgentStream stream = offline().stream(HELLO, AgentOptions.DEFAULTS)) {
            queued = stream.stream().map(StreamChunk::type).toList();
        }

        assertThat(direct)
                .isEqualTo(queued)
                .startsWith("start")
                .endsWith("finish")
                .contains("tool-result");
        assertThat(result.toolResults()).hasSize(1);
    }

    @Test
    void runsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        offline().streamRun(HELLO, AgentOptions.DEFAULTS).run(c -> seen.add(Thread.currentThread()));
        assertThat(seen).isNotEmpty().allMatch(t -> t == caller);
    }

    @Test
    void aCancelWhileTheConsumerWritesDoesNotInterruptTheWrite() throws Exception {
        BlockingModel model = new BlockingModel();
        StreamRun run = Agent.builder().id("slow").model(model).build().streamRun(HELLO, AgentOptions.DEFAULTS);
        CountDownLatch inConsumer = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interruptedDuringWrite = new AtomicBoolean();
        AtomicBoolean interruptFlagAfterRun = new AtomicBoolean(true);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                run.run(chunk -> {
                    if (chunk instanceof StreamChunk.Start) {
                        inConsumer.countDown();
                        try {
                            // Stands for a blocking socket write: an interrupt here would close the client's socket.
                            release.await();
                        } catch (InterruptedException e) {
                            interruptedDuringWrite.set(true);
                        }
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
            interruptFlagAfterRun.set(Thread.currentThread().isInterrupted());
        });
        assertThat(inConsumer.await(10, TimeUnit.SECONDS)).isTrue();

        run.cancel();
        Thread.sleep(100);
        release.countDown();
        runner.join(10_000);

        assertThat(interruptedDuringWrite).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptFlagAfterRun)
                .as("our own cancel interrupt does not leak to the caller")
                .isFalse();
        assertThat(model.calls).as("nothing runs after the cancel").hasValue(0);
        assertThat(run.isDone()).isTrue();
    }

    /** A run on its own virtual thread: what it threw (null if nothing) and its interrupt flag after {@code run}. */
    private record Runner(Thread thread, CompletableFuture<Throwable> outcome, AtomicBoolean flagAfter) {
        static Runner start(StreamRun run) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            AtomicBoolean flagAfter = new AtomicBoolean();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    run.run(chunk -> {});
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            });
            return new Runner(thread, outcome, flagAfter);
        }

        /** Waits for the run to end and returns what it threw; the flag is set once this returns. */
        Throwable end() throws Exception {
            Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
            thread.join(10_000);
            return thrown;
        }
    }

    @Test
    void aCancelInterruptsABlockingModelCall() throws Exception {
        BlockingModel model = new BlockingModel();
        StreamRun run = Agent.builder().id("slow").model(model).build().streamRun(HELLO, AgentOptions.DEFAULTS);
        Runner runner = Runner.start(run);
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();

        run.cancel();

        assertThat(model.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.end()).isInstanceOf(CancellationException.class);
        assertThat(runner.flagAfter())
                .as("our own cancel interrupt does not leak to the caller")
                .isFalse();
    }

    @Test
    void anInterruptFromSomeoneElseCancelsTheRunAndStaysSet() throws Exception {
        BlockingModel model = new BlockingModel();
        StreamRun run = Agent.builder().id("slow").model(model).build().streamRun(HELLO, AgentOptions.DEFAULTS);
        Runner runner = Runner.start(run);
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();

        runner.thread().interrupt();

        assertThat(runner.end()).isInstanceOf(CancellationException.class);
        assertThat(runner.flagAfter())
                .as("the caller's own interrupt is not swallowed")
                .isTrue();
    }

    @Test
    void aConsumerFailureCancelsTheRunAndIsRethrown() {
        BlockingModel model = new BlockingModel();
        StreamRun run = Agent.builder().id("slow").model(model).build().streamRun(HELLO, AgentOptions.DEFAULTS);
        IllegalStateException gone = new IllegalStateException("client left");

        assertThatThrownBy(() -> run.run(chunk -> {
                    throw gone;
                }))
                .isSameAs(gone);
        assertThat(model.calls).hasValue(0);
    }

    @Test
    void aFailedRunSendsItsErrorChunkThenThrows() {
        ChatModel failing = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new IllegalStateException("provider exploded");
            }
        };
        List<StreamChunk> chunks = new ArrayList<>();
        StreamRun run = Agent.builder().id("broken").model(failing).build().streamRun(HELLO, AgentOptions.DEFAULTS);

        assertThatThrownBy(() -> run.run(chunks::add)).isInstanceOf(MastraException.class);
        assertThat(chunks.get(0)).isInstanceOf(StreamChunk.Start.class);
        assertThat(chunks.get(chunks.size() - 1))
                .isInstanceOfSatisfying(
                        StreamChunk.ErrorChunk.class,
                        e -> assertThat(e.message()).doesNotContain("IllegalStateException"));
    }

    @Test
    void runsOnlyOnce() {
        StreamRun run = offline().streamRun(HELLO, AgentOptions.DEFAULTS);
        run.run(chunk -> {});
        assertThatThrownBy(() -> run.run(chunk -> {})).isInstanceOf(IllegalStateException.class);
    }
}
