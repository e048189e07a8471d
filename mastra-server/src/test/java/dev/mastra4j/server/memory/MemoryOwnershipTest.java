package dev.mastra4j.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Clerk users on one server: bob tries every memory route on alice's thread, her message and her working memory,
 * with every spelling of the ids and with alice's resource id in the query and the body. Nothing of alice's may be
 * read or changed; the spellings that name her thread get 403, the others reach only bob's own data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryOwnershipTest {

    private static final String AGENT = "agentId=weatherAgent";
    private static final String THREAD = "thread-alice-private";
    private static final String MESSAGE = "msg-alice-private";
    private static final String SECRET_TITLE = "alice secret title";
    private static final String SECRET_TEXT = "alice secret message";
    private static final String SECRET_MEMORY = "alice secret working memory";

    private MemoryServer server;
    private Snapshot before;

    record Snapshot(
            Optional<StorageThread> thread,
            List<StorageMessage> messages,
            Optional<StorageResource> resource,
            List<StorageThread> aliceThreads) {}

    /** How bob spells alice's thread id in a path, and whether the spelling still names her thread. */
    record Spelling(String path, boolean namesAlicesThread) {
        @Override
        public String toString() {
            return path;
        }
    }

    @BeforeAll
    void start() {
        server = MemoryServer.withClerk();
        ok(server.call("alice", "POST", "/api/memory/threads?" + AGENT, """
                {"threadId":"%s","resourceId":"user_alice","title":"%s","metadata":{"k":"v"}}""".formatted(THREAD, SECRET_TITLE)));
        ok(server.call(
                "alice", "POST", "/api/memory/save-messages?" + AGENT, """
                {"messages":[{"id":"%s","threadId":"%s","resourceId":"user_alice","role":"user","content":"%s"}]}""".formatted(MESSAGE, THREAD, SECRET_TEXT)));
        ok(server.call("alice", "POST", "/api/memory/threads/" + THREAD + "/working-memory?" + AGENT, """
                {"workingMemory":"%s"}""".formatted(
                        SECRET_MEMORY)));
        ok(server.call("bob", "POST", "/api/memory/threads?" + AGENT, """
                {"threadId":"thread-bob-own","resourceId":"user_bob","title":"Bob's"}"""));
        before = snapshot();
        assertThat(before.thread()).isPresent();
        assertThat(before.messages()).hasSize(1);
        assertThat(before.resource().map(StorageResource::workingMemory)).contains(SECRET_MEMORY);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<Spelling> spellings() {
        StringBuilder allEncoded = new StringBuilder();
        for (char c : THREAD.toCharArray()) {
            allEncoded.append('%').append(String.format("%02X", (int) c));
        }
        return List.of(
                new Spelling(THREAD, true),
                new Spelling(allEncoded.toString(), true),
                new Spelling(allEncoded.toString().toLowerCase(java.util.Locale.ROOT), true),
                new Spelling("thread%2Dalice%2Dprivate", true),
                new Spelling(THREAD + "/", true),
                new Spelling("./" + THREAD, true),
                new Spelling("x/../" + THREAD, true),
                new Spelling(THREAD.toUpperCase(java.util.Locale.ROOT), false),
                new Spelling("Thread-Alice-Private", false),
                new Spelling("%20" + THREAD, false),
                new Spelling(THREAD + "%20", false),
                new Spelling(THREAD + "%C2%A0", false),
                new Spelling(THREAD + ";x", false));
    }

    /** Every route that takes a thread id in its path, with alice's resource named in the query and the body. */
    static Stream<Arguments> attacks() {
        List<Arguments> all = new ArrayList<>();
        for (Spelling s : spellings()) {
            String t = "/api/memory/threads/" + s.path();
            String q = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            all.add(Arguments.of(s, "GET", t, null));
            all.add(Arguments.of(s, "GET", t + "?resourceId=user_alice", null));
            all.add(Arguments.of(s, "GET", t + "?resourceId=user_alice&" + AGENT, null));
            all.add(Arguments.of(s, "PATCH", q + "?" + AGENT + "&resourceId=user_alice", """
                    {"title":"hijacked","metadata":{"k":"bob"},"resourceId":"user_alice"}"""));
            all.add(Arguments.of(s, "DELETE", q + "?" + AGENT + "&resourceId=user_alice", null));
            all.add(Arguments.of(s, "GET", q + "/messages?resourceId=user_alice", null));
            all.add(Arguments.of(s, "GET", q + "/messages?" + AGENT + "&perPage=1000", null));
            all.add(Arguments.of(s, "GET", q + "/working-memory?" + AGENT + "&resourceId=user_alice", null));
            all.add(Arguments.of(s, "POST", q + "/working-memory?" + AGENT, """
                    {"workingMemory":"hijacked","resourceId":"user_alice"}"""));
            all.add(Arguments.of(s, "POST", q + "/clone?" + AGENT, """
                    {"newThreadId":"stolen-%d","resourceId":"user_alice"}""".formatted(all.size())));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("attacks")
    void bobNeverReachesAlicesThread(Spelling spelling, String method, String path, String body) {
        HttpResponse<String> response = server.call("bob", method, path, body);

        assertNothingOfAlicesLeaked(response);
        if (spelling.namesAlicesThread()) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(MemoryServer.json(response).path("error").asText()).isEqualTo(MemoryAccess.THREAD_DENIED);
        } else {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 400, 404);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    static Stream<Arguments> bodyAttacks() {
        List<Arguments> all = new ArrayList<>();
        for (String id : List.of(THREAD, THREAD.toUpperCase(java.util.Locale.ROOT), " " + THREAD, THREAD + " ")) {
            for (String resource : List.of("user_alice", "user_bob")) {
                all.add(Arguments.of("/api/memory/save-messages?" + AGENT, """
                        {"messages":[{"id":"%s","threadId":"%s","resourceId":"%s","role":"user","content":"x"}]}""".formatted(MESSAGE, id, resource)));
                all.add(Arguments.of(
                        "/api/memory/save-messages?" + AGENT + "&resourceId=user_alice", """
                        {"messages":[{"threadId":"%s","resourceId":"%s","role":"user","content":"x"}]}""".formatted(id, resource)));
                all.add(Arguments.of("/api/memory/threads?" + AGENT, """
                        {"threadId":"%s","resourceId":"%s","title":"taken"}""".formatted(id, resource)));
            }
        }
        for (String ids : List.of(
                "[\"" + MESSAGE + "\"]",
                "\"" + MESSAGE + "\"",
                "[{\"id\":\"" + MESSAGE + "\"}]",
                "[\"msg-unknown\",\"" + MESSAGE + "\"]")) {
            all.add(Arguments.of(
                    "/api/memory/messages/delete?" + AGENT + "&resourceId=user_alice", """
                    {"messageIds":%s}""".formatted(ids)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "POST {0} {1}")
    @MethodSource("bodyAttacks")
    void bobNeverWritesAlicesThreadOrMessageByBody(String path, String body) {
        HttpResponse<String> response = server.call("bob", "POST", path, body);

        assertNothingOfAlicesLeaked(response);
        boolean exactThread = body.contains("\"" + THREAD + "\"");
        boolean aliceMessageId = body.contains("\"" + MESSAGE + "\"");
        boolean namesAlice = body.contains("user_alice");
        if (exactThread || aliceMessageId || (namesAlice && path.contains("save-messages"))) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void listingShowsOnlyTheCallersThreadsWhateverTheQuerySays() {
        for (String query : List.of(
                "",
                "?resourceId=user_alice",
                "?resourceId=USER_ALICE",
                "?resourceId=%20user_alice",
                "?resourceId=user_alice&resourceId=user_bob",
                "?resourceId=&" + AGENT,
                "?perPage=100000&orderBy=%7B%22field%22%3A%22updatedAt%22%2C%22direction%22%3A%22ASC%22%7D",
                "?agentId=nope&resourceId=user_alice")) {
            HttpResponse<String> response = server.call("bob", "GET", "/api/memory/threads" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertNothingOfAlicesLeaked(response);
            JsonNode threads = MemoryServer.json(response).get("threads");
            assertThat(threads).as(query).isNotEmpty();
            threads.forEach(t -> assertThat(t.get("resourceId").asText()).isEqualTo("user_bob"));
        }
    }

    @Test
    void aliceStillHasEverythingAndBobHisOwn() {
        HttpResponse<String> alice = server.call("alice", "GET", "/api/memory/threads/" + THREAD + "/messages", null);
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(alice.body()).contains(SECRET_TEXT);
        HttpResponse<String> bob = server.call("bob", "GET", "/api/memory/threads/thread-bob-own", null);
        assertThat(bob.statusCode()).isEqualTo(200);
        HttpResponse<String> signedOut = server.call("none", "GET", "/api/memory/threads/" + THREAD, null);
        assertThat(signedOut.statusCode()).isEqualTo(401);
        assertNothingOfAlicesLeaked(signedOut);
    }

    private static void assertNothingOfAlicesLeaked(HttpResponse<String> response) {
        assertThat(response.body())
                .as(response.request().method() + " " + response.uri())
                .doesNotContain(SECRET_TITLE)
                .doesNotContain(SECRET_TEXT)
                .doesNotContain(SECRET_MEMORY);
    }

    private Snapshot snapshot() {
        return new Snapshot(
                server.store.getThreadById(THREAD),
                server.store.listMessages(THREAD, 0, 1000, OrderBy.OLDEST_FIRST).items(),
                server.store.getResourceById("user_alice"),
                server.store
                        .listThreads("user_alice", 0, 1000, OrderBy.NEWEST_FIRST)
                        .items());
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
