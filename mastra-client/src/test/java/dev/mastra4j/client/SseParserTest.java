package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void readsEventsSeparatedByBlankLines() throws IOException {
        assertThat(all("data: one\n\ndata: two\n\n")).containsExactly("one", "two");
    }

    @Test
    void acceptsCrLfAndLoneCrLineEndings() throws IOException {
        assertThat(all("data: crlf\r\n\r\ndata: cr\r\rdata: mixed\r\n\n")).containsExactly("crlf", "cr", "mixed");
    }

    @Test
    void dataWithoutSpaceAfterColonAndOnlyOneSpaceStripped() throws IOException {
        assertThat(all("data:tight\n\ndata:  two spaces\n\n")).containsExactly("tight", " two spaces");
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        assertThat(all("data: {\"a\":\ndata: 1}\n\n")).containsExactly("{\"a\":\n1}");
    }

    @Test
    void skipsCommentsAndOtherFields() throws IOException {
        String sse = ": keep-alive\n\nevent: message\nid: 7\nretry: 1000\ndata: payload\n\n:\n\n";
        assertThat(all(sse)).containsExactly("payload");
    }

    @Test
    void aFieldWithoutColonIsAFieldWithEmptyValue() throws IOException {
        assertThat(all("data\n\n")).containsExactly("");
    }

    @Test
    void dropsAnUnterminatedEventAtTheEnd() throws IOException {
        assertThat(all("data: complete\n\ndata: cut")).containsExactly("complete");
    }

    @Test
    void decodesUtf8SplitAcrossReads() throws IOException {
        byte[] bytes = "data: Zürich ☀ 東京\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(all(new OneByteAtATime(bytes))).containsExactly("Zürich ☀ 東京");
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineEnding() throws IOException {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(all(new OneByteAtATime(bytes))).containsExactly("a", "b");
    }

    @Test
    void returnsAnEventWithoutReadingFurther() throws IOException {
        // The stream fails if asked for anything after the first event: proof that nothing is read ahead.
        byte[] first = "data: first\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream in = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= first.length) {
                    throw new IOException("read past the first event");
                }
                int n = Math.min(len, first.length - position);
                System.arraycopy(first, position, b, off, n);
                position += n;
                return n;
            }
        };
        assertThat(new SseParser(in).nextData()).isEqualTo("first");
    }

    @Test
    void emptyBodyHasNoFirstByte() throws IOException {
        assertThat(new SseParser(new ByteArrayInputStream(new byte[0])).awaitFirstByte())
                .isFalse();
        assertThat(new SseParser(new ByteArrayInputStream(new byte[] {':'})).awaitFirstByte())
                .isTrue();
    }

    @Test
    void parsesTheRecordedMastraStream() throws IOException {
        List<String> events = all(StubServer.resource("mastra-1.71-stream.sse"));
        assertThat(events).hasSize(8);
        assertThat(events.get(0)).startsWith("{\"type\":\"start\"");
        assertThat(events.get(7)).isEqualTo("[DONE]");
    }

    private static List<String> all(String sse) throws IOException {
        return all(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> all(InputStream in) throws IOException {
        SseParser parser = new SseParser(in);
        List<String> events = new ArrayList<>();
        String data;
        while ((data = parser.nextData()) != null) {
            events.add(data);
        }
        return events;
    }

    /** Delivers one byte per read, the worst case of network fragmentation. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            b[off] = bytes[position++];
            return 1;
        }
    }
}
