package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An agent run streamed as it happens. Events are parsed as their bytes arrive; iteration blocks until the next
 * event and ends at the server's {@code [DONE]}. Single use, like {@link java.nio.file.DirectoryStream}: iterate it,
 * or call {@link #chunks()}, {@link #textStream()} or {@link #text()}, once.
 *
 * <p>{@link #close()} drops the connection, which the server turns into cancelling the run; it may be called from
 * another thread, and the iterating thread then sees the end of the stream. Use try-with-resources.
 */
public final class StreamResponse implements Iterable<StreamEvent>, AutoCloseable {

    private final SseParser parser;
    private final InputStream body;
    private final String describe;
    private final String requestId;
    private volatile boolean closed;
    private boolean consumed;

    StreamResponse(SseParser parser, InputStream body, String describe, String requestId) {
        this.parser = parser;
        this.body = body;
        this.describe = describe;
        this.requestId = requestId;
    }

    /**
     * The events in order, {@code error} chunks included. A connection that breaks, or a body that ends without
     * {@code [DONE]} before the {@code finish} chunk, raises {@link MastraClientException} from {@code hasNext}.
     */
    @Override
    public Iterator<StreamEvent> iterator() {
        if (consumed) {
            throw new IllegalStateException("a StreamResponse can be consumed only once");
        }
        consumed = true;
        return new Events();
    }

    /** The events as a sequential stream; closing the stream closes the connection. */
    public Stream<StreamEvent> chunks() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(this::close);
    }

    /**
     * Only the text: each {@code text-delta} chunk's {@code payload.text}. An {@code error} chunk is raised as
     * {@link MastraClientException}, so a failed run never reads as a short answer.
     */
    public Stream<String> textStream() {
        return chunks().map(this::raiseError)
                .filter(event -> "text-delta".equals(event.type()))
                .map(event -> JsonFields.text(event.payload(), "text"))
                .filter(text -> text != null);
    }

    /** Waits for the whole run and returns its text; an {@code error} chunk is raised as {@link MastraClientException}. */
    public String text() {
        try (Stream<String> text = textStream()) {
            return text.collect(Collectors.joining());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing is abandoning the connection; there is nothing left to report.
        }
    }

    private StreamEvent raiseError(StreamEvent event) {
        if (event.isError()) {
            String message = event.errorMessage();
            close();
            throw new MastraClientException(
                    describe + " reported an error: " + message, 200, message, null, List.of(), requestId, null);
        }
        return event;
    }

    private MastraClientException broken(String why, Throwable cause) {
        close();
        return new MastraClientException(
                describe + " stream broke off: " + why, 200, null, null, List.of(), requestId, cause);
    }

    private final class Events implements Iterator<StreamEvent> {
        private StreamEvent next;
        private boolean done;
        private boolean finishSeen;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            String data;
            try {
                data = closed ? null : parser.nextData();
            } catch (IOException e) {
                if (closed) {
                    data = null;
                } else {
                    done = true;
                    throw broken(String.valueOf(e.getMessage()), e);
                }
            }
            if (data == null) {
                done = true;
                boolean wasClosed = closed;
                close();
                // After finish the run is complete, so a missing [DONE] loses nothing; before it, the answer is cut.
                if (!wasClosed && !finishSeen) {
                    throw broken("the body ended before [DONE]", null);
                }
                return false;
            }
            if (data.equals("[DONE]")) {
                done = true;
                close();
                return false;
            }
            JsonNode node;
            try {
                node = JsonFields.MAPPER.readTree(data);
            } catch (IOException e) {
                done = true;
                throw broken("a chunk is not JSON", e);
            }
            if (node == null || !node.isObject()) {
                done = true;
                throw broken("a chunk is not a JSON object", null);
            }
            next = StreamEvent.fromJson(node);
            if ("finish".equals(next.type())) {
                finishSeen = true;
            }
            return true;
        }

        @Override
        public StreamEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StreamEvent event = next;
            next = null;
            return event;
        }
    }
}
