package dev.mastra4j.auth.clerk.backend;

import com.clerk.backend_api.utils.HTTPClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * The HTTP transport handed to the official Clerk SDK. The SDK's default shares one client without timeouts; this
 * one has a connect timeout and a read deadline that covers the whole response (headers and body), so a Backend
 * API that accepts the connection and then stalls cannot hold a request thread for longer than the deadline.
 */
final class TimeoutHttpClient implements HTTPClient, AutoCloseable {

    private final HttpClient client;
    private final Duration readTimeout;

    TimeoutHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    @Override
    public HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(readTimeout)
                .build();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(timed, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return new Buffered(future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("No complete response within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(
                    "Backend API request failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** A fully read response; {@link #body()} can be read more than once, as the SDK's error paths do. */
    private record Buffered(HttpResponse<byte[]> response) implements HttpResponse<InputStream> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public InputStream body() {
            byte[] bytes = response.body();
            return new ByteArrayInputStream(bytes == null ? new byte[0] : bytes);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }

        @Override
        public String toString() {
            return "(" + response.request().method() + " " + response.uri() + ") " + response.statusCode();
        }
    }
}
