package dev.mastra4j.auth.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvLookupTest {

    private static final String SECRET = "sk-dotenv-secret-never-echoed-77";

    @TempDir
    Path dir;

    private void dotenv(String content) throws Exception {
        Files.writeString(dir.resolve(".env"), content);
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws Exception {
        dotenv("OPENAI_API_KEY=sk-from-file\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n");
        EnvLookup lookup = EnvLookup.of(Map.of("OPENAI_API_KEY", "sk-from-env"), dir);

        assertThat(lookup.get("OPENAI_API_KEY")).contains("sk-from-env");
        assertThat(lookup.get("OPENAI_BASE_URL")).contains("http://127.0.0.1:9/v1");
        assertThat(lookup.get("ANTHROPIC_API_KEY")).isEmpty();
        assertThat(lookup.asMap())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("OPENAI_API_KEY", "sk-from-env", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1"));
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreStripped() throws Exception {
        dotenv("OPENAI_API_KEY=sk-from-file\nEMPTY_IN_BOTH=\n");
        EnvLookup lookup = EnvLookup.of(
                Map.of("OPENAI_API_KEY", "   ", "MODEL", " openai/gpt-4o-mini ", "EMPTY_IN_BOTH", ""), dir);

        assertThat(lookup.get("OPENAI_API_KEY")).contains("sk-from-file");
        assertThat(lookup.get("MODEL")).contains("openai/gpt-4o-mini");
        assertThat(lookup.get("EMPTY_IN_BOTH")).isEmpty();
        assertThat(lookup.asMap())
                .doesNotContainKey("EMPTY_IN_BOTH")
                .containsEntry("OPENAI_API_KEY", "sk-from-file")
                .containsEntry("MODEL", "openai/gpt-4o-mini");
    }

    @Test
    void noFileAndNoDirectoryMeanNoFileValues() throws Exception {
        assertThat(EnvLookup.of(Map.of(), dir).get("OPENAI_API_KEY")).isEmpty();
        dotenv("OPENAI_API_KEY=sk-from-file\n");
        assertThat(EnvLookup.of(Map.of()).get("OPENAI_API_KEY")).isEmpty();
        assertThat(EnvLookup.of(Map.of()).asMap()).isEmpty();
    }

    @Test
    void theFileIsReadOnceAndOnlyWhenNeeded() throws Exception {
        dotenv("THIS LINE IS NOT A PAIR " + SECRET + "\n");
        EnvLookup lookup = EnvLookup.of(Map.of("OPENAI_API_KEY", "sk-from-env"), dir);
        assertThat(lookup.get("OPENAI_API_KEY")).contains("sk-from-env");

        dotenv("OPENAI_BASE_URL=http://first.example\n");
        assertThat(lookup.get("OPENAI_BASE_URL")).contains("http://first.example");
        dotenv("OPENAI_BASE_URL=http://second.example\n");
        assertThat(lookup.get("OPENAI_BASE_URL")).contains("http://first.example");
    }

    @Test
    void aMalformedFileIsAnErrorThatNamesTheDirectoryNotTheLine() throws Exception {
        dotenv("OPENAI_API_KEY=sk-ok\nTHIS LINE IS NOT A PAIR " + SECRET + "\n");
        EnvLookup lookup = EnvLookup.of(Map.of(), dir);

        assertThatThrownBy(() -> lookup.get("OPENAI_API_KEY"))
                .isInstanceOf(EnvFileException.class)
                .hasMessage("The .env file in " + dir.toAbsolutePath() + " could not be read or parsed")
                .hasNoCause();
        assertThatThrownBy(lookup::asMap).isInstanceOf(EnvFileException.class).hasMessageNotContaining(SECRET);
    }

    /** In a fresh JVM, since only a new process can have another working directory. */
    @Tag("process")
    @Test
    void byDefaultTheFileIsTheOneInTheWorkingDirectory() throws Exception {
        dotenv("MASTRA_TEST_FROM_FILE=file-value\nMASTRA_TEST_IN_BOTH=file-value\n");
        List<String> output = ChildJvm.of(
                        EnvLookupProbe.class, "MASTRA_TEST_FROM_FILE", "MASTRA_TEST_IN_BOTH", "MASTRA_TEST_NOWHERE")
                .workingDirectory(dir)
                .environment(env -> env.put("MASTRA_TEST_IN_BOTH", "process-value"))
                .timeout(Duration.ofSeconds(30))
                .run()
                .requireSuccess()
                .stdout();

        assertThat(output)
                .containsExactly(
                        "MASTRA_TEST_FROM_FILE=file-value",
                        "MASTRA_TEST_IN_BOTH=process-value",
                        "MASTRA_TEST_NOWHERE=<unset>");
    }

    @Test
    void theProcessEnvironmentIsTheDefault() {
        Map.Entry<String, String> any = System.getenv().entrySet().stream()
                .filter(e -> !e.getValue().isBlank())
                .findFirst()
                .orElseThrow();

        assertThat(EnvLookup.system().get(any.getKey())).contains(any.getValue().strip());
        assertThat(EnvLookup.system().toString())
                .contains(".env in " + Path.of("").toAbsolutePath());
    }
}
