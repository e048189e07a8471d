package dev.mastra4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SlowStreamingModelTest {

    private static final ChatRequest REQUEST = ChatRequest.builder()
            .messages(UserMessage.from("Weather in London"))
            .build();

    /** Records what the model delivers; {@code onToken} may act on the stream (cancel it, for example). */
    private static final class Recorder implements StreamingChatResponseHandler {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final AtomicReference<ChatResponse> completed = new AtomicReference<>();
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        private final BiConsumer<Integer, PartialResponseContext> onToken;

        Recorder(BiConsumer<Integer, PartialResponseContext> onToken) {
            this.onToken = onToken;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            tokens.add(partial.text());
            onToken.accept(tokens.size(), context);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            completed.set(response);
        }

        @Override
        public void onError(Throwable error) {
            failed.set(error);
        }
    }

    private static Thread run(SlowStreamingModel model, Recorder recorder) {
        return Thread.ofVirtual().start(() -> model.chat(REQUEST, recorder));
    }

    @Test
    void emitsEveryTokenInOrderThenCompletesWithTheWholeText() throws InterruptedException {
        Recorder recorder = new Recorder((n, context) -> {});
        Thread call = run(new SlowStreamingModel(Duration.ofMillis(10), 5), recorder);

        assertThat(call.join(Duration.ofSeconds(20))).isTrue();
        assertThat(recorder.tokens).containsExactly("tok0 ", "tok1 ", "tok2 ", "tok3 ", "tok4 ");
        assertThat(recorder.completed.get()).isNotNull();
        assertThat(recorder.completed.get().aiMessage().text()).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
        assertThat(recorder.completed.get().tokenUsage().outputTokenCount()).isEqualTo(5);
        assertThat(recorder.failed.get()).isNull();
    }

    @Test
    void manyConcurrentCallsShareTheTickerAndAllFinish() throws InterruptedException {
        SlowStreamingModel model = new SlowStreamingModel(Duration.ofMillis(10), 3);
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        List<Thread> calls = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            Recorder recorder = new Recorder((n, context) -> {});
            recorders.add(recorder);
            calls.add(run(model, recorder));
        }
        for (Thread call : calls) {
            assertThat(call.join(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(recorders).allSatisfy(r -> {
            assertThat(r.tokens).containsExactly("tok0 ", "tok1 ", "tok2 ");
            assertThat(r.completed.get()).isNotNull();
        });
    }

    @Test
    void stopsWithoutCompletingWhenTheStreamingHandleIsCancelled() throws InterruptedException {
        Recorder recorder = new Recorder((n, context) -> {
            if (n == 2) {
                context.streamingHandle().cancel();
            }
        });
        Thread call = run(new SlowStreamingModel(Duration.ofMillis(10), 1_000), recorder);

        assertThat(call.join(Duration.ofSeconds(20))).isTrue();
        assertThat(recorder.tokens).containsExactly("tok0 ", "tok1 ");
        assertThat(recorder.completed.get()).isNull();
    }

    @Test
    void stopsWhenTheCallingThreadIsInterruptedAndKeepsTheFlag() throws InterruptedException {
        CountDownLatch firstToken = new CountDownLatch(1);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Recorder recorder = new Recorder((n, context) -> firstToken.countDown());
        SlowStreamingModel model = new SlowStreamingModel(Duration.ofMillis(50), 1_000);
        Thread call = Thread.ofVirtual().start(() -> {
            model.chat(REQUEST, recorder);
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });

        assertThat(firstToken.await(20, TimeUnit.SECONDS)).isTrue();
        call.interrupt();
        assertThat(call.join(Duration.ofSeconds(20))).isTrue();
        assertThat(recorder.completed.get()).isNull();
        assertThat(recorder.tokens.size()).isLessThan(1_000);
        assertThat(interruptedAfter.get()).isTrue();
    }
}
