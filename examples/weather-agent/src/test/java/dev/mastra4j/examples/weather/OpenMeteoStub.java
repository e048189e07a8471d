package dev.mastra4j.examples.weather;

import dev.mastra4j.testing.LoopbackStub;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback stand-in for Open-Meteo's geocoding and forecast APIs, serving their JSON shapes. Records each query. */
final class OpenMeteoStub implements AutoCloseable {

    private final LoopbackStub server;
    final List<String> queries = new CopyOnWriteArrayList<>();

    OpenMeteoStub() {
        server = LoopbackStub.start();
        server.route("/v1/search", exchange -> {
            queries.add("search?" + exchange.getRequestURI().getRawQuery());
            String query = exchange.getRequestURI().getQuery();
            String body = query.contains("name=Atlantis")
                    ? "{\"generationtime_ms\":0.5}"
                    : "{\"results\":[{\"id\":2643743,\"name\":\"London\",\"latitude\":51.50853,\"longitude\":-0.12574,"
                            + "\"country\":\"United Kingdom\"}]}";
            LoopbackStub.sendJson(exchange, 200, body);
        });
        server.route("/v1/forecast", exchange -> {
            queries.add("forecast?" + exchange.getRequestURI().getRawQuery());
            LoopbackStub.sendJson(
                    exchange,
                    200,
                    "{\"latitude\":51.5,\"longitude\":-0.12,\"current\":{\"time\":\"2026-11-26T12:00\","
                            + "\"temperature_2m\":11.2,\"apparent_temperature\":9.8,\"relative_humidity_2m\":81,"
                            + "\"wind_speed_10m\":14.3,\"wind_gusts_10m\":25.1,\"weather_code\":61}}");
        });
    }

    String geocodingUrl() {
        return server.uri() + "/v1/search";
    }

    String forecastUrl() {
        return server.uri() + "/v1/forecast";
    }

    /**
     * The environment a test starts {@code WeatherApp} with: loopback, any free port, memory in {@code :memory:} and
     * Open-Meteo at this stub. Mutable, so that a test can add or change variables.
     */
    Map<String, String> appEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("MASTRA_STORAGE_URL", ":memory:");
        env.put("OPEN_METEO_GEOCODING_URL", geocodingUrl());
        env.put("OPEN_METEO_FORECAST_URL", forecastUrl());
        return env;
    }

    @Override
    public void close() {
        server.close();
    }
}
