package dev.mastra4j.server.helidon;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's own HTTP/1.1 connections, each reading its bytes through a {@link ChunkLineReader}: the connection gets a
 * context whose reader is replaced, and everything downstream (Helidon's connection, its listeners, a wrapping
 * selector such as {@link HeaderDeadline}'s) sees that context.
 */
final class ChunkLineSelector implements ServerConnectionSelector {

    private final ServerConnectionSelector http1;
    private final long maxBody;

    /**
     * Connections made by {@code http1} (Helidon's HTTP/1.1 selector, or one that wraps it), for bodies of at most
     * {@code maxBody} bytes. {@code http1} and the connections it makes see this selector's context.
     */
    ChunkLineSelector(ServerConnectionSelector http1, long maxBody) {
        this.http1 = http1;
        this.maxBody = maxBody;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        return http1.connection(new Context(context, new ChunkLineReader(context.dataReader(), maxBody)));
    }

    /** The connection's context with its reader replaced. */
    private record Context(ConnectionContext delegate, DataReader dataReader) implements ConnectionContext {

        @Override
        public ListenerContext listenerContext() {
            return delegate.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return delegate.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return delegate.dataWriter();
        }

        @Override
        public Router router() {
            return delegate.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return delegate.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return delegate.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return delegate.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return delegate.localPeer();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String socketId() {
            return delegate.socketId();
        }

        @Override
        public String childSocketId() {
            return delegate.childSocketId();
        }
    }
}
