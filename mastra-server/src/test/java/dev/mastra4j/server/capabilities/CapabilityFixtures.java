package dev.mastra4j.server.capabilities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.io.InputStream;

/** The Mastra 1.71 captures of issue 16 ({@code benchmarks/mastra-peer/capture-capabilities.mjs}). */
final class CapabilityFixtures {

    private CapabilityFixtures() {}

    static JsonNode fixture(String name) {
        try (InputStream in =
                CapabilityFixtures.class.getResourceAsStream("/fixtures/mastra-1.71-capabilities/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
