package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.client.GenerateResponse;
import dev.mastra4j.client.MastraClient;
import dev.mastra4j.client.MastraClientException;
import dev.mastra4j.client.StreamEvent;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The example as a new user runs it: real server on loopback, offline model, Open-Meteo stand-in, real tokens. */
class WeatherAppTest {

    @AutoClose
    private final OpenMeteoStub openMeteo = new OpenMeteoStub();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void developmentModeServesTheDocsCurlCallWithTheDevToken() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv())) {
            assertThat(app.devIssuer()).isNotNull();
            String token = app.devIssuer().token();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(app.mastra().url() + "/api/agents/weatherAgent/generate"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": \"Weather in London\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("\"text\"")
                    .contains("[offline model]")
                    .contains("11.2")
                    .contains("Rain");
            assertThat(openMeteo.queries).anyMatch(q -> q.startsWith("search?") && q.contains("name=London"));
            assertThat(openMeteo.queries).anyMatch(q -> q.startsWith("forecast?") && q.contains("latitude=51.50853"));
        }
    }

    @Test
    void developmentModeAnswersAuthMeFromALoopbackBackendApi() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv())) {
            HttpResponse<String> me = http.send(
                    HttpRequest.newBuilder(URI.create(app.mastra().url() + "/api/auth/me"))
                            .header("Authorization", "Bearer " + app.devIssuer().token("user_dev"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // The email comes from the Backend API stand-in: nothing is asked of Clerk's real one.
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body())
                    .isEqualTo("{\"id\":\"user_dev\",\"email\":\"dev@example.com\",\"name\":\"Dev User\"}");
        }
    }

    @Test
    void theSameCallWithoutATokenIsRefused() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv())) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(app.mastra().url() + "/api/agents/weatherAgent/generate"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": \"Weather in London\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(openMeteo.queries).isEmpty();
        }
    }

    @Test
    void clerkModeVerifiesTokensFromTheConfiguredInstance() {
        try (LocalClerkIssuer clerk = LocalClerkIssuer.start()) {
            Map<String, String> env = openMeteo.appEnv();
            env.put("CLERK_PUBLISHABLE_KEY", clerk.publishableKey());
            env.put("CLERK_SECRET_KEY", clerk.secretKey());
            env.put("CLERK_JWKS_URI", clerk.jwksUri().toString());
            try (WeatherApp app = WeatherApp.start(env);
                    MastraClient client = MastraClient.builder()
                            .baseUrl(app.mastra().url())
                            .tokenSupplier(clerk::token)
                            .build()) {
                assertThat(app.devIssuer()).isNull();
                GenerateResponse answer = client.getAgent("weatherAgent").generate("Weather in London");
                assertThat(answer.text()).contains("11.2");
                assertThat(answer.toolCalls())
                        .singleElement()
                        .satisfies(call -> assertThat(call.toolName()).isEqualTo("weatherTool"));

                List<String> types = client.getAgent("weatherAgent").stream("Weather in London")
                        .chunks()
                        .map(StreamEvent::type)
                        .toList();
                assertThat(types)
                        .startsWith("start")
                        .endsWith("finish")
                        .contains("tool-call", "tool-result", "text-delta");

                try (LocalClerkIssuer stranger = LocalClerkIssuer.start();
                        MastraClient impostor = MastraClient.builder()
                                .baseUrl(app.mastra().url())
                                .tokenSupplier(stranger::token)
                                .retries(0)
                                .build()) {
                    assertThatThrownBy(impostor::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.reason()).isNotBlank();
                    });
                }
            }
        }
    }

    @Test
    void partialClerkConfigurationFailsAtStartupNamingTheMissingVariables() {
        Map<String, String> env = openMeteo.appEnv();
        env.put(
                "CLERK_PUBLISHABLE_KEY",
                "pk_test_"
                        + java.util.Base64.getEncoder().encodeToString("quiet-fox-12.clerk.accounts.dev$".getBytes()));
        assertThatThrownBy(() -> WeatherApp.start(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLERK_SECRET_KEY");
    }

    @Test
    void modelDefaultsToOpenAiWithAKeyAndToTheOfflineStandInWithout() {
        assertThat(WeatherAgent.modelFor(Map.of())).isEqualTo("offline/weather");
        assertThat(WeatherAgent.modelFor(Map.of("OPENAI_API_KEY", "sk-test"))).isEqualTo("openai/gpt-4o-mini");
        assertThat(WeatherAgent.modelFor(
                        Map.of("OPENAI_API_KEY", "sk-test", "MODEL", "anthropic/claude-3-5-haiku-latest")))
                .isEqualTo("anthropic/claude-3-5-haiku-latest");
    }

    @Test
    void openAiModelsWorkBecauseTheExampleDeclaresLangChain4jOpenAi() throws Exception {
        try (OpenAiStub openAi = OpenAiStub.start()) {
            openAi.enqueue(Reply.text("Drizzle in London."));
            Map<String, String> env = openMeteo.appEnv();
            env.putAll(openAi.env("sk-example-test"));
            try (WeatherApp app = WeatherApp.start(env);
                    MastraClient client = MastraClient.builder()
                            .baseUrl(app.mastra().url())
                            .tokenSupplier(app.devIssuer()::token)
                            .build()) {
                assertThat(app.mastra().getAgent("weatherAgent").provider()).isEqualTo("openai");
                assertThat(client.getAgent("weatherAgent")
                                .generate("Weather in London")
                                .text())
                        .isEqualTo("Drizzle in London.");
                assertThat(openAi.requests())
                        .singleElement()
                        .satisfies(
                                request -> assertThat(request.authorization()).isEqualTo("Bearer sk-example-test"));
            }
        }
    }

    @Test
    void theToolsLocationIsDescribedToClientsAndToTheModel() throws Exception {
        try (OpenAiStub openAi = OpenAiStub.start()) {
            openAi.enqueue(Reply.text("Drizzle in London."));
            Map<String, String> env = openMeteo.appEnv();
            env.putAll(openAi.env("sk-example-test"));
            try (WeatherApp app = WeatherApp.start(env);
                    MastraClient client = MastraClient.builder()
                            .baseUrl(app.mastra().url())
                            .tokenSupplier(app.devIssuer()::token)
                            .build()) {
                assertThat(client.listTools()
                                .get("weatherTool")
                                .inputSchema()
                                .at("/properties/location/description")
                                .asText())
                        .isEqualTo("City name");
                client.getAgent("weatherAgent").generate("Weather in London");
                assertThat(openAi.requests())
                        .singleElement()
                        .satisfies(request -> assertThat(request.body()
                                        .at("/tools/0/function/parameters/properties/location/description")
                                        .asText())
                                .isEqualTo("City name"));
            }
        }
    }

    @Test
    void aProviderTheExampleDoesNotDeclareFailsAtStartupNamingItsArtifact() {
        Map<String, String> env = openMeteo.appEnv();
        env.put("MODEL", "anthropic/claude-3-5-haiku");
        env.put("ANTHROPIC_API_KEY", "sk-ant-never-printed");
        assertThatThrownBy(() -> WeatherApp.start(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Model \"anthropic/claude-3-5-haiku\" needs dev.langchain4j:langchain4j-anthropic on the "
                        + "classpath (add it to your pom; version from langchain4j-bom)");
    }

    @Test
    void unknownPlaceBecomesAToolErrorTheModelSeesNotAServerError() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                MastraClient client = MastraClient.builder()
                        .baseUrl(app.mastra().url())
                        .tokenSupplier(app.devIssuer()::token)
                        .build()) {
            GenerateResponse answer = client.getAgent("weatherAgent").generate("Weather in Atlantis");
            assertThat(answer.text()).contains("Atlantis").contains("not found");
        }
    }
}
