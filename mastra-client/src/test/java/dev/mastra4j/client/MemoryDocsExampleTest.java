package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory example of docs/fragments/client-memory.md, run against Mastra 1.71's captured answers. */
class MemoryDocsExampleTest {

    @Test
    void theReadmeMemoryExampleRuns() {
        try (StubServer server = StubServer.start()
                        .then(MemoryWire.reply("generate-memory-thread-resource"))
                        .then(MemoryWire.reply("generate-memory-second-turn"))
                        .then(MemoryWire.reply("list-threads-own"))
                        .then(MemoryWire.reply("list-messages-own"))
                        .then(MemoryWire.reply("update-thread-own"))
                        .then(MemoryWire.reply("clone-thread-own"))
                        .then(MemoryWire.reply("working-memory-update-own"))
                        .then(MemoryWire.reply("working-memory-get-own"));
                MastraClient client = server.client().build()) {
            // --- the example, as in the fragment (sessionToken() aside) ---
            GenerateOptions memory = GenerateOptions.builder()
                    .memory("trip-to-london", "user_alice")
                    .build();
            client.getAgent("weatherAgent").generate("Weather in London?", memory);
            client.getAgent("weatherAgent").generate("And tomorrow?", memory);

            MemoryThreadsPage threads = client.listMemoryThreads(ListMemoryThreadsParams.builder()
                    .resourceId("user_alice")
                    .perPage(20)
                    .build());
            MemoryThreadClient thread = client.getMemoryThread("trip-to-london", "weatherAgent");
            List<String> lines = thread.listMessages().messages().stream()
                    .map(message -> message.role() + ": " + message.text())
                    .toList();
            thread.update(
                    UpdateMemoryThreadParams.builder().title("London trip").build());
            ClonedMemoryThread copy = thread.clone(
                    CloneMemoryThreadParams.builder().newThreadId("trip-2").build());

            client.updateWorkingMemory("weatherAgent", "trip-to-london", "# User\n- Name: Alice\n");
            String notes =
                    client.getWorkingMemory("weatherAgent", "trip-to-london").workingMemory();
            // --- end of the example ---

            assertThat(threads.threads()).isNotEmpty();
            assertThat(lines).first().isEqualTo("user: What is the weather in London?");
            assertThat(copy.clonedMessages()).isNotEmpty();
            assertThat(notes).startsWith("# User");
            assertThat(server.received())
                    .extracting(StubServer.Received::target)
                    .containsExactly(
                            "/api/agents/weatherAgent/generate",
                            "/api/agents/weatherAgent/generate",
                            "/api/memory/threads?resourceId=user_alice&perPage=20",
                            "/api/memory/threads/trip-to-london/messages?agentId=weatherAgent",
                            "/api/memory/threads/trip-to-london?agentId=weatherAgent",
                            "/api/memory/threads/trip-to-london/clone?agentId=weatherAgent",
                            "/api/memory/threads/trip-to-london/working-memory?agentId=weatherAgent",
                            "/api/memory/threads/trip-to-london/working-memory?agentId=weatherAgent");
        }
    }
}
