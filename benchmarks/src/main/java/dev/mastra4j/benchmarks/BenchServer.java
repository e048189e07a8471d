package dev.mastra4j.benchmarks;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.helidon.JvmDefaults;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The server under load in {@code benchmarks/load/*.sh}: the weather agent on the offline stand-in model, with a local
 * weather tool (no network), either open or protected by {@link MastraAuthClerk} on a {@link LocalClerkIssuer}.
 *
 * <p>Arguments: {@code --port N} (default 4111), {@code --auth none|clerk} (default clerk), {@code --jwks-uri URI} to
 * verify against an issuer started elsewhere (then {@code --publishable-key} is needed too). Prints {@code READY <url>}
 * and, with auth, {@code TOKEN <token>} (valid 2 h) on stdout.
 *
 * <p>For {@code benchmarks/peer/*.sh}: {@code --model offline|slow} (default offline; slow is {@link SlowStreamingModel},
 * one token every {@code --slow-interval-ms} (100) for {@code --slow-tokens} (300)), and {@code --token-cache N}
 * (verified-token cache entries; 0 verifies every request's signature).
 *
 * <p>{@code --streams-per-user N} (default 0, no limit): the load clients send every stream with the one token, so
 * the server's per-user stream limit (16 by default) would answer most of them 429.
 *
 * <p>For {@code benchmarks/peer/memory.sh}: {@code --storage URL} ({@code file:...} or {@code postgresql://...}, see
 * {@link BenchStorage}) gives the Mastra instance that store and the agent memory configured as the Mastra peer's
 * ({@code lastMessages} 10, resource-scoped working memory with the peer's template); {@code --sync FULL|NORMAL}
 * (default FULL) picks SQLite's commit sync, {@code --pg-pool N} PostgreSQL's pool size. Requests without a
 * {@code memory} field run without memory, as in Mastra.
 */
public final class BenchServer {

    record Input(String location) {}

    record Output(String location, double temperature, String conditions) {}

    private BenchServer() {}

    public static void main(String[] args) {
        JvmDefaults.apply();
        Map<String, String> options = Args.parse(args);
        int port = Integer.parseInt(options.getOrDefault("port", "4111"));
        boolean auth = !"none".equals(options.getOrDefault("auth", "clerk"));

        Tool weatherTool = Tool.builder()
                .id("weatherTool")
                .description("Get current weather for a location")
                .inputSchema(Input.class)
                .execute((in, ctx) -> new Output(in.location(), 21.0, "Sunny"))
                .build();
        Agent.Builder agent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather in one short sentence.")
                .env(Map.of())
                .tools(weatherTool);
        MemoryStorage storage = null;
        if (options.containsKey("storage")) {
            storage = BenchStorage.open(
                    options.get("storage"),
                    options.getOrDefault("sync", "FULL"),
                    Integer.parseInt(options.getOrDefault("pg-pool", "0")));
            agent.memory(Memory.builder()
                    .lastMessages(10)
                    .workingMemory(WorkingMemory.enabledWith("# User\n- Name:\n- Location:\n"))
                    .build());
        }
        String model = options.getOrDefault("model", "offline");
        switch (model) {
            case "offline" -> agent.model("offline/weather");
            case "slow" ->
                agent.model(new SlowStreamingModel(
                        Duration.ofMillis(Long.parseLong(options.getOrDefault("slow-interval-ms", "100"))),
                        Integer.parseInt(options.getOrDefault("slow-tokens", "300"))));
            default -> throw new IllegalArgumentException("--model must be offline or slow, not " + model);
        }
        Agent weatherAgent = agent.build();

        ServerOptions.Builder server = ServerOptions.builder(Map.of())
                .host("127.0.0.1")
                .port(port)
                .maxStreamsPerUser(Integer.parseInt(options.getOrDefault("streams-per-user", "0")));
        LocalClerkIssuer issuer = null;
        String token = null;
        if (auth) {
            String jwksUri = options.get("jwks-uri");
            MastraAuthClerk.Builder clerk = MastraAuthClerk.builder().env(Map.of());
            if (options.containsKey("token-cache")) {
                clerk.verifiedTokenCacheSize(Integer.parseInt(options.get("token-cache")));
            }
            if (jwksUri == null) {
                issuer = LocalClerkIssuer.start();
                clerk.publishableKey(issuer.publishableKey())
                        .secretKey(issuer.secretKey())
                        .jwksUri(issuer.jwksUri().toString());
                token = issuer.tokenBuilder().expiresIn(Duration.ofHours(2)).build();
            } else {
                clerk.publishableKey(options.get("publishable-key"))
                        .secretKey(options.getOrDefault("secret-key", "sk_test_bench"))
                        .jwksUri(URI.create(jwksUri).toString());
            }
            server.auth(clerk.build());
        }
        Mastra.Builder builder = Mastra.builder().agent(weatherAgent).server(server);
        if (storage != null) {
            builder.storage(storage);
        }
        Mastra mastra = builder.build().start();
        LocalClerkIssuer startedIssuer = issuer;
        MemoryStorage startedStorage = storage;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            mastra.close();
            if (startedStorage != null) {
                startedStorage.close();
            }
            if (startedIssuer != null) {
                startedIssuer.close();
            }
        }));
        System.out.println("READY " + mastra.url());
        if (token != null) {
            System.out.println("TOKEN " + token);
        }
        System.out.flush();
    }
}
