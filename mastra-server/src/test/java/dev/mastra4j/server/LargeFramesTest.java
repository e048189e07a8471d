package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.CancelFlag;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame larger than the stream's buffer goes out in parts and arrives whole, multi-byte characters included. */
class LargeFramesTest {

    /** 300,000 characters, many of them two, three and four bytes long in UTF-8, so that parts split them. */
    static final String BIG = "aé€😀".repeat(60_000) + "tail";

    static final class BigPieceModel implements StreamingChatModel {
        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            handler.onPartialResponse(new PartialResponse("small "), new PartialResponseContext(handle));
            handler.onPartialResponse(new PartialResponse(BIG), new PartialResponseContext(handle));
            handler.onCompleteResponse(ChatResponse.builder()
                    .aiMessage(AiMessage.from("small " + BIG))
                    .tokenUsage(new TokenUsage(1, 2))
                    .finishReason(FinishReason.STOP)
                    .build());
        }
    }

    @Test
    void aFrameLargerThanTheBufferArrivesWhole() {
        try (ServerHarness server = ServerHarness.start(
                Mastra.builder()
                        .agent(Agent.builder()
                                .id("big")
                                .model(new BigPieceModel())
                                .build()),
                s -> s.maxStreamBufferBytes(1024))) {
            HttpResponse<String> response = server.post("/api/agents/big/stream", "{\"messages\":\"hi\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            List<String> frames = StreamRouteTest.frames(response.body());
            assertThat(frames.getLast()).isEqualTo("[DONE]");
            List<String> deltas = frames.stream()
                    .filter(f -> f.contains("\"text-delta\""))
                    .map(f -> json(f).path("payload").path("text").asText())
                    .toList();
            assertThat(deltas).containsExactly("small ", BIG);
            JsonNode finish = json(frames.get(frames.size() - 2));
            assertThat(finish.path("type").asText()).isEqualTo("finish");
            assertThat(finish.path("payload").path("output").path("text").asText())
                    .isEqualTo("small " + BIG);
        }
    }
}
