package dev.mastra4j.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of memory operations by three Clerk users on one small shared id space (4 thread ids, 4 message
 * ids), over real HTTP, checked against a model of who owns what: every answer is the model's (200, 403, 404, 409),
 * no user ever reads another's thread or message text, and no refused operation changes anything.
 */
class MemoryOwnershipPropertiesTest {

    private static final String AGENT = "agentId=weatherAgent";
    private static final List<String> USERS = List.of("alice", "bob", "carol");
    private static MemoryServer server;
    private static final AtomicInteger TRY = new AtomicInteger();

    enum Kind {
        CREATE,
        GET,
        UPDATE,
        DELETE,
        LIST_MESSAGES,
        SAVE,
        SAVE_AS_OTHER,
        DELETE_MESSAGE,
        CLONE,
        WORKING_MEMORY_SET,
        WORKING_MEMORY_GET,
        LIST_THREADS
    }

    /** One operation: {@code user} does {@code kind} with thread index {@code a}, and {@code b} (thread or message). */
    record Op(Kind kind, int user, int a, int b) {}

    @BeforeContainer
    static void start() {
        server = MemoryServer.withClerk();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void nobodyEverReachesAnotherUsersMemory(@ForAll("operations") List<Op> ops) {
        String run = "p" + TRY.incrementAndGet() + "-";
        Map<String, String> threadOwner = new HashMap<>();
        Map<String, Set<String>> threadTexts = new HashMap<>();
        Map<String, String> messageThread = new HashMap<>();
        Map<String, String> messageOwner = new HashMap<>();
        for (Op op : ops) {
            String user = USERS.get(op.user());
            String me = MemoryServer.resource(user);
            String thread = run + "t" + op.a();
            String other = run + "t" + op.b();
            String message = run + "m" + op.b();
            String owner = threadOwner.get(thread);
            int threadStatus = owner == null ? 404 : owner.equals(me) ? 200 : 403;
            String text = user + " says " + op.hashCode() + "-" + TRY.get();
            HttpResponse<String> r;
            int expected;
            switch (op.kind()) {
                case CREATE -> {
                    r = call(
                            user,
                            "POST",
                            "/api/memory/threads?" + AGENT,
                            "{\"threadId\":\"" + thread + "\",\"resourceId\":\"" + me + "\",\"title\":\"" + text
                                    + "\"}");
                    boolean foreignOrphans = messageThread.entrySet().stream()
                            .anyMatch(e -> e.getValue().equals(thread)
                                    && !messageOwner.get(e.getKey()).equals(me));
                    expected = owner == null ? (foreignOrphans ? 403 : 200) : owner.equals(me) ? 200 : 403;
                    if (expected == 200) {
                        threadOwner.put(thread, me);
                        threadTexts
                                .computeIfAbsent(thread, k -> new HashSet<>())
                                .add(text);
                    }
                }
                case GET -> {
                    r = call(user, "GET", "/api/memory/threads/" + thread + "?resourceId=" + other, null);
                    expected = threadStatus;
                }
                case UPDATE -> {
                    r = call(
                            user,
                            "PATCH",
                            "/api/memory/threads/" + thread + "?" + AGENT,
                            "{\"title\":\"" + text + "\"}");
                    expected = threadStatus;
                    if (expected == 200) {
                        threadTexts.get(thread).add(text);
                    }
                }
                case DELETE -> {
                    r = call(user, "DELETE", "/api/memory/threads/" + thread + "?" + AGENT, null);
                    expected = threadStatus;
                    if (expected == 200) {
                        threadOwner.remove(thread);
                        threadTexts.remove(thread);
                        messageThread.entrySet().removeIf(e -> {
                            boolean gone = e.getValue().equals(thread);
                            if (gone) {
                                messageOwner.remove(e.getKey());
                            }
                            return gone;
                        });
                    }
                }
                case LIST_MESSAGES -> {
                    r = call(user, "GET", "/api/memory/threads/" + thread + "/messages?perPage=1000", null);
                    expected = threadStatus;
                    if (expected == 200) {
                        JsonNode messages = MemoryServer.json(r).get("messages");
                        messages.forEach(
                                m -> assertThat(m.get("resourceId").asText()).isEqualTo(me));
                    }
                }
                case SAVE, SAVE_AS_OTHER -> {
                    String claimed =
                            op.kind() == Kind.SAVE ? me : MemoryServer.resource(USERS.get((op.user() + 1) % 3));
                    r = call(
                            user,
                            "POST",
                            "/api/memory/save-messages?" + AGENT,
                            "{\"messages\":[{\"id\":\"" + message
                                    + "\",\"threadId\":\"" + thread + "\",\"resourceId\":\"" + claimed
                                    + "\",\"role\":\"user\",\"content\":\"" + text + "\"}]}");
                    expected = !claimed.equals(me)
                                    || threadStatus == 403
                                    || !ownsMessage(me, message, messageThread, messageOwner, threadOwner)
                            ? 403
                            : 200;
                    if (expected == 200) {
                        messageThread.put(message, thread);
                        messageOwner.put(message, me);
                        if (owner != null) {
                            threadTexts.get(thread).add(text);
                        }
                    }
                }
                case DELETE_MESSAGE -> {
                    r = call(
                            user,
                            "POST",
                            "/api/memory/messages/delete?" + AGENT,
                            "{\"messageIds\":\"" + message + "\"}");
                    expected = ownsMessage(me, message, messageThread, messageOwner, threadOwner) ? 200 : 403;
                    if (expected == 200) {
                        messageThread.remove(message);
                        messageOwner.remove(message);
                    }
                }
                case CLONE -> {
                    r = call(
                            user,
                            "POST",
                            "/api/memory/threads/" + thread + "/clone?" + AGENT,
                            "{\"newThreadId\":\"" + other + "\"}");
                    boolean foreignOrphans = messageThread.entrySet().stream()
                            .anyMatch(e -> e.getValue().equals(other)
                                    && !messageOwner.get(e.getKey()).equals(me));
                    expected = owner == null
                            ? 404
                            : !owner.equals(me)
                                    ? 403
                                    : threadOwner.containsKey(other) ? 409 : foreignOrphans ? 403 : 200;
                    if (expected == 200) {
                        threadOwner.put(other, me);
                        threadTexts.put(other, new HashSet<>(threadTexts.get(thread)));
                    }
                }
                case WORKING_MEMORY_SET -> {
                    r = call(
                            user,
                            "POST",
                            "/api/memory/threads/" + thread + "/working-memory?" + AGENT,
                            "{\"workingMemory\":\"" + text + "\",\"resourceId\":\""
                                    + MemoryServer.resource(USERS.get(op.b() % 3)) + "\"}");
                    expected = threadStatus;
                }
                case WORKING_MEMORY_GET -> {
                    r = call(
                            user,
                            "GET",
                            "/api/memory/threads/" + thread + "/working-memory?" + AGENT + "&resourceId=user_alice",
                            null);
                    expected = threadStatus == 403 ? 403 : 200;
                    if (expected == 200) {
                        JsonNode wm = MemoryServer.json(r).get("workingMemory");
                        if (!wm.isNull()) {
                            assertThat(wm.asText()).startsWith(user + " says");
                        }
                    }
                }
                case LIST_THREADS -> {
                    r = call(
                            user,
                            "GET",
                            "/api/memory/threads?perPage=100000&resourceId="
                                    + MemoryServer.resource(USERS.get(op.b() % 3)),
                            null);
                    expected = 200;
                    Set<String> listed = new HashSet<>();
                    MemoryServer.json(r).get("threads").forEach(t -> {
                        assertThat(t.get("resourceId").asText()).isEqualTo(me);
                        if (t.get("id").asText().startsWith(run)) {
                            listed.add(t.get("id").asText());
                        }
                    });
                    Set<String> mine = new HashSet<>();
                    threadOwner.forEach((id, o) -> {
                        if (o.equals(me)) {
                            mine.add(id);
                        }
                    });
                    assertThat(listed).isEqualTo(mine);
                }
                default -> throw new IllegalStateException();
            }
            assertThat(r.statusCode()).as(op + " -> " + r.body()).isEqualTo(expected);
            // Nothing another user wrote ever shows up in this user's answers.
            for (String u : USERS) {
                if (!u.equals(user)) {
                    assertThat(r.body()).as(op.toString()).doesNotContain(u + " says");
                }
            }
        }
    }

    /** Whether {@code me} may overwrite or delete {@code message}: unknown, or in my thread, or my orphan. */
    private static boolean ownsMessage(
            String me,
            String message,
            Map<String, String> messageThread,
            Map<String, String> messageOwner,
            Map<String, String> threadOwner) {
        String thread = messageThread.get(message);
        if (thread == null) {
            return true;
        }
        String owner = threadOwner.get(thread);
        return owner != null ? owner.equals(me) : messageOwner.get(message).equals(me);
    }

    private static HttpResponse<String> call(String user, String method, String path, String body) {
        return server.call(user, method, path, body);
    }
}
