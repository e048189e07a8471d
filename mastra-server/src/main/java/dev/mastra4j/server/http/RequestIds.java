package dev.mastra4j.server.http;

import dev.mastra4j.core.util.Ids;
import java.util.List;

/**
 * The request id of a request: the caller's {@code X-Request-Id} when it is sane (1 to {@value #MAX_LENGTH}
 * characters of letters, digits and {@code - _ . : /}), else a new UUID. The id is echoed in the response and logged,
 * so nothing else is accepted.
 */
final class RequestIds {

    static final int MAX_LENGTH = 128;

    private RequestIds() {}

    static String of(List<String> incoming) {
        if (incoming.size() == 1 && sane(incoming.getFirst())) {
            return incoming.getFirst();
        }
        return Ids.uuid();
    }

    static boolean sane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
