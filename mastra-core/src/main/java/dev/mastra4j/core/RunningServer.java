package dev.mastra4j.core;

import java.time.Duration;

/** A started server. */
public interface RunningServer {

    /** The bound port (the real one when 0 was asked for). */
    int port();

    /** Stops accepting requests, waits up to {@code gracePeriod} for in-flight ones, then stops. */
    void stop(Duration gracePeriod);
}
