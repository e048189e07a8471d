package dev.mastra4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The many-streams load client: opens {@code --streams} authenticated {@code POST …/stream} requests over raw HTTP/1.1,
 * spread evenly over {@code --ramp-ms}, and reads every Server-Sent Events stream to its end.
 *
 * <p>One selector thread drives every connection. At 10,000 streams × 10 frames/s the client must read 100,000 frames
 * a second on a single core; a thread (even a virtual one) per connection spent most of that core on park/unpark and
 * poller re-arming, and would have become the bottleneck instead of the server under test.
 *
 * <p>Bounded: at {@code --deadline-s} after the start every connection still open is closed and counted as an error,
 * and the process exits. A stream with no bytes for {@code --stall-ms} is closed as stalled. Loopback only.
 *
 * <p>A stream succeeds when the status is 200, a {@code finish} frame and {@code data: [DONE]} arrive, and the chunked
 * body ends (or the server closes the connection). Everything else is an error with a reason. Prints on stdout:
 * <ul>
 *   <li>{@code PLATEAU open=N failed=M elapsed_ms=T} once every stream has had its first frame or failed, so a script can
 *       sample the server's memory while all streams are open;</li>
 *   <li>{@code RESULT key=value ...}: ok, errors, time to first frame and to first token (p50/p99, ms from connect),
 *       stream duration (p50/p99, s), peak open streams, frames, bytes;</li>
 *   <li>{@code ERRORS reason=count ...} (nothing after {@code ERRORS} when there were none).</li>
 * </ul>
 * Progress goes to stderr every 5 s.
 */
public final class StreamLoad {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    // Both servers start these frames with their type (see the Mastra 1.71 fixture and our Wire), so the first bytes
    // after "data: " tell the frame kind without parsing JSON.
    private static final byte[] TEXT_DELTA = "{\"type\":\"text-delta\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISH = "{\"type\":\"finish\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final int PEEK = TEXT_DELTA.length;
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    // The last chunk of a chunked body. Neither server closes the connection after a stream (Connection: close or
    // not), so the end of the body is what ends a stream. Searched for only after [DONE].
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final byte[] request;
    private final int streams;
    private final long rampNanos;
    private final long deadlineNanos;
    private final long stallNanos;

    private final long[] firstFrameNanos;
    private final long[] firstTokenNanos;
    private final long[] durationNanos;
    private final Map<String, Integer> errors = new HashMap<>();
    private int open;
    private int peakOpen;
    private int settled; // first frame seen, or failed
    private int finished;
    private int failed;
    private long frames;
    private long bytes;

    /** What a run measured; {@link #toString()} is the {@code RESULT} line's body. */
    record Result(
            int streams,
            int ok,
            int peakOpen,
            long frames,
            long bytes,
            String firstFrameP50Ms,
            String firstFrameP99Ms,
            String firstTokenP50Ms,
            String firstTokenP99Ms,
            String durationP50S,
            String durationP99S,
            double elapsedSeconds,
            Map<String, Integer> errors) {

        int failed() {
            return streams - ok;
        }

        @Override
        public String toString() {
            return String.format(
                    "streams=%d ok=%d errors=%d ttff_p50_ms=%s ttff_p99_ms=%s first_token_p50_ms=%s "
                            + "first_token_p99_ms=%s duration_p50_s=%s duration_p99_s=%s peak_open=%d frames=%d bytes=%d "
                            + "elapsed_s=%.1f",
                    streams,
                    ok,
                    failed(),
                    firstFrameP50Ms,
                    firstFrameP99Ms,
                    firstTokenP50Ms,
                    firstTokenP99Ms,
                    durationP50S,
                    durationP99S,
                    peakOpen,
                    frames,
                    bytes,
                    elapsedSeconds);
        }
    }

    StreamLoad(Map<String, String> options) {
        String host = options.getOrDefault("host", "127.0.0.1");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("The load client only talks to loopback, not " + host);
        }
        String portValue = options.get("port");
        if (portValue == null) {
            throw new IllegalArgumentException("--port is required");
        }
        int port = Integer.parseInt(portValue);
        this.address = new InetSocketAddress(host, port);
        String path = options.getOrDefault("path", "/api/agents/weatherAgent/stream");
        String token = options.getOrDefault("token", "");
        byte[] body = options.getOrDefault("body", "{\"messages\":\"Weather in London\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\n"
                        + "Host: " + host + ":" + port + "\r\n"
                        + (token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Content-Type: application/json\r\n"
                        + "Accept: text/event-stream\r\n"
                        + "Content-Length: " + body.length + "\r\n"
                        + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        this.streams = Integer.parseInt(options.getOrDefault("streams", "10000"));
        this.rampNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("ramp-ms", "10000")));
        this.deadlineNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("deadline-s", "90")));
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("stall-ms", "30000")));
        this.firstFrameNanos = new long[streams];
        this.firstTokenNanos = new long[streams];
        this.durationNanos = new long[streams];
        Arrays.fill(firstFrameNanos, -1);
        Arrays.fill(firstTokenNanos, -1);
        Arrays.fill(durationNanos, -1);
    }

    public static void main(String[] args) throws IOException {
        Result result = new StreamLoad(Args.parse(args)).run();
        System.out.println("RESULT " + result);
        StringBuilder line = new StringBuilder("ERRORS");
        result.errors()
                .forEach((reason, count) ->
                        line.append(' ').append(reason).append('=').append(count));
        System.out.println(line);
        System.out.flush();
        System.exit(0);
    }

    /** Runs once, to the end or the deadline; prints {@code PLATEAU} and progress on the way. */
    Result run() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytesOut = new byte[buffer.capacity()];
        List<Connection> live = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + deadlineNanos;
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        long nextStallCheck = start + TimeUnit.SECONDS.toNanos(1);
        boolean plateauAnnounced = false;
        int launched = 0;
        try (Selector selector = Selector.open()) {
            while (finished + failed < streams) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                while (launched < streams && now >= start + rampNanos * launched / streams) {
                    Connection connection = new Connection(launched++, now);
                    live.add(connection);
                    connection.open(selector);
                }
                long nextLaunch = launched < streams ? start + rampNanos * launched / streams : deadline;
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(nextLaunch, deadline) - now));
                selector.select(Math.min(waitMillis, 100));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection connection = (Connection) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        connection.connected();
                    } else if (key.isValid() && key.isReadable()) {
                        connection.readable(buffer, bytesOut);
                    }
                }
                now = System.nanoTime();
                if (now >= nextStallCheck) {
                    nextStallCheck = now + TimeUnit.SECONDS.toNanos(1);
                    for (Connection connection : live) {
                        connection.checkStall(now);
                    }
                    live.removeIf(c -> c.ended);
                }
                if (!plateauAnnounced && settled >= streams) {
                    plateauAnnounced = true;
                    System.out.printf(
                            "PLATEAU open=%d failed=%d elapsed_ms=%d%n",
                            open, failed, TimeUnit.NANOSECONDS.toMillis(now - start));
                    System.out.flush();
                }
                if (now >= nextProgress) {
                    nextProgress += TimeUnit.SECONDS.toNanos(5);
                    System.err.printf(
                            "t=%ds open=%d finished=%d failed=%d frames=%d%n",
                            TimeUnit.NANOSECONDS.toSeconds(now - start), open, finished, failed, frames);
                }
            }
            for (Connection connection : live) {
                connection.fail("deadline-" + connection.stage());
            }
        }
        int notStarted = streams - launched;
        if (notStarted > 0) {
            errors.merge("not-started-before-deadline", notStarted, Integer::sum);
        }
        return new Result(
                streams,
                finished,
                peakOpen,
                frames,
                bytes,
                millis(firstFrameNanos, 50),
                millis(firstFrameNanos, 99),
                millis(firstTokenNanos, 50),
                millis(firstTokenNanos, 99),
                seconds(durationNanos, 50),
                seconds(durationNanos, 99),
                (System.nanoTime() - start) / 1e9,
                new TreeMap<>(errors));
    }

    /** One stream's connection and parse state; only the selector thread touches it. */
    private final class Connection {
        private final int index;
        private final long began;
        private SocketChannel channel;
        private SelectionKey key;
        private boolean connected;
        private boolean inBody;
        private boolean ended;
        private long lastActivity;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        private final Matcher headerEnd = new Matcher(HEADER_END);
        private final Matcher data = new Matcher(DATA);
        private final Matcher lastChunk = new Matcher(LAST_CHUNK);
        private final byte[] peek = new byte[PEEK];
        private int peeked = -1; // -1: not collecting the start of a frame
        private boolean sawFinish;
        private boolean sawDone;

        Connection(int index, long began) {
            this.index = index;
            this.began = began;
            this.lastActivity = began;
        }

        void open(Selector selector) {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (channel.connect(address)) {
                    key = channel.register(selector, 0, this);
                    connected();
                } else {
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                fail("connect:" + simpleMessage(e));
            }
        }

        void connected() {
            try {
                channel.finishConnect();
                connected = true;
                peakOpen = Math.max(peakOpen, ++open);
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    // A request of about 1 KiB fits any fresh socket's send buffer; this does not spin in practice.
                    channel.write(out);
                }
                key.interestOps(SelectionKey.OP_READ);
                lastActivity = System.nanoTime();
            } catch (IOException e) {
                fail((connected ? "io-before-first-frame:" : "connect:") + simpleMessage(e));
            }
        }

        void readable(ByteBuffer buffer, byte[] array) {
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    endOfStream();
                    return;
                }
                lastActivity = System.nanoTime();
                bytes += n;
                buffer.flip();
                buffer.get(array, 0, n);
                consume(array, n);
            } catch (IOException e) {
                fail("io-" + stage() + ":" + simpleMessage(e));
            }
        }

        private void consume(byte[] array, int n) throws IOException {
            int from = 0;
            if (!inBody) {
                int end = headerEnd.find(array, 0, n);
                head.write(array, 0, end < 0 ? n : end);
                if (end < 0) {
                    if (head.size() > 16_384) {
                        fail("headers-too-long");
                    }
                    return;
                }
                inBody = true;
                int status = parseStatus(head.toString(StandardCharsets.ISO_8859_1));
                if (status != 200) {
                    fail("status-" + status);
                    return;
                }
                from = end;
            }
            for (int i = from; i < n; i++) {
                byte b = array[i];
                if (peeked >= 0) {
                    peek[peeked++] = b;
                    if (peeked == PEEK || (peeked == DONE.length && startsWith(peek, DONE))) {
                        frameStarted();
                    }
                }
                if (data.step(b)) {
                    peeked = 0;
                }
                if (sawDone && lastChunk.step(b)) {
                    complete();
                    return;
                }
            }
        }

        private void frameStarted() {
            frames++;
            long now = System.nanoTime();
            if (firstFrameNanos[index] < 0) {
                firstFrameNanos[index] = now - began;
                settled++;
            }
            if (firstTokenNanos[index] < 0 && startsWith(peek, TEXT_DELTA)) {
                firstTokenNanos[index] = now - began;
            }
            if (startsWith(peek, FINISH)) {
                sawFinish = true;
            }
            if (peeked == DONE.length && startsWith(peek, DONE)) {
                sawDone = true;
            }
            peeked = -1;
        }

        private void endOfStream() {
            if (sawDone && sawFinish) {
                complete();
            } else {
                fail(
                        !inBody
                                ? "closed-before-headers"
                                : firstFrameNanos[index] < 0
                                        ? "closed-before-first-frame"
                                        : !sawFinish ? "closed-before-finish" : "closed-before-done");
            }
        }

        private void complete() {
            if (!sawFinish) {
                fail("no-finish-frame");
                return;
            }
            durationNanos[index] = System.nanoTime() - began;
            finished++;
            close();
        }

        void checkStall(long now) {
            if (!ended && now - lastActivity > stallNanos) {
                fail("stalled-" + stage());
            }
        }

        String stage() {
            return !connected ? "connect" : firstFrameNanos[index] < 0 ? "before-first-frame" : "mid-stream";
        }

        void fail(String reason) {
            if (ended) {
                return;
            }
            failed++;
            errors.merge(reason, 1, Integer::sum);
            if (firstFrameNanos[index] < 0) {
                settled++;
            }
            close();
        }

        private void close() {
            ended = true;
            if (connected) {
                open--;
                connected = false;
            }
            if (key != null) {
                key.cancel();
            }
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String simpleMessage(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace(' ', '_');
    }

    private static int parseStatus(String head) {
        // "HTTP/1.1 200 OK"
        int space = head.indexOf(' ');
        if (!head.startsWith("HTTP/1.") || space < 0 || head.length() < space + 4) {
            return -1;
        }
        try {
            return Integer.parseInt(head.substring(space + 1, space + 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String millis(long[] nanos, int percentile) {
        long value = percentile(nanos, percentile);
        return value < 0 ? "n/a" : String.format("%.1f", value / 1e6);
    }

    private static String seconds(long[] nanos, int percentile) {
        long value = percentile(nanos, percentile);
        return value < 0 ? "n/a" : String.format("%.2f", value / 1e9);
    }

    private static long percentile(long[] nanos, int percentile) {
        long[] values = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        if (values.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(rank, values.length - 1))];
    }

    /** Finds a fixed byte pattern across buffer boundaries (Knuth–Morris–Pratt). */
    private static final class Matcher {
        private final byte[] pattern;
        private final int[] fallback;
        private int state;

        Matcher(byte[] pattern) {
            this.pattern = pattern;
            this.fallback = new int[pattern.length];
            for (int i = 1, k = 0; i < pattern.length; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = fallback[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        /** Index just past the first occurrence completed within {@code buffer[from, to)}, or -1. */
        int find(byte[] buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                if (step(buffer[i])) {
                    return i + 1;
                }
            }
            return -1;
        }

        boolean step(byte b) {
            while (state > 0 && b != pattern[state]) {
                state = fallback[state - 1];
            }
            if (b == pattern[state]) {
                state++;
            }
            if (state == pattern.length) {
                state = fallback[state - 1];
                return true;
            }
            return false;
        }
    }
}
