package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The second agent of the example: {@code alertTool} only for users whose organization grants the permission. */
class TeamWeatherAgentTest {

    @AutoClose
    private final OpenMeteoStub openMeteo = new OpenMeteoStub();

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(WeatherApp app, String path, String token) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(app.mastra().url() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void onlyUsersWithTheOrgPermissionSeeTheAlertTool() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv())) {
            String member = app.devIssuer().token("user_member");
            String alerter = app.devIssuer()
                    .tokenBuilder()
                    .subject("user_alerter")
                    .v1()
                    .organization("org_1", "acme", "org:member")
                    .v1OrgPermissions(List.of(TeamWeatherAgent.ALERT_PERMISSION))
                    .build();

            JsonNode forMember = get(app, "/api/agents/teamWeatherAgent", member);
            JsonNode forAlerter = get(app, "/api/agents/teamWeatherAgent", alerter);

            assertThat(forMember.path("tools").has("alertTool")).isFalse();
            assertThat(forMember.path("tools").has("weatherTool")).isTrue();
            assertThat(forMember.path("instructions").asText()).endsWith("You are talking to user_member.");
            assertThat(forAlerter.path("tools").has("alertTool")).isTrue();
        }
    }
}
