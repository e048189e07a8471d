package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.core.model.ModelTimeoutException;
import dev.mastra4j.core.tool.Tool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Closing a stream, a run timeout or an interrupted caller stop the model call and the tools. */
class CancellationTest {

    /** A blocking model (an external dependency's interface) that never answers until it is interrupted. */
    static final class BlockingModel implements ChatModel {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            entered.countDown();
            try {
                Thread.sleep(Duration.ofSeconds(60));
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from("too late"))
                        .build();
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Test
    void closingAStreamInterruptsABlockingModelCall() throws Exception {
        BlockingModel model = new BlockingModel();
        Agent agent = Agent.builder().id("slow").model(model).build();

        AgentStream stream = agent.stream("hello");
        assertThat(stream.next()).isInstanceOf(StreamChunk.Start.class);
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();

        stream.close();

        assertThat(model.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::result).isInstanceOf(CancellationException.class);
        assertThat(model.calls).hasValue(1);
    }

    @Test
    void aRunTimeoutInterruptsTheModelAndFailsWith504() throws Exception {
        BlockingModel model = new BlockingModel();
        Agent agent = Agent.builder().id("slow").model(model).build();

        assertThatThrownBy(() -> agent.generate(
                        List.of(Message.user("hello")),
                        AgentOptions.builder().timeout(Duration.ofMillis(300)).build()))
                .isInstanceOfSatisfying(ModelTimeoutException.class, e -> {
                    assertThat(e.status()).isEqualTo(504);
                    assertThat(e.getMessage()).isEqualTo("Model provider error: the run took longer than 300ms");
                });
        assertThat(model.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTimedOutStreamEndsWithAnErrorChunk() {
        Agent agent = Agent.builder().id("slow").model(new BlockingModel()).build();

        try (AgentStream stream = agent.stream(
                List.of(Message.user("hello")),
                AgentOptions.builder().timeout(Duration.ofMillis(200)).build())) {
            List<StreamChunk> chunks = stream.stream().toList();
            assertThat(chunks.get(chunks.size() - 1))
                    .isInstanceOfSatisfying(
                            StreamChunk.ErrorChunk.class,
                            e -> assertThat(e.message()).contains("took longer than 200ms"));
        }
    }

    @Test
    void generateCallsTheModelOnTheCallersThread() {
        List<Thread> modelThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChatModel recording = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                modelThreads.add(Thread.currentThread());
                return ChatResponse.builder().aiMessage(AiMessage.from("here")).build();
            }
        };
        Agent agent = Agent.builder().id("direct").model(recording).build();

        assertThat(agent.generate("hello").text()).isEqualTo("here");
        assertThat(modelThreads).containsExactly(Thread.currentThread());
    }

    @Test
    void interruptingTheCallerOfGenerateCancelsTheRun() throws Exception {
        BlockingModel model = new BlockingModel();
        Agent agent = Agent.builder().id("slow").model(model).build();
        CountDownLatch failed = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                agent.generate("hello");
            } catch (CancellationException e) {
                failed.countDown();
            }
        });
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();

        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(model.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingAStreamTellsRunningToolsTheyAreCancelled() throws Exception {
        CountDownLatch toolStarted = new CountDownLatch(1);
        CountDownLatch toolSawCancel = new CountDownLatch(1);
        AtomicBoolean flagSet = new AtomicBoolean();
        record In(String location) {}
        Tool patient = Tool.builder()
                .id("weatherTool")
                .inputSchema(In.class)
                .execute((input, ctx) -> {
                    toolStarted.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    // A cooperative tool: polls the flag instead of relying on interruption.
                    while (System.nanoTime() < deadline) {
                        if (ctx.isCancelled()) {
                            flagSet.set(true);
                            toolSawCancel.countDown();
                            return "stopped";
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    return "finished";
                })
                .build();
        Agent agent =
                Agent.builder().id("a").model("offline/stand-in").tools(patient).build();

        AgentStream stream = agent.stream("Weather in Quito");
        assertThat(toolStarted.await(10, TimeUnit.SECONDS)).isTrue();
        stream.close();

        assertThat(toolSawCancel.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(flagSet).isTrue();
    }
}
