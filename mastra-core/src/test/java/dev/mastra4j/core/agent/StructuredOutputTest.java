package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Description;
import dev.mastra4j.core.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {

    @Description("A city's weather")
    record Forecast(@Description("City name") String city, double temperature, List<String> notes) {}

    record Input(String location) {}

    private final Tool weather = Tool.builder()
            .id("weatherTool")
            .inputSchema(Input.class)
            .execute((in, ctx) -> Map.of("temperature", 21))
            .build();

    private static List<Message> ask(String text) {
        return List.of(Message.user(text));
    }

    @Test
    void theOfflineModelAnswersWithATypedObjectAfterUsingATool() {
        Agent agent =
                Agent.builder().id("a").model("offline/stand-in").tools(weather).build();
        GenerateResult result = agent.generate(
                ask("Weather in London"),
                AgentOptions.builder().structuredOutput(Forecast.class).build());

        assertThat(result.toolCalls()).hasSize(1);
        Forecast forecast = result.object(Forecast.class);
        assertThat(forecast.city()).isEqualTo("offline");
        assertThat(forecast.notes()).containsExactly("offline");
        assertThat(result.text()).isEqualTo(result.object().toString());
    }

    @Test
    void aModelWithoutNativeJsonGetsMastrasInstructionAndFencedJsonIsRead() {
        ScriptedModel model = new ScriptedModel()
                .thenToolCall("c1", "weatherTool", "{\"location\":\"Oslo\"}")
                .thenText("```json\n{\"city\":\"Oslo\",\"temperature\":3.5,\"notes\":[]}\n```");
        Agent agent = Agent.builder()
                .id("a")
                .instructions("Be brief.")
                .model(model, model)
                .tools(weather)
                .build();
        GenerateResult result = agent.generate(
                ask("Weather in Oslo"),
                AgentOptions.builder().structuredOutput(Forecast.class).build());

        assertThat(result.object(Forecast.class)).isEqualTo(new Forecast("Oslo", 3.5, List.of()));
        for (ChatRequest request : model.requests) {
            // Tools stay on offer on every step; the schema is in the system prompt, with its descriptions.
            assertThat(request.toolSpecifications()).hasSize(1);
            assertThat(request.responseFormat()).isNull();
            assertThat(ScriptedModel.prompt(request).get(0))
                    .startsWith("system: Be brief.\n\nReturn your response as JSON matching this schema:")
                    .contains("\"description\":\"City name\"")
                    .contains("Return only valid JSON. Do not include markdown or explanatory text.");
        }
    }

    @Test
    void anAnswerThatDoesNotFitIsAnErrorNotAHalfTypedObject() {
        ScriptedModel model = new ScriptedModel().thenText("{\"city\":42}");
        Agent agent = Agent.builder().id("a").model(model, model).build();
        assertThatThrownBy(() -> agent.generate(
                        ask("hi"),
                        AgentOptions.builder().structuredOutput(Forecast.class).build()))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).startsWith("Structured output validation failed: - ");
                    assertThat(e.issues()).extracting(i -> i.field()).contains("city", "temperature");
                    assertThat(e.value()).isEqualTo("{\"city\":42}");
                });

        ScriptedModel prose = new ScriptedModel().thenText("It is sunny.");
        Agent talker = Agent.builder().id("b").model(prose, prose).build();
        assertThatThrownBy(() -> talker.generate(
                        ask("hi"),
                        AgentOptions.builder().structuredOutput(Forecast.class).build()))
                .isInstanceOf(StructuredOutputException.class)
                .hasMessage("Structured output validation failed: - root: must be valid JSON");
    }

    @Test
    void aStreamSendsPartialObjectsThenTheResultAfterTextEnd() {
        ScriptedModel model =
                new ScriptedModel().thenText("{\"city\":\"Rome\",\"temperature\":30,\"notes\":[\"hot\"]}");
        Agent agent = Agent.builder().id("a").model(model, model).build();
        List<StreamChunk> chunks = new ArrayList<>();
        GenerateResult result = agent.streamRun(
                        ask("hi"),
                        AgentOptions.builder().structuredOutput(Forecast.class).build())
                .run(chunks::add);

        List<String> types = chunks.stream().map(StreamChunk::type).toList();
        assertThat(types).contains("object");
        assertThat(types.indexOf("object-result")).isEqualTo(types.lastIndexOf("text-end") + 1);
        assertThat(types.get(types.indexOf("object-result") + 1)).isEqualTo("step-finish");
        StreamChunk.Finish finish = (StreamChunk.Finish) chunks.get(chunks.size() - 1);
        assertThat(finish.result().object()).isEqualTo(result.object());
        assertThat(result.object(Forecast.class).notes()).containsExactly("hot");
    }

    @Test
    void partialJsonReadsAsFarAsTheTextGoes() {
        assertThat(PartialJson.parse("{\"city\":\"London\",\"tem"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("city", "London"));
        assertThat(PartialJson.parse("{\"city\":\"Lon"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("city", "Lon"));
        assertThat(PartialJson.parse("{\"a\":[1, 2, tr").toString()).isEqualTo("{\"a\":[1,2]}");
        assertThat(PartialJson.parse("{\"a\":{\"b\":true}}").toString()).isEqualTo("{\"a\":{\"b\":true}}");
        assertThat(PartialJson.parse("")).isNull();
        assertThat(PartialJson.parse("Sunny")).isNull();
    }

    @Test
    void aSchemaThatIsNotJsonSchemaIsRefused() {
        assertThatThrownBy(
                        () -> StructuredOutput.of(Json.MAPPER.getNodeFactory().textNode("nope")))
                .isInstanceOf(dev.mastra4j.core.error.InvalidRequestException.class);
        assertThatThrownBy(
                        () -> StructuredOutput.of(Json.MAPPER.createObjectNode().put("type", "thing")))
                .isInstanceOf(dev.mastra4j.core.error.InvalidRequestException.class);
    }
}
