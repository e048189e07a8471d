package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineChatModelTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Weather in London                     | London",
                "What's the weather like in New York?  | New York",
                "how is it in san francisco today.     | san francisco today",
                "Is Paris sunny                        | Paris",
                "Tokyo                                 | Tokyo",
                "weather berlin                        | weather berlin",
                "Will Rio de Janeiro be warm?          | Janeiro",
            })
    void argumentExtraction(String text, String expected) {
        assertThat(OfflineChatModel.extractArgument(text)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void streamedPiecesAddUpToTheText(@ForAll String text) {
        assertThat(String.join("", OfflineChatModel.pieces(text))).isEqualTo(text);
    }

    @Test
    void callsTheFirstToolWithAStringParameter() {
        ToolSpecification noStrings = ToolSpecification.builder()
                .name("counter")
                .parameters(JsonObjectSchema.builder()
                        .addIntegerProperty("n")
                        .required("n")
                        .build())
                .build();
        ToolSpecification mixed = ToolSpecification.builder()
                .name("forecast")
                .parameters(JsonObjectSchema.builder()
                        .addIntegerProperty("days")
                        .addStringProperty("city")
                        .addStringProperty("units")
                        .required("days", "city")
                        .build())
                .build();
        OfflineChatModel model = new OfflineChatModel();

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Forecast in Lima"))
                .toolSpecifications(noStrings, mixed)
                .build());

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("forecast");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Lima\"}");
        });
    }

    @Test
    void aLongInputIsEchoedOnlyUpToTheCap() {
        String longInput = "word ".repeat(200_000);
        OfflineChatModel model = new OfflineChatModel();

        String reply = model.chat(ChatRequest.builder()
                        .messages(UserMessage.from(longInput))
                        .build())
                .aiMessage()
                .text();

        assertThat(reply.length()).isLessThan(OfflineChatModel.MAX_ECHO_CHARS + 300);
        assertThat(reply).contains("word word").contains("more characters");
        // Streamed, it is the same text in the same few pieces.
        assertThat(OfflineChatModel.pieces(reply).size()).isLessThan(OfflineChatModel.MAX_ECHO_CHARS / 2);
    }

    @Test
    void aToolArgumentAndAToolResultAreCappedToo() {
        ToolSpecification lookup = ToolSpecification.builder()
                .name("lookup")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("query")
                        .required("query")
                        .build())
                .build();
        OfflineChatModel model = new OfflineChatModel();
        String longQuery = "x".repeat(100_000);

        ChatResponse call = model.chat(ChatRequest.builder()
                .messages(UserMessage.from(longQuery))
                .toolSpecifications(lookup)
                .build());
        assertThat(call.aiMessage().toolExecutionRequests().get(0).arguments().length())
                .isLessThan(OfflineChatModel.MAX_ECHO_CHARS + 50);

        ChatResponse report = model.chat(ChatRequest.builder()
                .messages(
                        UserMessage.from("q"),
                        dev.langchain4j.data.message.AiMessage.from(
                                call.aiMessage().toolExecutionRequests()),
                        dev.langchain4j.data.message.ToolExecutionResultMessage.from(
                                call.aiMessage().toolExecutionRequests().get(0), longQuery))
                .build());
        assertThat(report.aiMessage().text().length()).isLessThan(OfflineChatModel.MAX_ECHO_CHARS + 200);
    }

    @Property(tries = 300)
    void wordsAreCountedAsARegexSplitCountsThem(@ForAll String text) {
        String stripped = text.replaceAll("^\\s+|\\s+$", "");
        int split = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        assertThat(OfflineChatModel.words(text)).isEqualTo(split);
    }

    @Property(tries = 200)
    void aCapNeverSplitsACharacter(@ForAll String text) {
        String capped = OfflineChatModel.cap(text, 7);
        assertThat(Character.isHighSurrogate(capped.isEmpty() ? 'a' : capped.charAt(capped.length() - 1)))
                .isFalse();
        if (text.length() <= 7) {
            assertThat(capped).isEqualTo(text);
        } else {
            assertThat(text).startsWith(capped);
            assertThat(capped.length()).isBetween(6, 7);
        }
    }

    @Test
    void neverClaimsToBeAnLlm() {
        ChatResponse response = new OfflineChatModel()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Are you GPT?"))
                        .build());

        assertThat(response.aiMessage().text()).startsWith("[offline model] ").contains("not an LLM");
        assertThat(new OfflineChatModel().toString()).contains("not an LLM");
    }
}
