package dev.mastra4j.server.helidon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The address the server listens on, and whether something already listens there. The check binds a socket of its
 * own (with {@code SO_REUSEADDR}, so connections of an earlier run in {@code TIME_WAIT} do not count) and closes it
 * at once: binding fails exactly when another socket listens on the address.
 */
record ListenAddress(String host, InetSocketAddress address) {

    static ListenAddress of(String host, int port) {
        try {
            return new ListenAddress(host, new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot listen on " + host + ":" + port + ": unknown host", e);
        }
    }

    ListenAddress withPort(int port) {
        return new ListenAddress(host, new InetSocketAddress(address.getAddress(), port));
    }

    /** Empty when the address could be bound now (nothing listens there); else why not. */
    Optional<IOException> bindFailure() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address, 1);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }

    /** The exception {@link dev.mastra4j.core.Mastra#start()} throws when the server cannot listen. */
    UncheckedIOException cannotListen(IOException failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new UncheckedIOException("Cannot listen on " + this + ": " + reason, failure);
    }

    @Override
    public String toString() {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return shown + ":" + address.getPort();
    }
}
