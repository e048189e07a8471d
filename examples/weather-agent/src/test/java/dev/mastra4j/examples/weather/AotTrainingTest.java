package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AOT cache's training run: the real path, on loopback, whatever the environment says. */
class AotTrainingTest {

    private static final Map<String, String> USER_ENV = Map.of(
            "CLERK_PUBLISHABLE_KEY",
            "pk_test_not-a-real-key",
            "CLERK_SECRET_KEY",
            "sk_test_not-a-real-key",
            "OPENAI_API_KEY",
            "sk-not-a-real-key",
            "HOST",
            "0.0.0.0",
            "PORT",
            "4111",
            AuthMode.ALLOW_NON_LOOPBACK,
            "true",
            WeatherStorage.VARIABLE,
            "file:./must-not-be-created.db");

    @Test
    void theTrainingEnvironmentIsDevelopmentModeOnLoopbackWithTheOfflineModel() {
        Map<String, String> training = AotTraining.trainingEnvironment(USER_ENV, Path.of("/tmp/t/mastra.db"));

        assertThat(AuthMode.from(training)).isEqualTo(AuthMode.DEVELOPMENT);
        assertThat(training)
                .doesNotContainKeys("CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", AuthMode.ALLOW_NON_LOOPBACK)
                .containsEntry("HOST", "127.0.0.1")
                .containsEntry("PORT", "0")
                .containsEntry("MODEL", "offline/weather")
                .containsEntry("OPEN_METEO_GEOCODING_URL", "http://127.0.0.1:1/v1/search")
                .containsEntry("OPEN_METEO_FORECAST_URL", "http://127.0.0.1:1/v1/forecast")
                .containsEntry(WeatherStorage.VARIABLE, "file:/tmp/t/mastra.db");
    }

    @Test
    void aTrainingRunSendsAuthenticatedAndRejectedRequestsAndStops() {
        // run() checks every answer (200 with the dev token, 401 without) and throws otherwise; with the user's
        // environment as it is (fake Clerk keys, a public HOST, a busy-looking port) it would not even start.
        assertThatCode(() -> AotTraining.run(USER_ENV)).doesNotThrowAnyException();
        assertThat(Path.of("must-not-be-created.db")).doesNotExist();
    }
}
