package dev.mastra4j.benchmarks.memory;

import com.sun.management.OperatingSystemMXBean;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.AgentMemoryOption;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.storage.libsql.LibSQLStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SQLite store's statement cache saves on a generate with memory, in process (no HTTP), paired: each
 * operation runs one generate on an agent whose {@link LibSQLStore} compiles every statement anew
 * ({@code statementCacheSize(0)}) and one on the same agent over a store that keeps them (the default), in an order
 * that alternates, and sums each one's process CPU time and wall time ({@link Readings}). Pairing matters on a shared
 * machine: both variants see the same noise. The agent is the weather agent of {@code memory.sh} on the offline stand-in
 * model, with its memory (last 10 messages, working memory), on a thread that holds 100 messages when measuring starts.
 *
 * <p>Process CPU time counts the run's virtual threads, which the benchmark thread's own CPU time would miss, and
 * also the JIT and GC threads, which both variants share alike once warm.
 *
 * <p>Run: {@code taskset -c 0 java -jar benchmarks/target/benchmarks.jar MemoryTurnBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class MemoryTurnBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final List<Message> MESSAGES = List.of(Message.user("What is the weather in Paris?"));
    private static final AgentOptions WITH_MEMORY = AgentOptions.builder()
            .memory(new AgentMemoryOption("thread-1", "user_bench"))
            .build();

    @Param({"FULL", "NORMAL"})
    public String synchronous;

    private Path dir;
    private final LibSQLStore[] stores = new LibSQLStore[2];
    private final Agent[] agents = new Agent[2];
    private long operations;

    /** Per iteration: each variant's mean process CPU and wall time per generate, in microseconds. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Readings {
        public double uncachedCpuUs;
        public double cachedCpuUs;
        public double uncachedWallUs;
        public double cachedWallUs;
        final long[] cpu = new long[2];
        final long[] wall = new long[2];
        final long[] runs = new long[2];

        @Setup(Level.Iteration)
        public void reset() {
            for (int i = 0; i < 2; i++) {
                cpu[i] = 0;
                wall[i] = 0;
                runs[i] = 0;
            }
        }

        @TearDown(Level.Iteration)
        public void total() {
            uncachedCpuUs = mean(cpu[0], runs[0]);
            cachedCpuUs = mean(cpu[1], runs[1]);
            uncachedWallUs = mean(wall[0], runs[0]);
            cachedWallUs = mean(wall[1], runs[1]);
        }

        private static double mean(long nanos, long count) {
            return count == 0 ? 0 : nanos / 1000.0 / count;
        }
    }

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("memory-turn");
        for (int i = 0; i < 2; i++) {
            stores[i] = LibSQLStore.builder()
                    .url("file:" + dir.resolve("mastra-" + i + ".db"))
                    .synchronous(LibSQLStore.Synchronous.valueOf(synchronous))
                    .statementCacheSize(i == 0 ? 0 : LibSQLStore.DEFAULT_STATEMENT_CACHE_SIZE)
                    .build();
            agents[i] = Agent.builder()
                    .id("weatherAgent")
                    .name("Weather Agent")
                    .instructions("You answer questions about the weather in one short sentence.")
                    .env(Map.of())
                    .model("offline/weather")
                    .memory(Memory.builder()
                            .storage(stores[i])
                            .lastMessages(10)
                            .workingMemory(WorkingMemory.enabledWith("# User\n- Name:\n- Location:\n"))
                            .build())
                    .build();
            while (stores[i]
                            .listMessages("thread-1", 0, 1, OrderBy.NEWEST_FIRST)
                            .total()
                    < 100) {
                agents[i].generate(MESSAGES, WITH_MEMORY);
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        for (LibSQLStore store : stores) {
            store.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** One generate with memory on each variant; the score is the pair's time, the readings split it. */
    @Benchmark
    public void pair(Readings readings) {
        int first = (int) (operations++ & 1);
        turn(first, readings);
        turn(1 - first, readings);
    }

    private void turn(int variant, Readings readings) {
        long cpu = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        agents[variant].generate(MESSAGES, WITH_MEMORY);
        readings.wall[variant] += System.nanoTime() - wall;
        readings.cpu[variant] += OS.getProcessCpuTime() - cpu;
        readings.runs[variant]++;
    }
}
