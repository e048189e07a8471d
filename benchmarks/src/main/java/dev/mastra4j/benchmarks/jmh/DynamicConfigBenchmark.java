package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.GenerateResult;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16's per-request configuration cost: one generate of a signed-in Clerk user (the server's request context)
 * on a static agent and on the same agent with dynamic instructions, model and tools (a permission check, a string
 * built from the user, a model string looked up), side by side. The offline model and the tool loop (one tool call,
 * one answer) are the same for both, so the difference is what the functions and their resolution add per run.
 *
 * <p>Run briefly: {@code java -jar benchmarks/target/benchmarks.jar DynamicConfigBenchmark -wi 1 -i 2 -r 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class DynamicConfigBenchmark {

    record Input(String location) {}

    private static final String PERMISSION = "org:weather:alert";

    private Agent staticAgent;
    private Agent dynamicAgent;
    private List<Message> messages;
    private ClerkUser user;

    @Setup
    public void setUp() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Input.class)
                .execute((in, ctx) -> Map.of("temperature", 21))
                .build();
        Tool alert = Tool.builder()
                .id("alertTool")
                .inputSchema(Input.class)
                .execute((in, ctx) -> Map.of("sent", true))
                .build();
        staticAgent = Agent.builder()
                .id("static")
                .instructions("You answer questions about the weather for user_bench.")
                .model("offline/stand-in")
                .tools(weather, alert)
                .build();
        dynamicAgent = Agent.builder()
                .id("dynamic")
                .instructions(ctx -> "You answer questions about the weather for "
                        + (ctx.get(RequestContext.USER_KEY) instanceof ClerkUser u ? u.userId() : "a guest") + ".")
                .model(ctx -> "offline/stand-in")
                .tools(ctx -> ctx.get(RequestContext.USER_KEY) instanceof ClerkUser u
                                && u.orgPermissions().contains(PERMISSION)
                        ? List.of(weather, alert)
                        : List.of(weather))
                .build();
        messages = List.of(Message.user("Weather in London"));
        user = new ClerkUser("user_bench", "sess_1", "org_1", "acme", "org:admin", List.of(PERMISSION), Map.of());
    }

    private AgentOptions options() {
        return AgentOptions.builder()
                .requestContext(new RequestContext().set(RequestContext.USER_KEY, user))
                .build();
    }

    @Benchmark
    public GenerateResult staticConfig() {
        return staticAgent.generate(messages, options());
    }

    @Benchmark
    public GenerateResult dynamicConfig() {
        return dynamicAgent.generate(messages, options());
    }
}
