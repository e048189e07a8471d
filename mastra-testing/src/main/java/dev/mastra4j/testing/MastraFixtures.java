package dev.mastra4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Responses captured from a real Mastra 1.71 server (the same agent and tool as the tests build), shared by every
 * module that checks its wire format against Mastra's: {@code mastra-1.71-list-agents.json} ({@code GET /api/agents}),
 * {@code mastra-1.71-generate-response.json} ({@code POST /api/agents/:agentId/generate}) and
 * {@code mastra-1.71-stream.sse} ({@code POST /api/agents/:agentId/stream}). They are class-path resources of this
 * module, under {@code dev/mastra4j/testing/fixtures/}.
 */
public final class MastraFixtures {

    private MastraFixtures() {}

    /**
     * The fixture's text (UTF-8).
     *
     * @throws IllegalArgumentException when there is no fixture of that name
     */
    public static String text(String name) {
        try (InputStream in = MastraFixtures.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No Mastra fixture named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
