package dev.mastra4j.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Not a Mastra server: the cheapest SSE server we could write, to show what the machine itself costs per frame. One
 * selector thread, frames built from pre-encoded bytes, one {@code write} per frame, no auth, no JSON library, no agent.
 * It answers any request on its port with a Mastra-shaped stream ({@code start}, one {@code text-delta} every
 * {@code --interval-ms} for {@code --tokens} tokens, {@code finish}, {@code [DONE]}), paced by the same 10 ms slot wheel as
 * {@link SlowStreamingModel}. Run under the same {@link StreamLoad} as the real servers, its CPU time per frame is the
 * floor that the kernel's loopback TCP path and the write system call set on this machine.
 *
 * <p>Arguments: {@code --port N} (0 = any), {@code --interval-ms} (100), {@code --tokens} (300). Prints {@code READY <url>}.
 */
public final class SseFloorServer {

    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final byte[] HEAD = """
            HTTP/1.1 200 OK\r
            Content-Type: text/event-stream\r
            Cache-Control: no-cache\r
            Transfer-Encoding: chunked\r
            \r
            """.getBytes(StandardCharsets.US_ASCII);

    private final int tokens;
    private final int slotCount;
    private final long slotNanos;
    private final List<List<Stream>> slots = new ArrayList<>();

    SseFloorServer(long intervalNanos, int tokens) {
        this.tokens = tokens;
        this.slotCount = (int) Math.max(1, intervalNanos / SLOT_NANOS);
        this.slotNanos = intervalNanos / slotCount;
        for (int i = 0; i < slotCount; i++) {
            slots.add(new ArrayList<>());
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Args.parse(args);
        SseFloorServer server = new SseFloorServer(
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("interval-ms", "100"))),
                Integer.parseInt(options.getOrDefault("tokens", "300")));
        ServerSocketChannel listener = listen(Integer.parseInt(options.getOrDefault("port", "0")));
        System.out.println("READY http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        System.out.flush();
        server.serve(listener);
    }

    /** A loopback listener for {@link #serve}; 0 picks a free port. */
    static ServerSocketChannel listen(int port) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        return listener;
    }

    /** Serves on this thread until {@code listener} is closed. */
    void serve(ServerSocketChannel listener) throws IOException {
        try (Selector selector = Selector.open();
                listener) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
            long origin = System.nanoTime();
            long next = origin + slotNanos;
            while (listener.isOpen()) {
                long wait = TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime());
                if (wait > 0) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel channel;
                        while (listener.isOpen() && (channel = listener.accept()) != null) {
                            channel.configureBlocking(false);
                            Stream stream = new Stream(channel);
                            stream.key = channel.register(selector, SelectionKey.OP_READ, stream);
                        }
                    } else {
                        Stream stream = (Stream) key.attachment();
                        if (key.isWritable()) {
                            stream.flushPending(key);
                        }
                        if (key.isValid() && key.isReadable()) {
                            stream.readable(key, readBuffer, slots.get((int)
                                    (((System.nanoTime() - origin) / slotNanos) % slotCount)));
                        }
                    }
                }
                // One slot per turn, so accepting and reading go on when the writes fall behind the clock.
                if (System.nanoTime() >= next) {
                    int slot = (int) (((next - origin) / slotNanos) % slotCount);
                    slots.get(slot).removeIf(Stream::tick);
                    next += slotNanos;
                }
            }
        }
    }

    /** One connection: reads a request, then streams. */
    private final class Stream {
        private final SocketChannel channel;
        private SelectionKey key;
        private final String runId = UUID.randomUUID().toString();
        private final byte[] deltaPrefix;
        private final StringBuilder request = new StringBuilder();
        private boolean streaming;
        private int sent;
        private ByteBuffer pending;

        Stream(SocketChannel channel) {
            this.channel = channel;
            this.deltaPrefix = ("data: {\"type\":\"text-delta\",\"runId\":\"" + runId
                            + "\",\"from\":\"AGENT\",\"payload\":{\"id\":\"text-1\",\"text\":\"")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        void readable(SelectionKey key, ByteBuffer buffer, List<Stream> slot) {
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    close(key);
                    return;
                }
                if (streaming) {
                    return; // a pipelined or stray byte; the stream goes on
                }
                request.append(new String(buffer.array(), buffer.arrayOffset(), n, StandardCharsets.ISO_8859_1));
                if (request.indexOf("\r\n\r\n") >= 0) {
                    streaming = true;
                    ByteBuffer out = ByteBuffer.allocate(HEAD.length + 256);
                    out.put(HEAD);
                    chunk(
                            out,
                            ("data: {\"type\":\"start\",\"runId\":\"" + runId
                                            + "\",\"from\":\"AGENT\",\"payload\":{\"id\":\"weatherAgent\"}}\n\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    write(key, out.flip());
                    slot.add(this);
                }
            } catch (IOException e) {
                close(key);
            }
        }

        /** Called by the wheel; true when this stream is over and leaves the wheel. */
        boolean tick() {
            if (!key.isValid()) {
                return true;
            }
            if (pending != null) {
                return false; // the client is behind; skip this tick as a real server's queue would wait
            }
            ByteBuffer out = ByteBuffer.allocate(deltaPrefix.length + 64);
            if (sent < tokens) {
                byte[] text = ("tok" + sent++ + " \"}}\n\n").getBytes(StandardCharsets.US_ASCII);
                byte[] frame = new byte[deltaPrefix.length + text.length];
                System.arraycopy(deltaPrefix, 0, frame, 0, deltaPrefix.length);
                System.arraycopy(text, 0, frame, deltaPrefix.length, text.length);
                chunk(out, frame);
                write(key, out.flip());
                return false;
            }
            out = ByteBuffer.allocate(512);
            chunk(
                    out,
                    ("data: {\"type\":\"finish\",\"runId\":\"" + runId
                                    + "\",\"from\":\"AGENT\",\"payload\":{\"stepResult\":{\"reason\":\"stop\"}}}\n\n")
                            .getBytes(StandardCharsets.US_ASCII));
            chunk(out, "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
            out.put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            write(key, out.flip());
            return true;
        }

        void flushPending(SelectionKey key) {
            write(key, pending);
        }

        private void write(SelectionKey key, ByteBuffer out) {
            try {
                channel.write(out);
                if (out.hasRemaining()) {
                    pending = out;
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                } else if (pending != null) {
                    pending = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            } catch (IOException e) {
                close(key);
            }
        }

        private void close(SelectionKey key) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static void chunk(ByteBuffer out, byte[] data) {
        out.put(Integer.toHexString(data.length).getBytes(StandardCharsets.US_ASCII))
                .put((byte) '\r')
                .put((byte) '\n');
        out.put(data).put((byte) '\r').put((byte) '\n');
    }
}
