package dev.mastra4j.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.agent.StreamChunk;
import dev.mastra4j.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The streaming fast path writes exactly the bytes the tree form would, for any text a model can produce. */
class StreamChunkWriterPropertiesTest {

    private static String written(StreamChunk chunk, String runId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            Wire.writeStreamChunk(generator, chunk, runId);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Property(tries = 2000)
    void textDeltasMatchTheTreeForm(@ForAll String id, @ForAll String text, @ForAll String runId) throws IOException {
        StreamChunk delta = new StreamChunk.TextDelta(id, text);
        String fast = written(delta, runId);

        assertThat(fast).isEqualTo(Json.MAPPER.writeValueAsString(Wire.streamChunk(delta, runId)));
        assertThat(fast).doesNotContain("\n").doesNotContain("\r");
        assertThat(Json.MAPPER.readTree(fast).at("/payload/text").asText()).isEqualTo(text);
    }

    @Example
    void everyOtherChunkOfARunIsTheTreeForm() throws IOException {
        List<StreamChunk> chunks = new ArrayList<>();
        Agent agent = Agent.builder().id("a").model("offline/stand-in").build();
        String runId = agent.streamRun(List.of(Message.user("Hello")), AgentOptions.DEFAULTS)
                .run(chunks::add)
                .runId();

        assertThat(chunks).hasSizeGreaterThan(5);
        for (StreamChunk chunk : chunks) {
            if (chunk instanceof StreamChunk.StepStart) {
                continue; // carries the time it is serialised at
            }
            assertThat(written(chunk, runId)).isEqualTo(Json.MAPPER.writeValueAsString(Wire.streamChunk(chunk, runId)));
        }
    }
}
