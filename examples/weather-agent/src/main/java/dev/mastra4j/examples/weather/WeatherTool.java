package dev.mastra4j.examples.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mastra4j.core.tool.Description;
import dev.mastra4j.core.tool.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The docs' {@code weatherTool}: geocodes a city with Open-Meteo, then reads its current weather.
 * Base URLs come from {@code OPEN_METEO_GEOCODING_URL} and {@code OPEN_METEO_FORECAST_URL} so tests
 * (and machines without internet) can point them at a loopback stand-in.
 */
public final class WeatherTool {

    public static final String DEFAULT_GEOCODING_URL = "https://geocoding-api.open-meteo.com/v1/search";
    public static final String DEFAULT_FORECAST_URL = "https://api.open-meteo.com/v1/forecast";

    /** What the model passes in; the description tells it what to put there, as the docs' {@code .describe()}. */
    public record Input(@Description("City name") String location) {}

    /** What the tool returns, as in the Mastra docs. */
    public record Output(
            double temperature,
            double feelsLike,
            double humidity,
            double windSpeed,
            double windGust,
            String conditions,
            String location) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WeatherTool() {}

    public static Tool create(Map<String, String> env) {
        String geocodingUrl = env.getOrDefault("OPEN_METEO_GEOCODING_URL", DEFAULT_GEOCODING_URL);
        String forecastUrl = env.getOrDefault("OPEN_METEO_FORECAST_URL", DEFAULT_FORECAST_URL);
        return Tool.builder()
                .id("weatherTool")
                .description("Get current weather for a location")
                .inputSchema(Input.class)
                .outputSchema(Output.class)
                .execute((Input input, dev.mastra4j.core.tool.ToolContext ctx) ->
                        getWeather(input.location(), geocodingUrl, forecastUrl))
                .build();
    }

    static Output getWeather(String location, String geocodingUrl, String forecastUrl)
            throws IOException, InterruptedException {
        JsonNode geo = get(geocodingUrl + "?count=1&name=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
        JsonNode place = geo.path("results").path(0);
        if (place.isMissingNode()) {
            throw new IllegalArgumentException("Location '" + location + "' not found");
        }
        JsonNode weather = get(
                forecastUrl + "?latitude=" + place.path("latitude").asDouble()
                        + "&longitude=" + place.path("longitude").asDouble()
                        + "&current=temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,wind_gusts_10m,weather_code");
        JsonNode current = weather.path("current");
        if (current.isMissingNode()) {
            throw new IOException("Open-Meteo forecast had no current weather");
        }
        return new Output(
                current.path("temperature_2m").asDouble(),
                current.path("apparent_temperature").asDouble(),
                current.path("relative_humidity_2m").asDouble(),
                current.path("wind_speed_10m").asDouble(),
                current.path("wind_gusts_10m").asDouble(),
                conditions(current.path("weather_code").asInt()),
                place.path("name").asText(location));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The model reads this message, so say what happened in words, not as an exception class.
            throw new IOException(
                    "Could not reach Open-Meteo at " + URI.create(url).getHost()
                            + " (no network? set OPEN_METEO_GEOCODING_URL / OPEN_METEO_FORECAST_URL)",
                    e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Open-Meteo answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** WMO weather interpretation codes, as Open-Meteo documents them. */
    static String conditions(int code) {
        return switch (code) {
            case 0 -> "Clear sky";
            case 1 -> "Mainly clear";
            case 2 -> "Partly cloudy";
            case 3 -> "Overcast";
            case 45, 48 -> "Foggy";
            case 51, 53, 55, 56, 57 -> "Drizzle";
            case 61, 63, 65, 66, 67 -> "Rain";
            case 71, 73, 75, 77 -> "Snow";
            case 80, 81, 82 -> "Rain showers";
            case 85, 86 -> "Snow showers";
            case 95, 96, 99 -> "Thunderstorm";
            default -> "Unknown";
        };
    }
}
