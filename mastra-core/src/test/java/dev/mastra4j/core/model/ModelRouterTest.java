package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.core.agent.Agent;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRouterTest {

    private static final String SECRET = "sk-live-do-not-print-4242";

    @Test
    void offlineNeedsNoKeyAndIsMarkedAsAStandIn() {
        ResolvedModel model = ModelRouter.resolve("offline/stand-in", Map.of());

        assertThat(model.provider()).isEqualTo("offline");
        assertThat(model.modelId()).isEqualTo("stand-in");
        assertThat(model.isStandIn()).isTrue();
        assertThat(model.chat()).isInstanceOf(OfflineChatModel.class);
        assertThat(model.streaming()).isSameAs(model.chat());
    }

    /** An application's own model: tells its provider and model name, or nothing at all. */
    private record OwnModel(ModelProvider provider, String modelName) implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName(modelName).build();
        }
    }

    @Test
    void anApplicationsModelIsDescribedByWhatItTells() {
        ResolvedModel told = ModelRouter.wrap(new OwnModel(ModelProvider.ANTHROPIC, "claude-x"), null);
        assertThat(told.modelString()).isEqualTo("anthropic/claude-x");
        assertThat(ModelRouter.wrap(new OwnModel(ModelProvider.MISTRAL_AI, "m"), null)
                        .provider())
                .isEqualTo("mistral-ai");

        ResolvedModel silent = ModelRouter.wrap(new OwnModel(null, null), null);
        assertThat(silent.modelString()).isEqualTo("custom/unknown");
        assertThat(silent.isStandIn()).isFalse();

        OfflineChatModel offline = new OfflineChatModel("echo");
        assertThat(ModelRouter.wrap(offline, offline).modelString()).isEqualTo("offline/echo");
        assertThatThrownBy(() -> ModelRouter.wrap(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "openai/gpt-4o-mini,OPENAI_API_KEY,openai,gpt-4o-mini",
        "anthropic/claude-3-5-haiku-latest,ANTHROPIC_API_KEY,anthropic,claude-3-5-haiku-latest",
        "google/gemini-2.0-flash,GOOGLE_GENERATIVE_AI_API_KEY,google,gemini-2.0-flash"
    })
    void providersResolveWithTheirKey(String modelString, String variable, String provider, String modelId) {
        ResolvedModel model = ModelRouter.resolve(modelString, Map.of(variable, SECRET));

        assertThat(model.provider()).isEqualTo(provider);
        assertThat(model.modelId()).isEqualTo(modelId);
        assertThat(model.chat()).isNotNull();
        assertThat(model.streaming()).isNotNull();
        assertThat(model.isStandIn()).isFalse();
        assertThat(model.modelString()).isEqualTo(modelString);
    }

    @ParameterizedTest
    @CsvSource({
        "openai/gpt-4o-mini,OPENAI_API_KEY",
        "anthropic/claude-3-5-haiku-latest,ANTHROPIC_API_KEY",
        "google/gemini-2.0-flash,GOOGLE_GENERATIVE_AI_API_KEY"
    })
    void aMissingKeyNamesTheVariable(String modelString, String variable) {
        assertThatThrownBy(() -> ModelRouter.resolve(modelString, Map.of("OTHER_KEY", SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " is not set")
                .hasMessageContaining("offline/")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ModelRouter.resolve(modelString, Map.of(variable, "  ")))
                .hasMessageStartingWith(variable + " is not set");
    }

    @Test
    void unknownProvidersAndMalformedStringsAreRejectedWithoutEchoingKeys() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", SECRET);
        assertThatThrownBy(() -> ModelRouter.resolve("mistral/large", env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown model provider 'mistral'")
                .hasMessageContaining("openai/, anthropic/, google/ or offline/")
                .hasMessageNotContaining(SECRET);
        for (String bad : new String[] {"gpt-4o", "/gpt-4o", "openai/", "", "   "}) {
            assertThatThrownBy(() -> ModelRouter.resolve(bad, env))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void agentsResolveModelStringsAtBuildTime() {
        assertThatThrownBy(() -> Agent.builder()
                        .id("a")
                        .model("openai/gpt-4o-mini")
                        .env(Map.of())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OPENAI_API_KEY is not set");
        Agent agent = Agent.builder()
                .id("a")
                .model("openai/gpt-4o-mini")
                .env(Map.of("OPENAI_API_KEY", SECRET))
                .build();
        assertThat(agent.provider()).isEqualTo("openai");
        assertThat(agent.modelId()).isEqualTo("gpt-4o-mini");
        assertThat(agent.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> Agent.builder().id("a").build()).hasMessageContaining("needs a model");
    }

    @Test
    void agentsGivenALangChainModelReportItsProviderAndName() {
        Agent agent =
                Agent.builder().id("a").model(new OfflineChatModel("echo")).build();

        assertThat(agent.provider()).isEqualTo("offline");
        assertThat(agent.modelId()).isEqualTo("echo");
        assertThat(agent.model().streaming()).isNotNull();
    }

    @Test
    void timeoutsOfEveryKindBecomeModelTimeoutException() {
        assertThat(ModelErrors.translate(new TimeoutException("read timed out")))
                .isInstanceOf(ModelTimeoutException.class);
        assertThat(ModelErrors.translate(new RuntimeException(new HttpTimeoutException("request timed out"))))
                .isInstanceOfSatisfying(
                        ModelTimeoutException.class, e -> assertThat(e.status()).isEqualTo(504));
        assertThat(ModelErrors.translate(new RuntimeException(new java.net.SocketTimeoutException())))
                .isInstanceOf(ModelTimeoutException.class);
    }

    @Test
    void providerFailuresGetShortFixedCauses() {
        assertThat(ModelErrors.translate(new HttpException(429, "{\"error\":\"slow down " + SECRET + "\"}"))
                        .getMessage())
                .isEqualTo("Model provider error: rate limited (HTTP 429)");
        assertThat(ModelErrors.translate(new HttpException(401, "Incorrect API key provided: " + SECRET))
                        .getMessage())
                .isEqualTo("Model provider error: authentication failed, check the API key (HTTP 401)");
        assertThat(ModelErrors.translate(new RuntimeException(new ConnectException("Connection refused")))
                        .getMessage())
                .isEqualTo("Model provider error: could not connect to the provider");
        ModelProviderException odd =
                (ModelProviderException) ModelErrors.translate(new IllegalStateException("weird " + SECRET));
        assertThat(odd.status()).isEqualTo(502);
        assertThat(odd.getMessage()).isEqualTo("Model provider error: unexpected failure");
    }
}
