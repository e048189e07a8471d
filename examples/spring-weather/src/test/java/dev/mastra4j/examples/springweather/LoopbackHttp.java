package dev.mastra4j.examples.springweather;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What these tests send: one request to 127.0.0.1, with an optional bearer token and an optional JSON body. */
final class LoopbackHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private LoopbackHttp() {}

    /** A GET when {@code body} is null, else a POST of it as JSON; no Authorization header when {@code token} is null. */
    static HttpResponse<String> send(int port, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
