package dev.mastra4j.examples.weather;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A loopback stand-in for Open-Meteo's geocoding and forecast APIs, serving their JSON shapes. Records each query. */
final class OpenMeteoStub implements AutoCloseable {

    private final HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();

    OpenMeteoStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/search", exchange -> {
            queries.add("search?" + exchange.getRequestURI().getRawQuery());
            String query = exchange.getRequestURI().getQuery();
            String body = query.contains("name=Atlantis")
                    ? "{\"generationtime_ms\":0.5}"
                    : "{\"results\":[{\"id\":2643743,\"name\":\"London\",\"latitude\":51.50853,\"longitude\":-0.12574,"
                    + "\"country\":\"United Kingdom\"}]}";
            send(exchange, body);
        });
        server.createContext("/v1/forecast", exchange -> {
            queries.add("forecast?" + exchange.getRequestURI().getRawQuery());
            send(exchange, "{\"latitude\":51.5,\"longitude\":-0.12,\"current\":{\"time\":\"2026-11-26T12:00\","
                    + "\"temperature_2m\":11.2,\"apparent_temperature\":9.8,\"relative_humidity_2m\":81,"
                    + "\"wind_speed_10m\":14.3,\"wind_gusts_10m\":25.1,\"weather_code\":61}}");
        });
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String geocodingUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/search";
    }

    String forecastUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/forecast";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
