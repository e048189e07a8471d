package dev.mastra4j.core.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventListenerUtils;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP client model providers talk through: LangChain4j's JDK client, except that a stream is read on a virtual
 * thread of its own.
 *
 * <p>LangChain4j's {@code JdkHttpClient} reads a streamed answer inside a {@code sendAsync(...).thenAccept(...)}, and
 * the JDK completes those futures on the common {@code ForkJoinPool}: each open provider stream then blocks a
 * common-pool platform thread for its whole length. The pool adds at most 256 threads to make up for blocked ones,
 * so a few hundred concurrent streams stalled every further stream (and everything else on the common pool) until
 * one ended. Here a stream is a plain blocking read on a virtual thread, and the JDK client's internal tasks run on
 * virtual threads too, so concurrent streams cost no platform threads. Blocking calls are plain {@code send}s on the caller's thread, as in LangChain4j.
 *
 * <p>Multipart (form data) requests are not supported: chat models never send them.
 */
final class ProviderHttpClient implements HttpClient {

    /** Also for the JDK client's own hand-offs, which otherwise run on a cached pool of platform threads. */
    private static final ExecutorService VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;

    private ProviderHttpClient(Builder builder) {
        java.net.http.HttpClient.Builder client = builder.client.executor(VIRTUAL_THREADS);
        if (builder.connectTimeout != null) {
            client.connectTimeout(builder.connectTimeout);
        }
        this.http = client.build();
        this.readTimeout = builder.readTimeout;
    }

    static Builder builder(java.net.http.HttpClient.Builder client) {
        return new Builder(client);
    }

    /** The builder a provider's models get: plain HTTP speaks HTTP/1.1, and connecting takes at most 10 s. */
    static Builder forBaseUrl(String baseUrl, Duration timeout) {
        java.net.http.HttpClient.Builder client = java.net.http.HttpClient.newBuilder();
        if (baseUrl != null && baseUrl.startsWith("http://")) {
            // Plain-HTTP OpenAI-compatible servers (local gateways, test stubs) rarely speak h2c.
            client.version(java.net.http.HttpClient.Version.HTTP_1_1);
        }
        return builder(client)
                .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
                .readTimeout(timeout);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        try {
            HttpResponse<byte[]> response = http.send(toJdkRequest(request), BodyHandlers.ofByteArray());
            if (!isSuccessful(response)) {
                throw new HttpException(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        java.net.http.HttpRequest jdkRequest = toJdkRequest(request);
        Thread.ofVirtual().name("mastra-model-stream").start(() -> stream(jdkRequest, parser, listener));
    }

    /** What LangChain4j's client does in its {@code thenAccept}, on this (virtual) thread. */
    private void stream(
            java.net.http.HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(e));
            return;
        } catch (IOException | RuntimeException e) {
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(e));
            return;
        }
        try (InputStream body = response.body()) {
            if (!isSuccessful(response)) {
                HttpException error = new HttpException(
                        response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(error));
                return;
            }
            SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build();
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onOpen(opened));
            // The parser reports read failures to the listener itself, and stops when the handle is cancelled.
            parser.parse(body, listener);
            ServerSentEventListenerUtils.ignoringExceptions(listener::onClose);
        } catch (IOException | RuntimeException e) {
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(e));
        }
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("Multipart requests are not supported by this client");
        }
        java.net.http.HttpRequest.Builder builder =
                java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        builder.method(
                request.method().name(),
                request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    private static boolean isSuccessful(HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    /** Takes the JDK client's settings; LangChain4j's model builders set the timeouts. */
    static final class Builder implements HttpClientBuilder {
        private final java.net.http.HttpClient.Builder client;
        private Duration connectTimeout;
        private Duration readTimeout;

        private Builder(java.net.http.HttpClient.Builder client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public ProviderHttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
