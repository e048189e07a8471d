package dev.mastra4j.auth.jwt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a token as four longs: a cache key that is cheap to compare and hash, and that keeps the token
 * itself out of long-lived memory (heap dumps, debuggers). For caches of long-lived tokens, such as the machine-token
 * cache. The session-token cache ({@link VerifiedTokenCache}) keys by the token itself instead: session tokens live
 * about a minute, and hashing every request's token is not free.
 */
public record TokenDigest(long a, long b, long c, long d) {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static TokenDigest of(String token) {
        MessageDigest sha256;
        try {
            // Cloning skips the provider lookup; a thread-local would not help under one virtual thread per request.
            sha256 = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        // UTF-8 is injective (ISO-8859-1 would map every other character to '?'), and for an ASCII token it is a copy.
        byte[] hash = sha256.digest(token.getBytes(StandardCharsets.UTF_8));
        return new TokenDigest((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8), (long) LONGS.get(hash, 16), (long)
                LONGS.get(hash, 24));
    }

    @Override
    public int hashCode() {
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDigest t && a == t.a && b == t.b && c == t.c && d == t.d;
    }
}
