package dev.mastra4j.server.helidon;

import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.RunningServer;
import dev.mastra4j.core.ServerEngine;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.util.Ids;
import dev.mastra4j.server.MastraHttpApi;
import dev.mastra4j.server.http.ErrorResponse;
import dev.mastra4j.server.http.RequestPipeline;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Mastra} with Helidon SE 4 (one virtual thread per request). Registered for
 * {@link java.util.ServiceLoader}, so {@link Mastra#start()} finds it when mastra-server is on the classpath.
 *
 * <p>Helidon only carries bytes here: one catch-all route hands every request, whatever its method and path, to the
 * engine-neutral {@link RequestPipeline}, so path normalisation and auth run before any routing. Helidon's own path
 * validation and payload limit are off (the pipeline does both, after auth),, its error pages are replaced by JSON
 * ones ({@link JsonDirectHandler}), and chunked bodies are framed by RFC 9112 ({@link ChunkLineSelector}).
 *
 * <p>Against hostile traffic the listener accepts at most {@link ServerOptions#maxConnections()} connections (below
 * the open-file limit, so accepting never fails for want of a descriptor), closes connections that are slow to send
 * a request head ({@link HeaderDeadline}) or idle too long, and answers oversized headers with 431. A port that is
 * already taken makes {@link #start} throw; a listener that dies later ends the process ({@link ListenerWatchdog}).
 *
 * <p>Starting a server changes no JVM-wide setting (system properties, logging levels); the application opts into
 * those with {@link JvmDefaults}.
 */
public final class HelidonServerEngine implements ServerEngine {

    private static final Logger LOG = LoggerFactory.getLogger(HelidonServerEngine.class);

    /** The system property that turns on the start-up phase marks ({@link #startupMark}). */
    static final String STARTUP_TRACE_PROPERTY = "mastra4j.startup.trace";

    private static final boolean STARTUP_TRACE = Boolean.getBoolean(STARTUP_TRACE_PROPERTY);

    public HelidonServerEngine() {}

    @Override
    public RunningServer start(Mastra mastra) {
        ServerOptions options = mastra.serverOptions();
        ListenAddress address = ListenAddress.of(options.host(), options.port());
        if (options.port() != 0) {
            // Checked first so that a busy port is one clear exception, not Helidon's stack trace and then ours.
            address.bindFailure().ifPresent(failure -> {
                throw address.cannotListen(failure);
            });
        }
        warnIfConnectionsCanExhaustDescriptors(options);
        // ServerOptions.meterRegistry (default Micrometer's global registry, a no-op until a registry is added to it),
        // and the Prometheus scrape endpoint when asked for.
        RequestPipeline pipeline =
                MastraHttpApi.pipeline(mastra, options.observability().meterRegistry(), true);
        startupMark("pipeline");
        HeaderDeadline headerDeadline = new HeaderDeadline(options.headerTimeout());
        Http1Config http1 = Http1Config.builder()
                .validatePath(false)
                .maxHeadersSize(options.maxHeaderBytes())
                .addReceiveListener(headerDeadline)
                .build();
        WebServer server = WebServer.builder()
                .host(options.host())
                .address(address.address().getAddress())
                .port(options.port())
                .maxPayloadSize(-1)
                .shutdownHook(false)
                // No Nagle: Helidon writes an answer larger than its write buffer in several writes, and Nagle would
                // hold the last one until the client's delayed ACK (up to 40 ms on Linux) for every such answer.
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                // HTTP/1.1 is the one protocol, through a selector that puts each connection under the header
                // deadline and frames chunked bodies by RFC 9112. No other protocol is looked up: with a second
                // candidate Helidon reads the first bytes before the connection exists, where no timeout applies.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new ChunkLineSelector(
                        headerDeadline.track(
                                Http1ConnectionSelector.builder().config(http1).build()),
                        options.maxBodyBytes()))
                .maxTcpConnections(options.maxConnections())
                .idleConnectionTimeout(options.idleTimeout())
                .idleConnectionPeriod(idleCheckPeriod(options.idleTimeout()))
                // Hands Helidon's own error messages to JsonDirectHandler (which never sends them), so that it can
                // tell headers that are too large (431) from other malformed requests (400).
                .errorHandling(errors -> errors.includeEntity(true))
                .directHandlers(JsonDirectHandler.all())
                .routing(routing -> routing.any((req, res) -> {
                            pipeline.handle(new HelidonRequest(req), new HelidonResponse(res));
                            // The connection ends after this answer when either side said "Connection: close" (Helidon
                            // 4.5.0 sends the header but keeps the socket, helidon-io/helidon#12324), and whenever the
                            // request body was not read to its end: the pipeline then sent "Connection: close" and read
                            // at most a few kilobytes of the rest, and Helidon must neither drain the rest nor read it
                            // as the next request. Commit first (a streamed body's last chunk is written at commit).
                            boolean bodyUnread =
                                    req.content().hasEntity() && !req.content().consumed();
                            if (bodyUnread
                                    || req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
                                    || res.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                                if (res instanceof RoutingResponse routed) {
                                    routed.commit();
                                }
                                throw new CloseConnectionException("Connection: close");
                            }
                        })
                        .error(Throwable.class, (req, res, failure) -> {
                            // The pipeline answers every failure itself; this only catches a bug in the adapter.
                            String requestId = Ids.uuid();
                            LOG.error(
                                    "Request {} failed in the Helidon adapter", requestId, LogSafe.throwable(failure));
                            RequestPipeline.writeError(
                                    new HelidonResponse(res), ErrorResponse.forFailure(failure, requestId), requestId);
                        }))
                .build()
                .start();
        startupMark("helidon");
        if (!server.isRunning()) {
            // Helidon logs why and returns a stopped server; the port may have been taken since the check above.
            throw address.cannotListen(address.bindFailure()
                    .orElseGet(() -> new IOException("the listener failed to start (see the error logged above)")));
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("mastra4j-listener-housekeeping")
                .factory());
        headerDeadline.startSweeping(housekeeping);
        var unused = MastraHttpApi.warmUp(mastra).thenRun(() -> startupMark("warmed-up")); // warm-up is best effort
        ListenerWatchdog watchdog = new ListenerWatchdog(
                address.withPort(server.port()),
                pipeline::beginDrain,
                System::exit,
                housekeeping,
                ListenerWatchdog.PERIOD);
        HelidonRunningServer running = new HelidonRunningServer(
                server, pipeline, options.shutdownTimeout(), watchdog, headerDeadline, housekeeping);
        LOG.info(MastraHttpApi.startupLine(mastra, url(options.host(), server.port())));
        return running;
    }

    /**
     * With the system property {@value #STARTUP_TRACE_PROPERTY} set to {@code true} (default: off), prints
     * {@code startup-trace <phase> <epoch-ms>} to stderr, the start-up phase marks that
     * {@code benchmarks/startup/trace.sh} reads.
     */
    static void startupMark(String phase) {
        if (STARTUP_TRACE) {
            System.err.println("startup-trace " + phase + " " + System.currentTimeMillis());
        }
    }

    /** How often Helidon looks for idle connections: a tenth of the timeout, at least every second. */
    static Duration idleCheckPeriod(Duration idleTimeout) {
        Duration tenth = idleTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }

    private static void warnIfConnectionsCanExhaustDescriptors(ServerOptions options) {
        int safe = ServerOptions.defaultMaxConnections();
        if (options.maxConnections() > safe) {
            LOG.warn(
                    "maxConnections {} leaves fewer free file descriptors than the default ({} for this process's "
                            + "open-file limit); a flood of connections can exhaust them, which stops the listener and the "
                            + "process",
                    options.maxConnections(),
                    safe);
        }
    }

    static String url(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::")
                ? "localhost"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }

    /** A started Helidon server with graceful stop. */
    private static final class HelidonRunningServer implements RunningServer {
        private static final Duration MAX_WIND_DOWN = Duration.ofSeconds(1);
        private static final Duration MAX_ACCEPT_LOOP_END = Duration.ofSeconds(1);
        private final WebServer server;
        private final RequestPipeline pipeline;
        private final ListenerWatchdog watchdog;
        private final HeaderDeadline headerDeadline;
        private final ScheduledExecutorService housekeeping;
        private final Thread shutdownHook;
        private boolean stopped;

        HelidonRunningServer(
                WebServer server,
                RequestPipeline pipeline,
                Duration shutdownTimeout,
                ListenerWatchdog watchdog,
                HeaderDeadline headerDeadline,
                ScheduledExecutorService housekeeping) {
            this.server = server;
            this.pipeline = pipeline;
            this.watchdog = watchdog;
            this.headerDeadline = headerDeadline;
            this.housekeeping = housekeeping;
            this.shutdownHook = new Thread(() -> stop(shutdownTimeout), "mastra4j-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down.
            }
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public synchronized void stop(Duration gracePeriod) {
            if (stopped) {
                return;
            }
            stopped = true;
            // First, so that the port closing below is not taken for a dead listener. Never waits for the
            // watchdog's thread: that thread may be the one exiting the JVM, which runs this as a shutdown hook.
            watchdog.stop();
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down.
                }
            }
            pipeline.beginDrain();
            // The last part of the grace period is for streams that would outlast it: they are asked to end, so
            // their clients get an error frame and [DONE] rather than a connection closed mid-answer.
            Duration windDown =
                    gracePeriod.dividedBy(4).compareTo(MAX_WIND_DOWN) < 0 ? gracePeriod.dividedBy(4) : MAX_WIND_DOWN;
            try {
                if (!pipeline.awaitIdle(gracePeriod.minus(windDown))) {
                    int ended = pipeline.endOpenStreams();
                    if (ended > 0) {
                        LOG.info("Ending {} open stream(s) so the server can stop", ended);
                    }
                    if (!pipeline.awaitIdle(windDown)) {
                        LOG.warn(
                                "{} request(s) still running after {}; stopping anyway",
                                pipeline.inFlight(),
                                gracePeriod);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Helidon's stop interrupts its accepting thread just after closing the port, which can drop a
            // connection accepted at that moment unanswered; the accept loop is ended without an interrupt first.
            AcceptLoopStop.stopAccepting(server, MAX_ACCEPT_LOOP_END);
            server.stop();
            IdleTimerRelease.after(server);
            headerDeadline.stop();
            housekeeping.shutdown();
            LOG.info("Mastra API stopped");
        }
    }
}
