package dev.mastra4j.examples.springweather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.LoopbackStub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;

/**
 * The example as {@code java -jar} runs it without {@code CLERK_*}: development auth mode, the weather agent with its
 * tool against a loopback Open-Meteo, and the application's own endpoints behind the same tokens.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "mastra.storage.url=:memory:", "MODEL=offline/weather"})
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SpringWeatherTest {

    static final LoopbackStub OPEN_METEO = LoopbackStub.start()
            .route(
                    "/v1/search",
                    exchange -> LoopbackStub.sendJson(
                            exchange,
                            200,
                            "{\"results\":[{\"name\":\"London\",\"latitude\":51.5,\"longitude\":-0.12,"
                                    + "\"country\":\"United Kingdom\"}]}"))
            .route(
                    "/v1/forecast",
                    exchange -> LoopbackStub.sendJson(
                            exchange,
                            200,
                            "{\"current\":{\"time\":\"2026-11-26T12:00\",\"temperature_2m\":11.2,"
                                    + "\"apparent_temperature\":9.8,\"relative_humidity_2m\":81,\"wind_speed_10m\":14.3,"
                                    + "\"wind_gusts_10m\":25.1,\"weather_code\":61}}"));

    @DynamicPropertySource
    static void openMeteo(DynamicPropertyRegistry registry) {
        registry.add("OPEN_METEO_GEOCODING_URL", () -> OPEN_METEO.uri() + "/v1/search");
        registry.add("OPEN_METEO_FORECAST_URL", () -> OPEN_METEO.uri() + "/v1/forecast");
    }

    @AfterAll
    static void stopStub() {
        OPEN_METEO.close();
    }

    @LocalServerPort
    int port;

    final LocalClerkIssuer devIssuer;

    SpringWeatherTest(LocalClerkIssuer devIssuer) {
        this.devIssuer = devIssuer;
    }

    HttpResponse<String> send(String path, String body, String token) throws Exception {
        return LoopbackHttp.send(port, path, body, token);
    }

    @Test
    void theWeatherAgentAnswersWithTheToolsForecast() throws Exception {
        HttpResponse<String> response = send(
                "/api/agents/weatherAgent/generate",
                "{\"messages\":\"Weather in London\"}",
                devIssuer.token("user_dev"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"text\":").contains("11.2");
    }

    @Test
    void meShowsTheSignedInUserAndRefusesWithoutAToken() throws Exception {
        HttpResponse<String> me = send("/me", null, devIssuer.token("user_dev"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"userId\":\"user_dev\"");

        HttpResponse<String> anonymous = send("/me", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"Authentication required\"}");
    }

    @Test
    void adminEndpointsNeedTheOrgAdminRole() throws Exception {
        String member = devIssuer
                .tokenBuilder()
                .subject("user_dev")
                .v1()
                .organization("org_1", "acme", "org:member")
                .build();
        String admin = devIssuer
                .tokenBuilder()
                .subject("user_dev")
                .v1()
                .organization("org_1", "acme", "org:admin")
                .build();
        assertThat(send("/admin/org", null, member).statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = send("/admin/org", null, admin);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"orgId\":\"org_1\"");
    }
}
