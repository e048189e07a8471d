package dev.mastra4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes the caller's credentials from text that ends up in an exception message: a server or proxy may echo a
 * token back in an error body, and exception messages end up in logs.
 */
final class SecretRedactor {

    private static final String MASK = "[redacted]";
    private final List<String> secrets = new ArrayList<>();

    SecretRedactor(String token, Map<String, String> headers) {
        if (token != null && !token.isEmpty()) {
            secrets.add(token);
        }
        headers.forEach((name, value) -> {
            if (isCredentialHeader(name) && !value.isBlank()) {
                secrets.add(value);
                int space = value.indexOf(' ');
                if (space > 0 && space < value.length() - 1) {
                    // "Bearer abc": the bare credential may be echoed without its scheme.
                    secrets.add(value.substring(space + 1).trim());
                }
            }
        });
    }

    private static boolean isCredentialHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization")
                || lower.equals("cookie")
                || lower.contains("key")
                || lower.contains("token")
                || lower.contains("secret");
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
