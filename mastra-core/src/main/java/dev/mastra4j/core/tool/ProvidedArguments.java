package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Provided arguments: ...} part of Mastra's tool validation message: the input as JavaScript's
 * {@code JSON.stringify(input, null, 2)} prints it, cut after {@value #MAX_LENGTH} characters with {@code ...
 * (truncated)}, as Mastra's {@code truncateForLogging} does. Unlike Mastra, values under keys that look secret
 * ({@code password}, {@code secret}, {@code token}, {@code apiKey}, {@code api_key}, {@code auth}, {@code credential},
 * the list Mastra redacts request context with) are printed as {@code "[REDACTED]"}.
 */
final class ProvidedArguments {

    static final int MAX_LENGTH = 200;
    private static final String TRUNCATED = "... (truncated)";
    private static final List<String> SENSITIVE =
            List.of("password", "secret", "token", "apikey", "api_key", "auth", "credential");
    private static final String REDACTED = "\"[REDACTED]\"";

    private ProvidedArguments() {}

    static String of(JsonNode input) {
        StringBuilder text = new StringBuilder();
        if (input == null || input.isMissingNode()) {
            // JSON.stringify(undefined) is undefined, which a template literal prints as such.
            return "undefined";
        }
        write(input, 0, text);
        if (text.length() <= MAX_LENGTH) {
            return text.toString();
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + TRUNCATED;
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (node.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    newline(depth + 1, out);
                    out.append(TextNode.valueOf(field.getKey())).append(": ");
                    if (isSensitive(field.getKey())) {
                        out.append(REDACTED);
                    } else {
                        write(field.getValue(), depth + 1, out);
                    }
                    if (fields.hasNext()) {
                        out.append(',');
                    }
                }
                newline(depth, out);
                out.append('}');
            }
            case ARRAY -> {
                if (node.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    newline(depth + 1, out);
                    write(node.get(i), depth + 1, out);
                    if (i < node.size() - 1) {
                        out.append(',');
                    }
                }
                newline(depth, out);
                out.append(']');
            }
            case NUMBER -> out.append(number(node));
            default -> out.append(node);
        }
    }

    /** A number as JavaScript prints it: integral values without a fraction. */
    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        double value = node.doubleValue();
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            return BigDecimal.valueOf(value).toBigInteger().toString();
        }
        return node.asText();
    }

    private static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n');
        out.append("  ".repeat(depth));
    }
}
