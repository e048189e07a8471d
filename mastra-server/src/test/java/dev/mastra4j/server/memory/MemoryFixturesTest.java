package dev.mastra4j.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.util.Ids;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays the requests captured from Mastra 1.71 ({@code fixtures/mastra-1.71-memory}, in capture order) against our
 * server and compares status and body after the capture's own normalisation (UUIDs, ISO dates, epoch milliseconds).
 * Generate and stream calls belong to another part of the server: where the capture made one that saved messages,
 * this test stores the same two messages directly, so that the memory routes after it see Mastra's data.
 *
 * <p>Where the issue asks us to do better than Mastra, {@link #better} states our answer instead.
 */
class MemoryFixturesTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/mastra-1.71-memory");

    /** The order of {@code full()} in {@code benchmarks/mastra-peer-memory/capture-memory.mjs}. */
    static final List<String> FULL = List.of(("status status-no-agent status-unknown-agent status-signed-out config"
                    + " config-no-agent create-thread create-thread-generated-id create-thread-no-resource"
                    + " create-thread-alice-2 create-thread-other-resource create-thread-bob create-thread-no-agent"
                    + " create-thread-wrong-types create-thread-not-json list-threads-own list-threads-other-resource"
                    + " list-threads-no-resource list-threads-bob list-threads-page list-threads-orderby-json"
                    + " list-threads-orderby-brackets list-threads-orderby-legacy list-threads-orderby-bad-field"
                    + " list-threads-page-negative list-threads-perpage-text list-threads-perpage-zero"
                    + " list-threads-perpage-false list-threads-perpage-huge list-threads-signed-out get-thread-own"
                    + " get-thread-own-with-agent get-thread-other get-thread-other-with-their-resource"
                    + " get-thread-unknown get-thread-encoded-id get-thread-case-variant update-thread-own"
                    + " update-thread-own-resource-change update-thread-other update-thread-unknown"
                    + " update-thread-wrong-types update-thread-no-agent generate-memory-thread-resource"
                    + " list-messages-right-after-generate generate-memory-second-turn generate-memory-new-thread"
                    + " generate-memory-thread-object generate-threadid-resourceid generate-legacy-threadid-resourceid"
                    + " generate-memory-threadid-resourceid generate-memory-no-resource generate-memory-other-resource"
                    + " generate-memory-other-thread generate-memory-other-thread-model-calls"
                    + " generate-memory-other-thread-their-resource"
                    + " generate-memory-thread-wrong-type stream-memory-thread-resource list-messages-right-after-stream"
                    + " stream-threadid-resourceid stream-memory-other-thread generate-bob-own list-messages-own"
                    + " list-messages-own-with-agent list-messages-page list-messages-desc list-messages-other"
                    + " list-messages-unknown list-messages-perpage-text list-messages-page-negative"
                    + " list-messages-stream-thread list-messages-top-level-ids-thread list-messages-legacy-thread"
                    + " list-messages-claims-bob-thread get-thread-claims-bob get-thread-created-by-generate"
                    + " get-thread-created-by-generate-object save-messages-own save-messages-v1-string-content"
                    + " save-messages-other-resource save-messages-other-thread save-messages-new-thread"
                    + " save-messages-missing-thread save-messages-not-array save-messages-no-agent save-messages-bob-own"
                    + " list-messages-after-save delete-messages-other delete-messages-mixed delete-messages-own"
                    + " delete-messages-own-string delete-messages-own-objects delete-messages-unknown"
                    + " delete-messages-missing delete-messages-wrong-type list-messages-after-delete"
                    + " list-messages-bob-after-delete working-memory-get-empty working-memory-update-own"
                    + " working-memory-get-own working-memory-get-own-other-thread working-memory-get-other"
                    + " working-memory-update-other working-memory-get-unknown working-memory-update-unknown"
                    + " working-memory-update-missing working-memory-get-no-agent working-memory-get-bob"
                    + " generate-after-working-memory clone-thread-own clone-thread-own-generated-id"
                    + " clone-thread-own-options clone-thread-other clone-thread-unknown list-messages-clone"
                    + " bob-thread-before-takeover create-thread-with-others-id bob-thread-after-takeover"
                    + " bob-messages-after-takeover alice-reads-taken-thread-messages create-thread-bob-2"
                    + " clone-into-others-id bob-thread-2-after-clone create-thread-bob-3"
                    + " generate-into-others-id-own-resource bob-thread-3-after-generate stream-cancelled"
                    + " stream-cancelled-messages-after-1s stream-cancelled-thread-after-1s"
                    + " stream-cancelled-messages-after-12s delete-thread-other delete-thread-unknown"
                    + " delete-thread-no-agent delete-thread-own get-thread-after-delete"
                    + " list-messages-after-thread-delete list-threads-own-final list-threads-bob-final")
            .split(" "));

    /** The order of {@code noMapping()}: Mastra without {@code mapUserToResourceId}; for development mode here. */
    static final List<String> NO_MAPPING = List.of(
            "create-thread",
            "create-thread-no-resource",
            "list-threads-bob-asks-alice",
            "list-threads-no-resource",
            "get-thread-bob-no-resource",
            "get-thread-bob-own-resource",
            "generate-bob-into-alice-thread",
            "generate-bob-own-resource",
            "generate-no-resource",
            "list-messages-bob");

    private final Map<String, JsonNode> seen = new HashMap<>();

    @Test
    void everyCapturedMemoryRequestGetsMastrasAnswer() throws IOException {
        try (MemoryServer server = MemoryServer.withClerk()) {
            replay(server, DIR, FULL);
        }
    }

    @Test
    void developmentModeAnswersAsMastraWithoutAResourceMapping() throws IOException {
        try (MemoryServer server = MemoryServer.development()) {
            replay(server, DIR.resolve("no-mapping"), NO_MAPPING);
        }
    }

    @Test
    void theOrderListsEveryHttpFixture() throws IOException {
        try (var files = Files.list(DIR)) {
            List<String> cases = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith("-model-prompt.json") && !n.endsWith("-rows.json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .toList();
            assertThat(FULL).containsAll(cases);
        }
    }

    private void replay(MemoryServer server, Path dir, List<String> cases) throws IOException {
        int compared = 0;
        for (String name : cases) {
            JsonNode fixture = Json.MAPPER.readTree(dir.resolve(name + ".json").toFile());
            JsonNode request = fixture.get("request");
            String path = request.get("path").asText();
            if (!path.startsWith("/api/memory/")) {
                emulateRun(server, name, fixture);
                continue;
            }
            String body = null;
            if (request.has("body")) {
                JsonNode b = request.get("body");
                body = b.isTextual() ? b.asText() : Json.MAPPER.writeValueAsString(b);
                // The capture sends this fixed date (capture-memory.mjs, save-messages).
                body = body.replace("\"<date>\"", "\"2026-01-02T03:04:05.000Z\"");
            }
            HttpResponse<String> response = server.call(
                    request.get("user").asText(), request.get("method").asText(), path, body);
            JsonNode actual = normalise(response.body());
            seen.put(name, actual);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(name)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode better = better(name, fixture.get("body"));
            if (better != null) {
                int status = better.get("status").asInt();
                assertThat(response.statusCode())
                        .as(name + ": " + response.body())
                        .isEqualTo(status);
                if (better.has("body")) {
                    assertThat(actual).as(name).isEqualTo(better.get("body"));
                }
            } else {
                assertThat(response.statusCode())
                        .as(name + ": " + response.body())
                        .isEqualTo(fixture.get("status").asInt());
                assertThat(actual).as(name).isEqualTo(fixture.get("body"));
            }
            compared++;
        }
        assertThat(compared).isPositive();
    }

    /**
     * Our answer where it differs from Mastra's on purpose: {@code {"status", "body"?}} (no body: status only), or
     * null for Mastra's.
     */
    private JsonNode better(String name, JsonNode mastraBody) {
        ObjectNode denied = Json.MAPPER.createObjectNode().put("error", MemoryAccess.THREAD_DENIED);
        return switch (name) {
            // Signed out: our auth layer's wording ("Authentication required"); the status is Mastra's.
            case "status-signed-out", "list-threads-signed-out" -> expect(401, null);
            // A JSON parser's message cannot be JavaScript's; status, error and field are Mastra's.
            case "create-thread-not-json" -> {
                JsonNode actual = seen.get(name);
                assertThat(actual.get("issues").get(0).get("field").asText()).isEqualTo("body");
                yield expect(400, actual.get("error").asText().equals("Invalid request body") ? actual : null);
            }
            // Do better: another resource's thread id is never taken over, and the thread stays as it was.
            case "create-thread-with-others-id" -> expect(403, denied);
            case "bob-thread-after-takeover" -> expect(200, seen.get("bob-thread-before-takeover"));
            case "bob-messages-after-takeover" -> expect(200, null);
            case "alice-reads-taken-thread-messages" -> expect(403, denied);
            // Do better: a clone onto an existing id is a conflict, not a server error.
            case "clone-into-others-id" -> expect(409, mastraBody);
            case "list-threads-own-final" -> expect(200, without(mastraBody, "thread-bob-1"));
            case "list-threads-bob-final" -> {
                ObjectNode body = mastraBody.deepCopy();
                ObjectNode bob1 = seen.get("bob-thread-before-takeover").deepCopy();
                ((ArrayNode) body.get("threads")).add(bob1);
                body.put("total", body.get("total").asInt() + 1);
                yield expect(200, body);
            }
            default -> null;
        };
    }

    private static JsonNode without(JsonNode page, String threadId) {
        ObjectNode body = page.deepCopy();
        ArrayNode kept = Json.MAPPER.createArrayNode();
        body.get("threads").forEach(t -> {
            if (!t.get("id").asText().equals(threadId)) {
                kept.add(t);
            }
        });
        body.set("threads", kept);
        body.put("total", kept.size());
        return body;
    }

    private static JsonNode expect(int status, JsonNode body) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("status", status);
        if (body != null) {
            node.set("body", body);
        }
        return node;
    }

    /**
     * A generate or stream that answered 200 with {@code memory}: stores what Mastra stored (the user's message and the
     * reply, v2) in a thread created on first use and owned by the caller's resource. Other runs changed nothing.
     */
    private static void emulateRun(MemoryServer server, String name, JsonNode fixture) {
        JsonNode request = fixture.get("request");
        JsonNode memory = request.path("body").path("memory");
        if (fixture.path("status").asInt() != 200
                || !memory.has("thread")
                || !request.path("path").asText().startsWith("/api/agents/")) {
            return;
        }
        String user = request.get("user").asText();
        JsonNode thread = memory.get("thread");
        String threadId = thread.isObject() ? thread.get("id").asText() : thread.asText();
        String owner = server.server.mastra().serverOptions().authProvider() == null
                ? memory.get("resource").asText()
                : MemoryServer.resource(user);
        String reply;
        if (fixture.get("body").has("events")) {
            StringBuilder text = new StringBuilder();
            fixture.get("body").get("events").forEach(e -> {
                if (e.path("type").asText().equals("text-delta")) {
                    text.append(e.path("payload").path("text").asText());
                }
            });
            reply = text.toString();
        } else {
            reply = fixture.get("body").get("text").asText();
        }
        new MemoryAccess(server.store, server.clock).threadForRun(owner, threadId);
        String said = request.get("body").get("messages").get(0).get("content").asText();
        Instant asked = server.clock.instant();
        Instant answered = server.clock.instant();
        ObjectNode answer = v2(reply, answered);
        if (!name.equals("stream-cancelled")) {
            answer.putObject("metadata").put("modelId", "fixed-reply").put("provider", "harness");
        }
        server.store.saveMessages(List.of(
                new StorageMessage(Ids.uuid(), threadId, owner, "user", StorageMessage.V2, v2(said, asked), asked),
                new StorageMessage(Ids.uuid(), threadId, owner, "assistant", StorageMessage.V2, answer, answered)));
        assertThat(reply).as(name).isNotEmpty();
    }

    private static ObjectNode v2(String text, Instant at) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("format", 2);
        content.putArray("parts")
                .addObject()
                .put("type", "text")
                .put("text", text)
                .put("createdAt", at.toEpochMilli());
        content.put("content", text);
        return content;
    }

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern EPOCH_MS = Pattern.compile("(?<=[:\\[,])1\\d{12}(?=[,}\\]])");

    /** The capture's normalisation ({@code normalise} in capture-memory.mjs), on compact JSON. */
    static JsonNode normalise(String body) {
        String text = ServerHarness.json(body).toString();
        Map<String, String> ids = new HashMap<>();
        Matcher m = UUID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group().toLowerCase(java.util.Locale.ROOT);
            String label = ids.computeIfAbsent(key, k -> "<uuid-" + (ids.size() + 1) + ">");
            m.appendReplacement(out, Matcher.quoteReplacement(label));
        }
        m.appendTail(out);
        text = ISO.matcher(out.toString()).replaceAll("<date>");
        text = EPOCH_MS.matcher(text).replaceAll("\"<epoch-ms>\"");
        return ServerHarness.json(text);
    }
}
