package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Reads the start of a JSON text as far as it goes, as the AI SDK's {@code parsePartialJson} does for streamed
 * objects: open objects and arrays are closed, a string cut short keeps what arrived, and a key or literal cut short is
 * left out. Returns null when nothing usable has arrived (or the text is not JSON).
 */
final class PartialJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int pos;

    private PartialJson(String text) {
        this.text = text;
    }

    static JsonNode parse(String text) {
        String start = text.strip();
        if (start.startsWith("```")) {
            int newline = start.indexOf('\n');
            start = newline < 0 ? "" : start.substring(newline + 1);
        }
        try {
            return new PartialJson(start).value();
        } catch (Incomplete | IllegalStateException e) {
            return null;
        }
    }

    /** Thrown where the text ends before a value could be read at all. */
    private static final class Incomplete extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Incomplete() {
            super(null, null, false, false);
        }
    }

    private JsonNode value() {
        skipSpace();
        if (pos >= text.length()) {
            throw new Incomplete();
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> NODES.textNode(string(true));
            default -> literal();
        };
    }

    private ObjectNode object() {
        ObjectNode node = NODES.objectNode();
        pos++;
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return node;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return node;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            if (c != '"') {
                throw new IllegalStateException("not JSON");
            }
            String key;
            try {
                key = string(false);
            } catch (Incomplete e) {
                return node;
            }
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                return node;
            }
            pos++;
            try {
                node.set(key, value());
            } catch (Incomplete e) {
                return node;
            }
        }
    }

    private ArrayNode array() {
        ArrayNode node = NODES.arrayNode();
        pos++;
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return node;
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return node;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            try {
                node.add(value());
            } catch (Incomplete e) {
                return node;
            }
        }
    }

    /** A string from the opening quote; cut short, it is kept as far as it goes when {@code keepPartial}. */
    private String string(boolean keepPartial) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            pos = text.length();
                            break;
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        if (keepPartial) {
            return out.toString();
        }
        throw new Incomplete();
    }

    private JsonNode literal() {
        int start = pos;
        while (pos < text.length() && "{}[],: \t\r\n\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        boolean atEnd = pos >= text.length();
        JsonNode known = switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> null;
        };
        if (known != null) {
            return known;
        }
        try {
            // A number at the end may go on in the next piece; as the AI SDK, keep what arrived.
            return number(new BigDecimal(word));
        } catch (NumberFormatException e) {
            if (atEnd) {
                throw new Incomplete();
            }
            throw new IllegalStateException("not JSON", e);
        }
    }

    private static JsonNode number(BigDecimal number) {
        if (number.scale() <= 0) {
            try {
                return NODES.numberNode(number.longValueExact());
            } catch (ArithmeticException e) {
                return NODES.numberNode(number);
            }
        }
        return NODES.numberNode(number.doubleValue());
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
