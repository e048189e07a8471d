package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OfflineChatModelTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
        ToolSpecification noStrings = ToolSpecification.builder().name("counter")
                .parameters(JsonObjectSchema.builder().addIntegerProperty("n").required("n").build()).build();
        ToolSpecification mixed = ToolSpecification.builder().name("forecast")
                .parameters(JsonObjectSchema.builder().addIntegerProperty("days").addStringProperty("city")
                        .addStringProperty("units").required("days", "city").build()).build();
        OfflineChatModel model = new OfflineChatModel();

        ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from("Forecast in Lima"))
                .toolSpecifications(noStrings, mixed).build());

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("forecast");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Lima\"}");
        });
    }

    @Test
    void neverClaimsToBeAnLlm() {
        ChatResponse response = new OfflineChatModel().chat(ChatRequest.builder()
                .messages(UserMessage.from("Are you GPT?")).build());

        assertThat(response.aiMessage().text()).startsWith("[offline model] ").contains("not an LLM");
        assertThat(new OfflineChatModel().toString()).contains("not an LLM");
    }
}
