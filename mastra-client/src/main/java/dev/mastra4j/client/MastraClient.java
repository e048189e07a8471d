package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Client for a Mastra 1.x server (mastra4j's or Mastra's own), named after {@code @mastra/client-js}.
 *
 * <pre>{@code
 * try (MastraClient client = MastraClient.builder().baseUrl("http://localhost:4111").build()) {
 *     String answer = client.getAgent("weatherAgent").generate("Weather in London").text();
 * }
 * }</pre>
 *
 * Memory threads, messages and working memory have client-js's names too ({@link #listMemoryThreads},
 * {@link #getMemoryThread(String, String)}, {@link #saveMessageToMemory}, ...); a run joins a thread through
 * {@link GenerateOptions.Builder#memory(String, String)}.
 *
 * <p>Immutable and thread-safe. Failed calls raise {@link MastraClientException}. Connection failures, 429 and 5xx are
 * retried with exponential backoff and full jitter; other 4xx answers are not.
 */
public final class MastraClient implements AutoCloseable {

    private final HttpTransport transport;

    private MastraClient(HttpTransport transport) {
        this.transport = transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code GET /api/agents}: every agent, keyed by id, in the server's order. */
    public Map<String, AgentInfo> listAgents() {
        Map<String, AgentInfo> agents = new LinkedHashMap<>();
        transport
                .json("GET", "/api/agents", null)
                .properties()
                .forEach(e -> agents.put(e.getKey(), AgentInfo.fromJson(e.getKey(), e.getValue())));
        return Collections.unmodifiableMap(agents);
    }

    /** A handle on one agent; no call is made until it is used. */
    public AgentClient getAgent(String agentId) {
        return new AgentClient(transport, agentId);
    }

    /** {@code GET /api/tools}: every tool, keyed by id, in the server's order. */
    public Map<String, ToolInfo> listTools() {
        Map<String, ToolInfo> tools = new LinkedHashMap<>();
        transport
                .json("GET", "/api/tools", null)
                .properties()
                .forEach(e -> tools.put(e.getKey(), ToolInfo.fromJson(e.getKey(), e.getValue())));
        return Collections.unmodifiableMap(tools);
    }

    /** A handle on one tool; no call is made until it is used. */
    public ToolClient getTool(String toolId) {
        return new ToolClient(transport, toolId);
    }

    /**
     * {@code GET /api/memory/threads}: one page of threads, newest first. A server that maps users to resources lists
     * only the caller's own, whatever {@code resourceId} says.
     */
    public MemoryThreadsPage listMemoryThreads(ListMemoryThreadsParams params) {
        Objects.requireNonNull(params, "params");
        return MemoryThreadsPage.fromJson(transport.json("GET", "/api/memory/threads" + params.query(), null));
    }

    public MemoryThreadsPage listMemoryThreads() {
        return listMemoryThreads(ListMemoryThreadsParams.none());
    }

    /** {@code POST /api/memory/threads?agentId=}: creates a thread and returns it. */
    public MemoryThreadInfo createMemoryThread(CreateMemoryThreadParams params) {
        Objects.requireNonNull(params, "params");
        String path = "/api/memory/threads" + new Query().add("agentId", params.agentId());
        return MemoryThreadInfo.fromJson(transport.json("POST", path, params.body()));
    }

    /** A handle on one thread, for reads only until an agent id is given; no call is made until it is used. */
    public MemoryThreadClient getMemoryThread(String threadId) {
        return new MemoryThreadClient(transport, threadId, null);
    }

    /** A handle on one thread of {@code agentId}'s memory; no call is made until it is used. */
    public MemoryThreadClient getMemoryThread(String threadId, String agentId) {
        return new MemoryThreadClient(transport, threadId, agentId);
    }

    /** {@code POST /api/memory/save-messages?agentId=}: stores messages; returns them as stored. */
    public List<MemoryMessage> saveMessageToMemory(SaveMessageToMemoryParams params) {
        Objects.requireNonNull(params, "params");
        String path = "/api/memory/save-messages" + new Query().add("agentId", params.agentId());
        return JsonFields.list(transport.json("POST", path, params.body()).get("messages"), MemoryMessage::fromJson);
    }

    /** {@code GET /api/memory/status?agentId=}: whether the server has storage for the agent's memory. */
    public MemoryStatus getMemoryStatus(String agentId) {
        String path = "/api/memory/status" + new Query().add("agentId", MemoryParams.required(agentId, "agentId"));
        return MemoryStatus.fromJson(transport.json("GET", path, null));
    }

    /** {@code GET /api/memory/config?agentId=}: the agent's memory settings. */
    public MemoryConfig getMemoryConfig(String agentId) {
        String path = "/api/memory/config" + new Query().add("agentId", MemoryParams.required(agentId, "agentId"));
        return MemoryConfig.fromJson(transport.json("GET", path, null));
    }

    /** {@code GET /api/memory/threads/:threadId/working-memory?agentId=}: the working memory the thread sees. */
    public WorkingMemoryInfo getWorkingMemory(String agentId, String threadId) {
        return getWorkingMemory(agentId, threadId, null);
    }

    /** As {@link #getWorkingMemory(String, String)}, naming the resource (a mapping server uses the caller's). */
    public WorkingMemoryInfo getWorkingMemory(String agentId, String threadId, String resourceId) {
        String path = workingMemoryPath(threadId)
                + new Query()
                        .add("agentId", MemoryParams.required(agentId, "agentId"))
                        .add("resourceId", resourceId);
        return WorkingMemoryInfo.fromJson(transport.json("GET", path, null));
    }

    /** {@code POST /api/memory/threads/:threadId/working-memory?agentId=}: replaces the working memory. */
    public void updateWorkingMemory(String agentId, String threadId, String workingMemory) {
        updateWorkingMemory(agentId, threadId, workingMemory, null);
    }

    public void updateWorkingMemory(String agentId, String threadId, String workingMemory, String resourceId) {
        Objects.requireNonNull(workingMemory, "workingMemory");
        String path =
                workingMemoryPath(threadId) + new Query().add("agentId", MemoryParams.required(agentId, "agentId"));
        ObjectNode body = JsonFields.MAPPER.createObjectNode().put("workingMemory", workingMemory);
        MemoryParams.put(body, "resourceId", resourceId);
        transport.json("POST", path, body);
    }

    private static String workingMemoryPath(String threadId) {
        return "/api/memory/threads/" + HttpTransport.segment(threadId) + "/working-memory";
    }

    /**
     * {@code GET /health}: true when the server reports {@code "success": true}. An unreachable server or an error
     * status raises {@link MastraClientException}, after the usual retries.
     */
    public boolean health() {
        JsonNode body = transport.json("GET", "/health", null);
        return body.path("success").asBoolean(false);
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** Releases the HTTP client if this client created it; a client passed to the builder is left to its owner. */
    @Override
    public void close() {
        transport.close();
    }

    public static final class Builder {
        private URI baseUrl = URI.create("http://localhost:4111");
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Supplier<String> tokenSupplier;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private int retries = 3;
        private Duration backoffBase = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(2);
        private HttpClient httpClient;

        private Builder() {}

        /** Where the server listens, e.g. {@code http://localhost:4111}; requests go to {@code <baseUrl>/api/...}. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
        }

        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host");
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
                throw new IllegalArgumentException("baseUrl must not carry a query, fragment or user info");
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** A header sent with every request (replaces an earlier value of the same name). */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            // The JDK refuses some names (Host, Connection, ...) and bad characters; fail here, not on first call.
            HttpRequest.newBuilder().header(name, value);
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        /**
         * Supplies the bearer token, called before EVERY attempt, retries included, so short-lived tokens (Clerk
         * session tokens live 60 s) stay fresh. Null or blank means "send no Authorization header".
         */
        public Builder tokenSupplier(Supplier<String> tokenSupplier) {
            this.tokenSupplier = tokenSupplier;
            return this;
        }

        /** Connect timeout of the HTTP client this builder creates (ignored with {@link #httpClient}). Default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for a response's headers, per attempt. Default 2 minutes: generate answers only when the
         * run is complete. A stream's body, once started, is not limited.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Retries after the first attempt (default 3); 0 disables retrying. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** The backoff's first cap and its ceiling, also the ceiling for a server's Retry-After. Default 100 ms / 2 s. */
        public Builder backoff(Duration base, Duration max) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(max, "max");
            new RetryBackoff(base, max);
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** Use this HTTP client (its own timeouts, proxy and TLS settings); {@link #close()} then leaves it open. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public MastraClient build() {
            boolean owns = httpClient == null;
            HttpClient http = owns
                    ? HttpClient.newBuilder()
                            // HTTP/1.1: closing a stream then closes its connection, which the server sees as cancel.
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build()
                    : httpClient;
            RetryBackoff backoff = new RetryBackoff(backoffBase, backoffMax);
            return new MastraClient(new HttpTransport(
                    http,
                    owns,
                    baseUrl,
                    new LinkedHashMap<>(headers),
                    tokenSupplier,
                    requestTimeout,
                    retries,
                    backoff));
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
