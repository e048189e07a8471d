package dev.mastra4j.server.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one path normalisation of the server. Authentication and routing both see its output, so no spelling of a
 * path can mean one thing to the auth patterns and another to the router.
 *
 * <ul>
 *   <li>Rejected: a path not starting with {@code /}; raw characters outside printable ASCII; a raw or encoded
 *       backslash; an encoded slash ({@code %2F}); an encoded control character (including NUL); a {@code %} not
 *       followed by two hex digits; bytes that are not valid UTF-8 (including overlong forms); {@code ..} above
 *       the root.</li>
 *   <li>Then: percent-decoding exactly once ({@code %2561} becomes {@code %61}, not {@code a}); empty segments
 *       ({@code //}, a trailing {@code /}) and {@code .} dropped; {@code ..} removes the segment before it.</li>
 *   <li>Kept: letter case, and matrix parameters ({@code ;x} stays part of its segment).</li>
 * </ul>
 */
public final class PathNormalizer {

    private PathNormalizer() {}

    /** The normalised, decoded path, such as {@code /api/agents}; {@code /} for the root. */
    public static String normalize(String rawPath) throws InvalidPathException {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new InvalidPathException("path must start with /");
        }
        String decoded = decode(rawPath);
        Deque<String> segments = new ArrayDeque<>();
        int start = 1;
        int length = decoded.length();
        while (start <= length) {
            int slash = decoded.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            String segment = decoded.substring(start, end);
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new InvalidPathException(".. above the root");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
            start = end + 1;
        }
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    private static String decode(String raw) throws InvalidPathException {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidPathException("character outside printable ASCII");
            }
            if (c == '\\') {
                throw new InvalidPathException("backslash");
            }
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                throw new InvalidPathException("truncated percent-encoding");
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw new InvalidPathException("invalid percent-encoding");
            }
            int b = (high << 4) | low;
            if (b == '/') {
                throw new InvalidPathException("encoded slash");
            }
            if (b == '\\') {
                throw new InvalidPathException("encoded backslash");
            }
            if (b < 0x20 || b == 0x7F) {
                throw new InvalidPathException("encoded control character");
            }
            bytes.put((byte) b);
            i += 2;
        }
        bytes.flip();
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            // The JDK decoder rejects overlong forms, surrogates and truncated sequences.
            chars = utf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidPathException("invalid UTF-8");
        }
        for (int i = 0; i < chars.length(); i++) {
            if (Character.isISOControl(chars.charAt(i))) {
                throw new InvalidPathException("control character");
            }
        }
        return chars.toString();
    }
}
