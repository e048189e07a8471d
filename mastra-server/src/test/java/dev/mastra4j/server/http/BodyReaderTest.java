package dev.mastra4j.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    /** An endless body that counts what was taken from it. */
    static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }

    @Test
    void readsAtMostOneByteOverTheLimit() {
        Endless body = new Endless();
        assertThatThrownBy(() -> BodyReader.read(body, -1, 10_000))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.error()).isEqualTo("Request body too large");
                    assertThat(e.headers()).containsEntry("Connection", "close");
                });
        assertThat(body.served).isEqualTo(10_001);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReading() {
        Endless body = new Endless();
        assertThatThrownBy(() -> BodyReader.read(body, 10_001, 10_000)).isInstanceOf(HttpStatusException.class);
        assertThat(body.served).isZero();
    }

    @Test
    void aBodyUpToTheLimitIsReturnedWhole() {
        byte[] bytes = new byte[10_000];
        bytes[9_999] = 7;
        assertThat(BodyReader.read(new ByteArrayInputStream(bytes), 10_000, 10_000))
                .isEqualTo(bytes);
        assertThat(BodyReader.read(new ByteArrayInputStream(new byte[0]), -1, 10))
                .isEmpty();
    }

    @Test
    void anUnderstatedLengthDoesNotLetMoreThroughThanTheLimit() {
        // The engine frames by Content-Length; if a stream still yields more, the limit holds anyway.
        Endless body = new Endless();
        assertThatThrownBy(() -> BodyReader.read(body, 5, 100)).isInstanceOf(HttpStatusException.class);
        assertThat(body.served).isEqualTo(101);
    }

    @Test
    void discardingStopsAtTheBudgetAtTheEndAndAtAFailure() {
        Endless endless = new Endless();
        assertThat(BodyReader.discard(endless, 64 * 1024)).isFalse();
        assertThat(endless.served).isLessThanOrEqualTo(64 * 1024 + 8192);
        assertThat(BodyReader.discard(new ByteArrayInputStream(new byte[1000]), 64 * 1024))
                .isTrue();
        // The engine reports malformed framing as an HttpStatusException from inside the stream.
        InputStream malformed = new InputStream() {
            @Override
            public int read() {
                throw new HttpStatusException(400, "Invalid chunked body");
            }
        };
        assertThat(BodyReader.discard(malformed, 64 * 1024)).isFalse();
    }
}
