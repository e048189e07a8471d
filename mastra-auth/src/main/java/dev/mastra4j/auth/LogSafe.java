package dev.mastra4j.auth;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one way client-controlled text reaches a log: request paths, methods and header values, ids taken from a
 * request, tool names a model produced, and exception messages that may quote any of these. CR, LF, tab, every other
 * control character (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional controls are
 * written as escapes ({@code \r}, {@code \n}, {@code \t}, {@code \}{@code u2028}...) and a backslash is doubled, so a
 * value can neither start a log line of its own nor make one look like something else. Long values are cut.
 *
 * <p>It lives in mastra-auth because every other server-side module builds on that one.
 */
public final class LogSafe {

    /** Characters of a value kept by {@link #text(Object)}; the rest is replaced by a count. */
    public static final int MAX_TEXT = 200;
    /** Characters of an exception message kept by {@link #throwable(Throwable)}. */
    public static final int MAX_MESSAGE = 1000;

    private static final int MAX_CAUSES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {}

    /** {@code value}'s text, escaped and cut to {@link #MAX_TEXT} characters; {@code "null"} for null. */
    public static String text(Object value) {
        return escape(String.valueOf(value), MAX_TEXT);
    }

    /**
     * A stand-in for {@code failure} to hand to a logger: the same stack trace, with the class name and message of
     * the failure and of each cause and suppressed exception escaped as {@link #text(Object)} does (messages cut to
     * {@link #MAX_MESSAGE}). Null stays null.
     */
    public static Throwable throwable(Throwable failure) {
        return failure == null ? null : escaped(failure, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static Throwable escaped(Throwable failure, Set<Throwable> seen, int depth) {
        seen.add(failure);
        String message = failure.getMessage();
        Escaped copy = new Escaped(escape(failure.getClass().getName(), MAX_TEXT)
                + (message == null ? "" : ": " + escape(message, MAX_MESSAGE)));
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null && !seen.contains(cause) && depth < MAX_CAUSES) {
            copy.initCause(escaped(cause, seen, depth + 1));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (!seen.contains(suppressed) && depth < MAX_CAUSES) {
                copy.addSuppressed(escaped(suppressed, seen, depth + 1));
            }
        }
        return copy;
    }

    private static String escape(String value, int max) {
        int length = Math.min(value.length(), max);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(length + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        String escaped = out == null ? value.substring(0, length) : out.toString();
        return value.length() > max ? escaped + "...(" + value.length() + " chars)" : escaped;
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default ->
                c < 0x20
                                || (c >= 0x7f && c <= 0x9f)
                                || c == '\u2028'
                                || c == '\u2029'
                                || (c >= '\u202a' && c <= '\u202e')
                                || (c >= '\u2066' && c <= '\u2069')
                                || c == '\u200e'
                                || c == '\u200f'
                                || c == '\u061c'
                        ? unicode(c)
                        : null;
        };
    }

    private static String unicode(char c) {
        return "\\u" + HEX[c >> 12 & 0xf] + HEX[c >> 8 & 0xf] + HEX[c >> 4 & 0xf] + HEX[c & 0xf];
    }

    /**
     * What a logger sees in place of an exception: its escaped class name and message, its stack trace. It overrides
     * {@code toString} rather than {@code getMessage} on purpose: loggers print {@code toString} as the first line of
     * a stack trace, and that line must be the escaped text alone, without this class's name in front of it.
     */
    @SuppressWarnings("OverrideThrowableToString")
    private static final class Escaped extends RuntimeException {
        private final String shown;

        Escaped(String shown) {
            super(shown);
            this.shown = shown;
        }

        @Override
        public String toString() {
            return shown;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
