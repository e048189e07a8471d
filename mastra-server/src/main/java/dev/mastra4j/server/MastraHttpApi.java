package dev.mastra4j.server;

import dev.mastra4j.auth.AuthPipeline;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.observe.Observability;
import dev.mastra4j.core.observe.ObservabilityOptions;
import dev.mastra4j.server.http.RequestPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Mastra's HTTP API, independent of any HTTP engine: {@link #pipeline(Mastra)} gives the request pipeline an engine
 * adapter feeds every request into (see {@code dev.mastra4j.server.helidon} for the Helidon one).
 */
public final class MastraHttpApi {

    /** System property: milliseconds a request body may take to arrive (default 30000); then the connection closes. */
    public static final String BODY_TIMEOUT_PROPERTY = "mastra4j.http.bodyTimeoutMillis";

    private MastraHttpApi() {}

    /**
     * The routes of {@code mastra}, behind its server options' auth, CORS and body limit, recording into its
     * options' meter registry and OpenTelemetry ({@code ServerOptions.builder().meterRegistry/openTelemetry}), with
     * {@code GET /health/ready}. The Prometheus endpoint is left to the Helidon host ({@link #pipeline(Mastra,
     * MeterRegistry, boolean)}).
     */
    public static RequestPipeline pipeline(Mastra mastra) {
        return pipeline(mastra, mastra.serverOptions().observability().meterRegistry(), false);
    }

    /** As {@link #pipeline(Mastra)}, recording meters into {@code meters} instead (null = none). */
    public static RequestPipeline pipeline(Mastra mastra, MeterRegistry meters) {
        return pipeline(mastra, meters, false);
    }

    /**
     * As {@link #pipeline(Mastra, MeterRegistry)}; with {@code servePrometheus} and a
     * {@code ServerOptions.prometheus} path, also the Prometheus scrape endpoint there (a Prometheus registry beside
     * {@code meters}).
     *
     * @throws IllegalStateException when the endpoint is asked for and micrometer-registry-prometheus is missing
     */
    public static RequestPipeline pipeline(Mastra mastra, MeterRegistry meters, boolean servePrometheus) {
        ServerOptions options = mastra.serverOptions();
        ObservabilityOptions observe = options.observability();
        String scrapePath = servePrometheus ? observe.prometheusPath() : null;
        Supplier<String> scrape = null;
        if (scrapePath != null) {
            OperationsRoutes.requirePrometheus();
            PrometheusEndpoint endpoint = PrometheusEndpoint.over(meters);
            meters = endpoint.registry();
            scrape = endpoint::scrape;
        }
        var provider = options.authProvider();
        if (provider != null && meters != null) {
            provider.observe(new JwksMetrics(meters, Clock.systemUTC()));
        }
        OperationsRoutes operations = new OperationsRoutes(Readiness.of(mastra), scrapePath, scrape);
        return RequestPipeline.builder()
                .meterRegistry(meters)
                .observability(Observability.of(meters, observe.openTelemetry(), observe.captureMessageContent()))
                .router(ApiRoutes.router(mastra, operations::register))
                .auth(options.authConfig().map(AuthPipeline::create).orElse(null))
                .cors(options.cors())
                .maxBodyBytes(options.maxBodyBytes())
                .bodyTimeout(Duration.ofMillis(Math.max(
                        1, Long.getLong(BODY_TIMEOUT_PROPERTY, RequestPipeline.DEFAULT_BODY_TIMEOUT.toMillis()))))
                .build();
    }

    /** The readiness checks of {@code mastra} ({@code auth}, {@code storage}), for a host's own health endpoint. */
    public static Readiness readiness(Mastra mastra) {
        return Readiness.of(mastra);
    }

    /**
     * Warms the auth provider up on a virtual thread (fetches the JWKS, loads the verification code), so that the
     * first authenticated request after a start does not pay for it. Requests that arrive meanwhile are unaffected:
     * concurrent key loads share one fetch.
     */
    public static void warmUpAuth(Mastra mastra) {
        var provider = mastra.serverOptions().authProvider();
        if (provider != null) {
            Thread.ofVirtual().name("mastra-auth-warm-up").start(provider::warmUp);
        }
    }

    /**
     * Warms up what the first generate call runs, each part on a virtual thread, so that an engine calls it once it
     * listens: the auth provider ({@link #warmUpAuth}), and the JSON and agent code of a generate with the offline
     * stand-in model, without running a tool or calling a real model ({@link StartupWarmUp}). Nothing of it is
     * visible to clients or in the logs; requests that arrive meanwhile are served as usual. The returned future
     * completes when the JSON and agent part has run.
     */
    public static CompletableFuture<Void> warmUp(Mastra mastra) {
        warmUpAuth(mastra);
        return StartupWarmUp.start(mastra);
    }

    /**
     * The one line logged at startup: where the server listens, each agent with its model (offline stand-ins marked),
     * and the auth mode. Never includes keys or tokens.
     */
    public static String startupLine(Mastra mastra, String url) {
        StringJoiner agents = new StringJoiner(", ");
        for (Map.Entry<String, Agent> entry : mastra.getAgents().entrySet()) {
            Agent agent = entry.getValue();
            String model = agent.hasDynamicModel()
                    ? "model per request"
                    : agent.model().modelString() + (agent.model().isStandIn() ? " (offline stand-in)" : "");
            agents.add(entry.getKey() + " [" + model + "]");
        }
        var provider = mastra.serverOptions().authProvider();
        String auth = provider == null
                ? "off"
                : provider.getClass().getSimpleName().isEmpty()
                        ? provider.getClass().getName()
                        : provider.getClass().getSimpleName();
        return "Mastra API listening on " + url + " | agents: "
                + (mastra.getAgents().isEmpty() ? "none" : agents) + " | auth: " + auth;
    }
}
