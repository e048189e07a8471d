package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.env.EnvFileException;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.testing.LoopbackStub;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model keys and base URLs are read as Clerk's settings are: the environment wins, then {@code .env} (by default in
 * the working directory).
 */
class DotenvModelSettingsTest {

    @TempDir
    Path dir;

    private OpenAiStub stub;

    @BeforeEach
    void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private void dotenv(String content) throws Exception {
        Files.writeString(dir.resolve(".env"), content);
    }

    private Agent openAiAgent(Map<String, String> env) {
        return Agent.builder()
                .id("a")
                .env(env)
                .dotenvDirectory(dir)
                .model("openai/gpt-4o-mini")
                .build();
    }

    @Test
    void aDotenvFileSuppliesTheOpenAiKeyAndBaseUrl() throws Exception {
        dotenv("# model\nOPENAI_API_KEY=sk-from-dotenv\nOPENAI_BASE_URL=" + stub.baseUrl() + "\n");
        stub.enqueue(Reply.text("From the stub."));

        assertThat(openAiAgent(Map.of()).generate("hello").text()).isEqualTo("From the stub.");
        assertThat(stub.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer sk-from-dotenv"));
    }

    @Test
    void theEnvironmentWinsOverDotenvNameByName() throws Exception {
        dotenv("OPENAI_API_KEY=sk-from-dotenv\nOPENAI_BASE_URL=" + stub.baseUrl() + "\n");
        stub.enqueue(Reply.text("one"), Reply.text("two"));

        openAiAgent(Map.of("OPENAI_API_KEY", "sk-from-env")).generate("hello");
        openAiAgent(Map.of("OPENAI_API_KEY", "  ")).generate("hello");

        assertThat(stub.requests())
                .extracting(OpenAiStub.Recorded::authorization)
                .containsExactly("Bearer sk-from-env", "Bearer sk-from-dotenv");
    }

    @Test
    void aMalformedDotenvFailsTheBuildWithoutQuotingIt() throws Exception {
        dotenv("OPENAI_API_KEY sk-quoted-nowhere\n");

        assertThatThrownBy(() -> openAiAgent(Map.of()))
                .isInstanceOf(EnvFileException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageNotContaining("sk-quoted-nowhere");
    }

    /** The documented base-URL variables send each provider's calls (with its key header) to the given server. */
    @ParameterizedTest
    @CsvSource({
        "anthropic/claude-3-5-haiku, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, x-api-key, /v1/messages",
        "google/gemini-2.0-flash, GOOGLE_GENERATIVE_AI_API_KEY, GOOGLE_GENERATIVE_AI_BASE_URL, x-goog-api-key, "
                + "/v1beta/models/gemini-2.0-flash:generateContent"
    })
    void baseUrlsFromDotenvReachEveryProvider(
            String modelString, String keyVariable, String baseUrlVariable, String keyHeader, String path)
            throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LoopbackStub server = LoopbackStub.start().route("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst(keyHeader));
            LoopbackStub.send(exchange, 401, null, "{\"error\":{\"message\":\"stub says no\"}}");
        })) {
            String base = server.uri() + path.substring(0, path.indexOf('/', 1));
            dotenv(keyVariable + "=key-from-dotenv\n" + baseUrlVariable + "=" + base + "\n");
            Agent agent = Agent.builder()
                    .id("a")
                    .env(Map.of())
                    .dotenvDirectory(dir)
                    .model(modelString)
                    .build();

            assertThatThrownBy(() -> agent.generate("hello"))
                    .isInstanceOf(ModelProviderException.class)
                    .hasMessageContaining("authentication failed");
            assertThat(seen).containsExactly(path + " key-from-dotenv");
        }
    }

    @Tag("process")
    @Test
    void byDefaultDotenvIsReadFromTheWorkingDirectory() throws Exception {
        dotenv("OPENAI_API_KEY=sk-from-dotenv\nOPENAI_BASE_URL=" + stub.baseUrl() + "\n");
        stub.enqueue(Reply.text("From .env."), Reply.text("From the process."));

        List<String> fromDotenv = ModelProbe.run(entry -> false, dir, Map.of(), "openai/gpt-4o-mini");
        List<String> fromProcess =
                ModelProbe.run(entry -> false, dir, Map.of("OPENAI_API_KEY", "sk-from-process"), "openai/gpt-4o-mini");

        assertThat(fromDotenv).containsExactly("openai/gpt-4o-mini OK From .env.");
        assertThat(fromProcess).containsExactly("openai/gpt-4o-mini OK From the process.");
        assertThat(stub.requests())
                .extracting(OpenAiStub.Recorded::authorization)
                .containsExactly("Bearer sk-from-dotenv", "Bearer sk-from-process");
    }
}
