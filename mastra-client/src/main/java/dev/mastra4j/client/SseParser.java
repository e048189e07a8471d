package dev.mastra4j.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events reader that works line by line on whatever bytes have arrived, so an event is available as soon
 * as its blank line is received, never after the whole body. Lines end in LF, CRLF or a lone CR. Only {@code data}
 * fields matter to Mastra; {@code event}, {@code id}, {@code retry} and comments are skipped. Not thread-safe.
 */
final class SseParser {

    /** A Mastra finish chunk repeats the whole conversation; 16 MiB is far above that and still bounds memory. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean eof;
    /** A CR ended the last line; an LF right after it belongs to the same line ending. */
    private boolean skipLeadingLf;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(InputStream in) {
        this.in = in;
    }

    /** Blocks until the first bytes of the body arrive; false when the body is empty. */
    boolean awaitFirstByte() throws IOException {
        return fill();
    }

    /** The next event's data (multi-line data joined with LF), or null at the end of the body. */
    String nextData() throws IOException {
        String text;
        while ((text = nextLine()) != null) {
            if (text.isEmpty()) {
                if (hasData) {
                    String event = data.toString();
                    data.setLength(0);
                    hasData = false;
                    return event;
                }
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (hasData) {
                data.append('\n');
            }
            if (data.length() + value.length() > MAX_EVENT_BYTES) {
                throw new IOException("stream event larger than " + MAX_EVENT_BYTES + " bytes");
            }
            data.append(value);
            hasData = true;
        }
        // The SSE spec drops an event that the body ends before terminating.
        return null;
    }

    private String nextLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (skipLeadingLf) {
                skipLeadingLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (line.size() + (end - position) > MAX_EVENT_BYTES) {
                throw new IOException("stream line longer than " + MAX_EVENT_BYTES + " bytes");
            }
            line.write(buffer, position, end - position);
            if (end < limit) {
                skipLeadingLf = buffer[end] == '\r';
                position = end + 1;
                // UTF-8 never uses CR or LF bytes inside a multi-byte character, so splitting on them is safe.
                return line.toString(StandardCharsets.UTF_8);
            }
            position = limit;
        }
    }

    /** Reads whatever is available (at least one byte, blocking until then); false at end of body. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
