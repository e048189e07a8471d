package dev.mastra4j.server.helidon;

/**
 * The grammar of the lines of a chunked body (RFC 9112 section 7.1): a chunk-size line, {@code 1*HEXDIG} followed by
 * chunk extensions ({@code *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )}), and a trailer field
 * line ({@code token ":" OWS field-value OWS}). Nothing else is accepted: no whitespace after the size or an
 * extension, no bare CR or LF (the reader never hands such a line over), no control characters, no folded lines.
 */
final class ChunkLine {

    /** What {@link #size(String)} returns for a line that does not follow the grammar. */
    static final long INVALID = -1;

    private ChunkLine() {}

    /**
     * The chunk size a chunk-size line declares ({@link Long#MAX_VALUE} when it does not fit a long), or
     * {@link #INVALID}.
     */
    static long size(String line) {
        int n = line.length();
        int i = 0;
        long size = 0;
        for (; i < n && hex(line.charAt(i)) >= 0; i++) {
            size = size > Long.MAX_VALUE >> 4 ? Long.MAX_VALUE : (size << 4) | hex(line.charAt(i));
        }
        if (i == 0) {
            return INVALID;
        }
        while (i < n) {
            i = whitespace(line, i);
            if (i == n || line.charAt(i) != ';') {
                return INVALID;
            }
            int name = whitespace(line, i + 1);
            int nameEnd = token(line, name);
            if (nameEnd == name) {
                return INVALID;
            }
            int equals = whitespace(line, nameEnd);
            if (equals < n && line.charAt(equals) == '=') {
                int value = whitespace(line, equals + 1);
                int valueEnd = value < n && line.charAt(value) == '"' ? quotedString(line, value) : token(line, value);
                if (valueEnd <= value) {
                    return INVALID;
                }
                i = valueEnd;
            } else {
                i = nameEnd;
            }
        }
        return size;
    }

    /** Where the extensions of a valid chunk-size line start (its length when it has none). */
    static int extensionsStart(String line) {
        int i = 0;
        while (i < line.length() && hex(line.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Whether {@code line} is a field line of a trailer section. */
    static boolean isFieldLine(String line) {
        int colon = token(line, 0);
        if (colon == 0 || colon == line.length() || line.charAt(colon) != ':') {
            return false;
        }
        for (int i = colon + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!(c == ' ' || c == '\t' || isVisible(c) || c >= 0x80)) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int whitespace(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int token(String line, int from) {
        int i = from;
        while (i < line.length() && isTokenChar(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the closing quote of the quoted-string at {@code from}, or {@link #INVALID}. */
    private static int quotedString(String line, int from) {
        for (int i = from + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == line.length()) {
                    return (int) INVALID;
                }
                char quoted = line.charAt(i);
                if (!(quoted == '\t' || quoted == ' ' || isVisible(quoted) || quoted >= 0x80)) {
                    return (int) INVALID;
                }
            } else if (!(c == '\t' || c == ' ' || (isVisible(c) && c != '"') || c >= 0x80)) {
                return (int) INVALID;
            }
        }
        return (int) INVALID;
    }

    private static boolean isVisible(char c) {
        return c >= 0x21 && c <= 0x7e;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
