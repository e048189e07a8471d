package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.ChildJvm;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider artifacts are optional: in a JVM whose class path lacks langchain4j-anthropic and
 * langchain4j-google-ai-gemini, naming those providers fails with a message that names the artifact, while the
 * offline stand-in and openai/ (against the loopback stub) still work.
 */
@Tag("process")
class MissingProviderTest {

    private static final String KEY = "sk-provider-key-never-printed-31";

    @TempDir
    Path workingDirectory;

    private OpenAiStub stub;

    @BeforeEach
    void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void aMissingProviderNamesItsArtifactAndTheOthersStillWork() throws Exception {
        stub.enqueue(Reply.text("Sunny in London."));

        List<String> lines = ModelProbe.run(
                ChildJvm.withoutJars("langchain4j-anthropic", "langchain4j-google-ai-gemini"),
                workingDirectory,
                Map.of(
                        "OPENAI_API_KEY",
                        "sk-child-openai",
                        "OPENAI_BASE_URL",
                        stub.baseUrl(),
                        "ANTHROPIC_API_KEY",
                        KEY,
                        "GOOGLE_GENERATIVE_AI_API_KEY",
                        KEY),
                "anthropic/claude-3-5-haiku",
                "google/gemini-2.0-flash",
                "offline/stand-in",
                "openai/gpt-4o-mini");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0))
                .isEqualTo("anthropic/claude-3-5-haiku ERROR java.lang.IllegalStateException: Model "
                        + "\"anthropic/claude-3-5-haiku\" needs dev.langchain4j:langchain4j-anthropic on the classpath (add it "
                        + "to your pom; version from langchain4j-bom)");
        assertThat(lines.get(1))
                .isEqualTo("google/gemini-2.0-flash ERROR java.lang.IllegalStateException: Model "
                        + "\"google/gemini-2.0-flash\" needs dev.langchain4j:langchain4j-google-ai-gemini on the classpath "
                        + "(add it to your pom; version from langchain4j-bom)");
        assertThat(lines.get(2)).startsWith("offline/stand-in OK [offline model] You said: hello.");
        assertThat(lines.get(3)).isEqualTo("openai/gpt-4o-mini OK Sunny in London.");
        assertThat(String.join("\n", lines)).doesNotContain(KEY);
        assertThat(stub.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer sk-child-openai"));
    }

    @Test
    void aMissingOpenAiArtifactIsNamedToo() throws Exception {
        List<String> lines = ModelProbe.run(
                ChildJvm.withoutJars("langchain4j-open-ai"),
                workingDirectory,
                Map.of("OPENAI_API_KEY", KEY),
                "openai/gpt-4o-mini",
                "offline/stand-in");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo("openai/gpt-4o-mini ERROR java.lang.IllegalStateException: Model "
                        + "\"openai/gpt-4o-mini\" needs dev.langchain4j:langchain4j-open-ai on the classpath (add it to your "
                        + "pom; version from langchain4j-bom)");
        assertThat(lines.get(1)).startsWith("offline/stand-in OK [offline model] You said: hello.");
        assertThat(String.join("\n", lines)).doesNotContain(KEY);
    }
}
