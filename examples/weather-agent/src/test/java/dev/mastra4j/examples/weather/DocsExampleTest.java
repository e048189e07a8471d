package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.client.MastraClient;
import dev.mastra4j.client.MastraClientException;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's translation of the Mastra docs example, line for line, against a loopback Clerk instance. */
class DocsExampleTest {

    record WeatherInput(String location) {}

    private static Map<String, String> environment;

    private static String env(String name) {
        return environment.get(name);
    }

    private static Object getWeather(String location) {
        return Map.of("location", location, "temperature", 18.5, "conditions", "Partly cloudy");
    }

    @Test
    void theDocsExampleWorksLineForLine() {
        try (LocalClerkIssuer clerkInstance = LocalClerkIssuer.start()) {
            environment = Map.of(
                    "CLERK_PUBLISHABLE_KEY", clerkInstance.publishableKey(),
                    "CLERK_SECRET_KEY", clerkInstance.secretKey(),
                    "CLERK_JWKS_URI", clerkInstance.jwksUri().toString());

            // --- README: "The Mastra docs example, in Java" ---
            Tool weatherTool = Tool.builder()
                    .id("weatherTool")
                    .description("Get current weather for a location")
                    .inputSchema(WeatherInput.class)
                    .execute((in, ctx) -> getWeather(in.location()))
                    .build();

            Agent weatherAgent = Agent.builder()
                    .id("weatherAgent")
                    .name("Weather Agent")
                    .instructions("You are a helpful weather assistant that provides accurate weather information.")
                    .model("offline/weather") // the README uses openai/gpt-4o-mini; no key here
                    .tools(weatherTool)
                    .build();

            Mastra mastra = Mastra.builder()
                    .agent(weatherAgent)
                    .server(s -> s.host("127.0.0.1")
                            .port(0)
                            .auth(MastraAuthClerk.builder()
                                    .publishableKey(env("CLERK_PUBLISHABLE_KEY"))
                                    .secretKey(env("CLERK_SECRET_KEY"))
                                    .jwksUri(env("CLERK_JWKS_URI"))
                                    .build()))
                    .build()
                    .start();
            // --- end of README code ---

            try (mastra;
                    MastraClient client = MastraClient.builder()
                            .baseUrl(mastra.url())
                            .tokenSupplier(clerkInstance::token)
                            .build();
                    MastraClient anonymous = MastraClient.builder()
                            .baseUrl(mastra.url())
                            .retries(0)
                            .build()) {
                String text = client.getAgent("weatherAgent")
                        .generate("Weather in London")
                        .text();
                assertThat(text).contains("Partly cloudy").contains("18.5");
                String streamed = String.join(
                        "",
                        client.getAgent("weatherAgent").stream("Weather in London")
                                .textStream()
                                .toList());
                assertThat(streamed).isEqualTo(text);

                MastraClientException refused = org.junit.jupiter.api.Assertions.assertThrows(
                        MastraClientException.class,
                        () -> anonymous.getAgent("weatherAgent").generate("Weather in London"));
                assertThat(refused.status()).isEqualTo(401);
            }
        }
    }
}
