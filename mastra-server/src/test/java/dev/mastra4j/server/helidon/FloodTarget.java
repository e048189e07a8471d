package dev.mastra4j.server.helidon;

import dev.mastra4j.core.Mastra;

/**
 * Run in a child JVM by {@link DescriptorFloodTest}, under a lowered open-file limit: starts a server on 127.0.0.1
 * (any port; {@code args[0]} = maxConnections, 0 for the default), prints its port and connection cap, and serves
 * until its standard input closes.
 */
public final class FloodTarget {

    public static void main(String[] args) throws Exception {
        int maxConnections = Integer.parseInt(args[0]);
        try (Mastra mastra = Mastra.builder()
                .server(s -> {
                    s.host("127.0.0.1").port(0);
                    if (maxConnections > 0) {
                        s.maxConnections(maxConnections);
                    }
                })
                .build()
                .start()) {
            System.out.println("port=" + mastra.port() + " maxConnections="
                    + mastra.serverOptions().maxConnections());
            System.out.flush();
            while (System.in.read() != -1) {
                // Serve until the test closes our input (or goes away).
            }
        }
    }
}
